import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firewallEvents } from '../../src/storage/orchestrator/schema.js';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';

/**
 * Issue #13, item 2: llm_requests was keyed by the caller's x-request-id with ON CONFLICT DO NOTHING, so a client
 * that sent one id with every request left one row and hid the rest of its usage and cost. Every request is now
 * recorded under an id the gateway mints; the caller's id is kept beside it and echoed back.
 */
let gw: Gateway;
let analyst = '';
beforeAll(async () => {
  gw = await startGateway();
  analyst = await gw.login('amogh_analyst');
});
afterAll(() => gw.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const callerId = () => `client-${randomBytes(6).toString('hex')}`;
const prompt = (payload: object, headers: Record<string, string> = {}) => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload, headers });
const asAnalyst = (url: string) => gw.app.inject({ url, headers: { authorization: `Bearer ${analyst}` } });
const overviewTotals = async () => (await asAnalyst('/api/v1/analytics/overview')).json().totals as { requests: number; cost_usd: number; tokens_in: number };

describe('a caller that reuses one x-request-id', () => {
  it('gets one record per request, each under its own gateway id, and its usage counts in full', async () => {
    const id = callerId();
    await gw.records();
    const before = await overviewTotals();
    const answers = [];
    for (let i = 0; i < 5; i++) {
      // cache: false, so each of the five is a billed provider call.
      const res = await prompt({ prompt: `question number ${i}`, cache: false }, { 'x-request-id': id });
      expect(res.statusCode).toBe(200);
      // The caller's id is echoed, as before.
      expect(res.headers['x-request-id']).toBe(id);
      answers.push(res);
    }
    const recordIds = answers.map((a) => a.headers['x-moolai-record-id'] as string);
    expect(new Set(recordIds).size).toBe(5);
    for (const [i, a] of answers.entries()) {
      expect(recordIds[i]).toMatch(UUID);
      // The body's request_id is the record's id: what the request log lists and support looks up.
      expect(a.json().request_id).toBe(recordIds[i]);
    }

    const rows = (await gw.records()).filter((r) => recordIds.includes(r.id));
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r).toMatchObject({ clientRequestId: id, status: 'success', cached: false });

    const after = await overviewTotals();
    expect(after.requests - before.requests).toBe(5);
    const billed = answers.reduce((n, a) => n + (a.json().cost_usd as number), 0);
    expect(after.cost_usd - before.cost_usd).toBeCloseTo(billed, 10);
  });

  it('finds every record of that id in the request log, by the caller’s id or by a record id', async () => {
    const id = callerId();
    const recordIds: string[] = [];
    for (let i = 0; i < 3; i++) recordIds.push((await prompt({ prompt: `log lookup ${i}` }, { 'x-request-id': id })).headers['x-moolai-record-id'] as string);
    await gw.records();

    const byCaller = (await asAnalyst(`/api/v1/analytics/prompts?request_id=${id}`)).json();
    expect(byCaller.items.map((i: { request_id: string }) => i.request_id).sort()).toEqual([...recordIds].sort());
    for (const item of byCaller.items) expect(item.client_request_id).toBe(id);

    const one = (await asAnalyst(`/api/v1/analytics/prompts?request_id=${recordIds[1]}`)).json();
    expect(one.items).toHaveLength(1);
    expect(one.items[0]).toMatchObject({ request_id: recordIds[1], client_request_id: id });
  });
});

describe('ids without a caller id', () => {
  it('x-request-id, x-moolai-record-id, the body and the record carry one minted id; no caller id is stored', async () => {
    const res = await prompt({ prompt: 'who am I' });
    expect(res.statusCode).toBe(200);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(res.headers['x-moolai-record-id']).toBe(id);
    expect(res.json().request_id).toBe(id);
    const row = (await gw.records()).find((r) => r.id === id);
    expect(row).toMatchObject({ id, clientRequestId: null });
  });

  it('a malformed caller id is neither echoed nor stored', async () => {
    const res = await prompt({ prompt: 'bad id here' }, { 'x-request-id': 'not an id\u00e9' });
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(res.headers['x-moolai-record-id']).toBe(id);
    expect((await gw.records()).find((r) => r.id === id)).toMatchObject({ clientRequestId: null });
  });
});

describe('what links to a request', () => {
  it('firewall events point at the record, one each, even when the caller reused its id', async () => {
    const id = callerId();
    const blocked: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await prompt({ prompt: `My SSN is 123-45-678${i}` }, { 'x-request-id': id });
      expect(res.statusCode).toBe(403);
      expect(res.headers['x-request-id']).toBe(id);
      // The error body names the record, like every other body.
      expect(res.json().error.request_id).toBe(res.headers['x-moolai-record-id']);
      blocked.push(res.headers['x-moolai-record-id'] as string);
    }
    expect(new Set(blocked).size).toBe(2);
    await gw.app.firewall.events.flush();
    const events = await gw.app.dbs.orchestrator.db.select().from(firewallEvents).where(inArray(firewallEvents.requestId, blocked));
    expect(events.map((e) => e.requestId).sort()).toEqual([...blocked].sort());
    const rows = (await gw.records()).filter((r) => blocked.includes(r.id));
    expect(rows.map((r) => [r.status, r.firewallDecision, r.clientRequestId])).toEqual([
      ['blocked', 'block', id],
      ['blocked', 'block', id],
    ]);
    expect(await gw.app.dbs.orchestrator.db.select().from(firewallEvents).where(eq(firewallEvents.requestId, id))).toEqual([]);
  });

  it('a stream names the record in its headers and in its start and done events', async () => {
    const id = callerId();
    gw.openai.script({ kind: 'answer', text: 'streamed reply', chunks: 2 });
    const res = await prompt({ prompt: 'stream with my id', stream: true, cache: false }, { 'x-request-id': id });
    expect(res.headers['x-request-id']).toBe(id);
    const recordId = res.headers['x-moolai-record-id'] as string;
    expect(recordId).toMatch(UUID);
    const events = parseSse(res.body);
    expect(JSON.parse(events[0]!.data).request_id).toBe(recordId);
    expect(JSON.parse(events.at(-1)!.data).request_id).toBe(recordId);
    expect((await gw.records()).find((r) => r.id === recordId)).toMatchObject({ clientRequestId: id, stream: true, status: 'success' });
  });

  it('the OpenAI route records each call under its own id too', async () => {
    const id = callerId();
    const call = () =>
      gw.app.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'x-request-id': id }, payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'same id twice' }] } });
    const [a, b] = [await call(), await call()];
    expect([a.headers['x-request-id'], b.headers['x-request-id']]).toEqual([id, id]);
    expect(a.headers['x-moolai-record-id']).not.toBe(b.headers['x-moolai-record-id']);
    const rows = (await gw.records()).filter((r) => r.clientRequestId === id);
    expect(rows.map((r) => r.endpoint)).toEqual(['openai', 'openai']);
  });
});
