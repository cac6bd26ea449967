import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

/**
 * The analytics API against real Postgres: a known mix of requests goes through the gateway (misses, cache hits,
 * a firewall block, an upstream failure, an Anthropic call), and the overview must report exactly those figures.
 */

let gw: Gateway;
const tokens: Record<'developer' | 'analyst' | 'admin', string> = { developer: '', analyst: '', admin: '' };

interface Sent {
  status: number;
  user: string;
  prompt: unknown;
  body: { cached?: boolean; cost_usd?: number; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number }; model?: string; provider?: string };
}
const sent: Sent[] = [];

async function ask(who: keyof typeof tokens, payload: Record<string, unknown>): Promise<Sent> {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${tokens[who]}` }, payload });
  const s = { status: res.statusCode, user: who, prompt: payload.prompt, body: res.json() };
  sent.push(s);
  return s;
}

const get = (url: string, who: keyof typeof tokens = 'analyst') => gw.app.inject({ url, headers: { authorization: `Bearer ${tokens[who]}` } });

beforeAll(async () => {
  gw = await startGateway({ LLM_MAX_RETRIES: '0', SYSTEM_METRICS_INTERVAL_S: '60' });
  tokens.developer = await gw.login('dinakar_developer');
  tokens.analyst = await gw.login('amogh_analyst');
  tokens.admin = await gw.login('gabriella_admin');

  expect((await ask('developer', { prompt: 'What is an LLM gateway?' })).status).toBe(200);
  expect((await ask('developer', { prompt: 'Name three colours' })).status).toBe(200);
  await gw.app.llm.cache.flushPending();
  expect((await ask('analyst', { prompt: 'What is an LLM gateway?' })).body.cached).toBe(true);
  expect((await ask('developer', { prompt: 'Name three colours' })).body.cached).toBe(true);
  expect((await ask('admin', { prompt: 'Say hello in French', model: 'claude-3-5-haiku' })).status).toBe(200);
  expect((await ask('developer', { prompt: 'My SSN is 123-45-6789, file my taxes' })).status).toBe(403);
  gw.openai.script({ kind: 'error', status: 500 });
  expect((await ask('developer', { prompt: 'this one fails upstream' })).status).toBe(502);
  await gw.records();
  await gw.app.firewall.events.flush();
});
afterAll(() => gw.close());

describe('GET /api/v1/analytics/overview', () => {
  it('reports exactly the requests sent: counts, tokens, cost, cache savings, percentiles', async () => {
    const res = await get('/api/v1/analytics/overview');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const ok = sent.filter((s) => s.status === 200);
    const misses = ok.filter((s) => !s.body.cached);
    const hits = ok.filter((s) => s.body.cached);
    const sum = (xs: Sent[], f: (s: Sent) => number) => xs.reduce((n, s) => n + f(s), 0);
    const originalCost = (hit: Sent) => misses.find((m) => m.prompt === hit.prompt)!.body.cost_usd!;

    expect(o.totals).toMatchObject({
      requests: 7,
      success: 5,
      errors: 1,
      blocked: 1,
      cancelled: 0,
      cache_hits: 2,
      // The two first asks, the Anthropic call and the failed one looked in the cache and found nothing.
      cache_misses: 4,
      cache_hit_rate: 0.3333,
      tokens_in: sum(misses, (s) => s.body.usage!.prompt_tokens),
      tokens_out: sum(misses, (s) => s.body.usage!.completion_tokens),
      tokens_saved: sum(hits, (s) => s.body.usage!.total_tokens),
    });
    expect(o.totals.tokens_in).toBeGreaterThan(0);
    expect(o.totals.cost_usd).toBeCloseTo(sum(ok, (s) => s.body.cost_usd!), 10);
    expect(o.totals.cost_saved_usd).toBeCloseTo(sum(hits, originalCost), 10);
    expect(o.totals.cost_saved_usd).toBeGreaterThan(0);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      expect(o.totals.latency_ms[p]).toBeGreaterThan(0);
      expect(o.totals.ttft_ms[p]).toBeGreaterThan(0);
    }
    expect(o.totals.latency_ms.p50).toBeLessThanOrEqual(o.totals.latency_ms.p99);
    expect(o.warnings).toEqual([]);
  });

  it('breaks down by model, provider, user and firewall reason, and the series adds up', async () => {
    const o = (await get('/api/v1/analytics/overview')).json();
    const byModel = Object.fromEntries(o.by_model.map((m: { model: string; requests: number }) => [m.model, m.requests]));
    expect(byModel).toEqual({ 'gpt-4o-mini': 6, 'claude-3-5-haiku': 1 });
    const byProvider = Object.fromEntries(o.by_provider.map((p: { provider: string; requests: number }) => [p.provider, p.requests]));
    expect(byProvider).toEqual({ 'openai-compatible': 6, anthropic: 1 });
    const byUser = Object.fromEntries(o.by_user.map((u: { user_id: string; requests: number; blocked: number }) => [u.user_id, u.requests]));
    expect(byUser).toEqual({ dev_dinakar: 5, dev_amogh: 1, dev_gabriella: 1 });
    expect(o.by_user[0]).toMatchObject({ user_id: 'dev_dinakar', username: 'dinakar_developer', blocked: 1, errors: 1, cache_hits: 1 });
    expect(o.by_firewall_reason).toEqual([{ reason: expect.stringContaining('US_SSN'), decision: 'block', events: 1 }]);

    expect(o.bucket).toBe('hour');
    const hour = 3_600_000;
    expect(o.series).toHaveLength(Math.ceil(Date.parse(o.to) / hour) - Math.floor(Date.parse(o.from) / hour));
    const total = o.series.reduce((n: number, b: { requests: number }) => n + b.requests, 0);
    expect(total).toBe(7);
    expect(o.series.reduce((n: number, b: { cost_usd: number }) => n + b.cost_usd, 0)).toBeCloseTo(o.totals.cost_usd, 10);
  });

  it('honours from/to/bucket, and a range with nothing in it is all zeros', async () => {
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 30 * 60_000);
    const recent = (await get(`/api/v1/analytics/overview?from=${from.toISOString()}&to=${to.toISOString()}`)).json();
    expect(recent.bucket).toBe('minute');
    expect(recent.series).toHaveLength(31);
    expect(recent.totals.requests).toBe(7);

    const empty = (await get('/api/v1/analytics/overview?from=2020-01-01&to=2020-01-02&bucket=hour')).json();
    expect(empty.totals).toMatchObject({ requests: 0, cost_usd: 0, cache_hit_rate: 0, latency_ms: { p50: null } });
    expect(empty.series).toHaveLength(24);
    expect(empty.by_model).toEqual([]);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', 'querystring.from'],
      ['from=2026-13-45', 'querystring.from'],
      ['from=2026-02-02&to=2026-02-01', 'querystring.from'],
      ['from=2025-01-01&to=2026-01-01', 'querystring.to'],
      ['from=2026-01-01&to=2026-01-08&bucket=minute', 'querystring.bucket'],
      ['bucket=week', 'querystring.bucket'],
    ];
    for (const [qs, field] of cases) {
      const res = await get(`/api/v1/analytics/overview?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(res.json().error.message, qs).toContain(field);
    }
  });
});

