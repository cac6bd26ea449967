import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/monitoring/request-log-csv.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

/**
 * Spend and the request log's API (issue #19) against real Postgres and Redis: the usage breakdowns (user × model and
 * per key, most expensive first, named), the log's model and key filters, the CSV export of the filtered set, and
 * what a request's drawer joins (its firewall events). Bad input is a 400 naming the field; roles are enforced.
 */

let gw: Gateway;
const tokens: Record<'developer' | 'analyst', string> = { developer: '', analyst: '' };
let keyId = '';
let blockedId = '';

const get = (url: string, who: keyof typeof tokens | string = 'analyst') =>
  gw.app.inject({ url, headers: { authorization: `Bearer ${who in tokens ? tokens[who as keyof typeof tokens] : who}` } });
const ask = async (token: string, payload: Record<string, unknown>) => {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${token}` }, payload: { cache: false, ...payload } });
  return res.headers['x-moolai-record-id'] as string;
};

beforeAll(async () => {
  // Phoenix's address only makes the trace link (nothing listens there: no feedback or verdict is sent in this file).
  gw = await startGateway({ LLM_MAX_RETRIES: '0', PHOENIX_URL: 'http://127.0.0.1:9/phoenix/' });
  tokens.developer = await gw.login('dinakar_developer');
  tokens.analyst = await gw.login('amogh_analyst');
  const key = await gw.app.inject({ method: 'POST', url: '/api/v1/keys', headers: { authorization: `Bearer ${tokens.developer}` }, payload: { name: '=ci-runner' } });
  expect(key.statusCode).toBe(201);
  keyId = key.json().id;
  await ask(tokens.developer, { prompt: 'one' });
  await ask(tokens.developer, { prompt: 'two' });
  await ask(key.json().key, { prompt: 'three' });
  await ask(tokens.analyst, { prompt: 'four', model: 'claude-3-5-haiku' });
  blockedId = await ask(tokens.developer, { prompt: 'deploy with ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 please' });
  await Promise.all([gw.app.firewall.events.flush(), gw.records()]);
});

afterAll(async () => {
  await gw?.close();
});

describe('GET /api/v1/analytics/usage', () => {
  it('answers user × model and per key, most expensive first, with usernames and key names, and sums to the records', async () => {
    const res = await get('/api/v1/analytics/usage');
    expect(res.statusCode).toBe(200);
    const u = res.json();
    const records = await gw.records();
    const expected = new Map<string, number>();
    for (const r of records) expected.set(`${r.userId}|${r.model}`, (expected.get(`${r.userId}|${r.model}`) ?? 0) + r.costUsd);
    expect(u.by_user_model.map((r: { user_id: string; model: string }) => `${r.user_id}|${r.model}`)).toEqual([...expected].sort((a, b) => b[1] - a[1]).map(([k]) => k));
    for (const r of u.by_user_model) expect(r.cost_usd).toBeCloseTo(expected.get(`${r.user_id}|${r.model}`)!, 8);
    expect(u.by_user_model.find((r: { user_id: string }) => r.user_id === 'dev_dinakar').username).toBe('dinakar_developer');
    const byKey = u.by_key.find((k: { api_key_id: string | null }) => k.api_key_id === keyId);
    expect(byKey).toMatchObject({ key_name: '=ci-runner', requests: 1 });
    expect(u.by_key.find((k: { api_key_id: string | null }) => k.api_key_id === null).requests).toBe(records.length - 1);
    // The series add up to the same spend, by model and by user.
    const total = records.reduce((s, r) => s + r.costUsd, 0);
    expect(u.cost_by_model.reduce((s: number, p: { cost_usd: number }) => s + p.cost_usd, 0)).toBeCloseTo(total, 8);
    expect(u.cost_by_user.reduce((s: number, p: { cost_usd: number }) => s + p.cost_usd, 0)).toBeCloseTo(total, 8);
    expect(u.latency.every((p: { p50_ms: number | null; p95_ms: number | null }) => p.p50_ms === null || p.p95_ms! >= p.p50_ms)).toBe(true);
  });

  it('is for analysts, and bad input is a 400 naming the field', async () => {
    expect((await get('/api/v1/analytics/usage', 'developer')).statusCode).toBe(403);
    const bad = await get('/api/v1/analytics/usage?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('from');
    const wide = await get('/api/v1/analytics/usage?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=minute');
    expect(wide.statusCode).toBe(400);
    expect(wide.json().error.message).toContain('bucket');
  });
});

describe('the request log: filters, CSV export, a request’s context', () => {
  it('filters by model and by key, and names the key', async () => {
    const claude = (await get('/api/v1/analytics/prompts?model=claude-3-5-haiku&include_text=false')).json();
    expect(claude.items.map((i: { user_id: string }) => i.user_id)).toEqual(['dev_amogh']);
    const byKey = (await get(`/api/v1/analytics/prompts?api_key_id=${keyId}&include_text=false`)).json();
    expect(byKey.items).toHaveLength(1);
    expect(byKey.items[0]).toMatchObject({ api_key_id: keyId, key_name: '=ci-runner', username: 'dinakar_developer' });
  });

  it('exports the filtered set as CSV, formula-safe, and a developer only their own', async () => {
    const res = await get('/api/v1/analytics/prompts/export?user_id=dev_dinakar');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="requests-.+\.csv"$/);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    const header = lines[0]!.split(',');
    const row = (l: string) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v]));
    expect(lines.slice(1).map(row).every((r) => r.user_id === 'dev_dinakar')).toBe(true);
    // A key name that starts like a formula is written as text.
    expect(lines.slice(1).map(row).find((r) => r.api_key_id === keyId)!.key_name).toBe("'=ci-runner");
    expect(lines.slice(1).map(row).find((r) => r.request_id === blockedId)!.status).toBe('blocked');

    const mine = await get('/api/v1/analytics/prompts/export', 'developer');
    expect(mine.body.trim().split('\r\n').slice(1).every((l) => l.includes(',dev_dinakar,'))).toBe(true);
    const bad = await get('/api/v1/analytics/prompts/export?status=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('status');
  });

  it("joins a request's firewall events (findings masked) and its Phoenix trace, 404 for an unknown request, analysts only", async () => {
    const res = await get(`/api/v1/analytics/requests/${blockedId}/context`);
    expect(res.statusCode).toBe(200);
    const ctx = res.json();
    expect(ctx.firewall_events.map((e: { decision: string }) => e.decision)).toContain('block');
    expect(JSON.stringify(ctx)).not.toContain('ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
    expect(ctx.trace).toBeNull();
    // A traced request links to its trace in Phoenix.
    await gw.app.repos.quality.insertSpans([{ requestId: blockedId, traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }]);
    const traced = (await get(`/api/v1/analytics/requests/${blockedId}/context`)).json();
    expect(traced.trace).toEqual({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', url: 'http://127.0.0.1:9/phoenix/redirects/traces/0af7651916cd43dd8448eb211c80319c' });
    const missing = await get('/api/v1/analytics/requests/no-such-request/context');
    expect(missing.statusCode).toBe(404);
    expect((await get(`/api/v1/analytics/requests/${blockedId}/context`, 'developer')).statusCode).toBe(403);
  });
});

describe('csvCell', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2,3')).toBe(`"'-2,3"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.5)).toBe('0.5');
  });
});