describe('GET /api/v1/analytics/prompts', () => {
  it('lists every request newest first, with no prompt text and a note saying why', async () => {
    const res = await get('/api/v1/analytics/prompts');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items).toHaveLength(7);
    expect(page.next_cursor).toBeNull();
    expect(page.prompt_logging).toEqual({ enabled: false, mode: 'off', text_access: 'own', note: expect.stringContaining('prompt logging is off') });
    expect(page.items.every((i: { prompt: unknown; response: unknown; text: unknown }) => i.prompt === null && i.response === null && i.text === null)).toBe(true);
    const times = page.items.map((i: { created_at: string }) => i.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    const blocked = page.items.find((i: { status: string }) => i.status === 'blocked');
    expect(blocked).toMatchObject({ user_id: 'dev_dinakar', username: 'dinakar_developer', firewall_decision: 'block', error_code: 'FIREWALL_BLOCKED', cached: false });
  });

  it('filters by user, status and firewall decision', async () => {
    const list = async (qs: string) => (await get(`/api/v1/analytics/prompts?${qs}`)).json().items as { status: string; user_id: string; cached: boolean }[];
    expect(await list('status=blocked')).toHaveLength(1);
    expect(await list('firewall_decision=block')).toHaveLength(1);
    expect(await list('status=error')).toHaveLength(1);
    expect((await list('user_id=dev_amogh')).map((i) => i.cached)).toEqual([true]);
    expect(await list('user_id=nobody')).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const body: { items: { request_id: string }[]; next_cursor: string | null } = (await get(`/api/v1/analytics/prompts?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...body.items.map((i) => i.request_id));
      cursor = body.next_cursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    for (const [qs, field] of [
      ['limit=0', 'querystring.limit'],
      ['status=ok', 'querystring.status'],
      ['cursor=bm9wZQ', 'querystring.cursor'],
      ['firewall_decision=maybe', 'querystring.firewall_decision'],
    ]) {
      const res = await get(`/api/v1/analytics/prompts?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.message).toContain(field!);
    }
  });
});

describe('roles', () => {
  it('analysts and admins read analytics; a developer gets 403, and the request log of their own requests only', async () => {
    const own = await get('/api/v1/analytics/prompts', 'developer');
    expect(own.statusCode).toBe(200);
    const mine = own.json().items as { user_id: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.user_id === 'dev_dinakar')).toBe(true);
    for (const url of ['/api/v1/analytics/overview', '/api/v1/system/metrics']) {
      expect((await get(url, 'analyst')).statusCode, url).toBe(200);
      expect((await get(url, 'admin')).statusCode, url).toBe(200);
      const denied = await get(url, 'developer');
      expect(denied.statusCode, url).toBe(403);
      expect(denied.json().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('OpenAPI', () => {
  it('documents the analytics and monitoring routes with their parameters', async () => {
    const doc = (await gw.app.inject({ url: '/docs/json' })).json();
    for (const path of ['/api/v1/analytics/overview', '/api/v1/analytics/prompts', '/api/v1/system/metrics', '/metrics']) expect(doc.paths[path]?.get, path).toBeDefined();
    const params = doc.paths['/api/v1/analytics/overview'].get.parameters.map((p: { name: string }) => p.name);
    expect(params.sort()).toEqual(['bucket', 'from', 'to']);
  });
});
