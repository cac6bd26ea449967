/**
 * Budgets and spend (#14): spend counted from the recorded cost per user and per key, a request that would start
 * past a budget refused with 429 BUDGET_EXCEEDED (and no provider call, so it spends nothing), cache hits served
 * past it, and usage shown to the user and to analysts.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let admin: string;

const api = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  gw.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

/** A completion whose usage costs $0.0075 on gpt-4o-mini ($0.15 / $0.60 per million tokens). */
const costly = (text: string) => ({
  kind: 'raw' as const,
  json: {
    id: `chatcmpl-${text.length}`,
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10_000, completion_tokens: 10_000, total_tokens: 20_000 },
  },
});

beforeAll(async () => {
  gw = await startGateway({
    ENVIRONMENT: 'production',
    CONTROLLER_URL: 'http://127.0.0.1:9',
    JWT_SECRET: 'a-production-secret-of-at-least-32-chars!',
    ADMIN_USERNAME: 'root_admin',
    ADMIN_PASSWORD: 'a long admin password',
  }, { listen: true });
  admin = await gw.login('root_admin', 'a long admin password');
});
afterAll(() => gw?.close());

async function newUser(name: string) {
  const res = await api(admin, 'POST', '/api/v1/auth/users', { username: name, password: 'a long enough password', role: 'developer' });
  return { id: res.json().user_id as string, token: await gw.login(name, 'a long enough password') };
}

describe('budgets', () => {
  it('a $0.01 key budget runs out; the next request gets 429 BUDGET_EXCEEDED and spends nothing; a cached answer still works', async () => {
    const u = await newUser('budget_bot_owner');
    const created = await api(u.token, 'POST', '/api/v1/keys', { name: 'capped', budget_usd_daily: 0.01 });
    const { key, id } = created.json() as { key: string; id: string };
    const openai = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 2 });
    const ask = (content: string) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

    gw.openai.script(costly('first answer'), costly('second answer'));
    expect((await ask('question one')).choices[0]!.message.content).toBe('first answer');
    expect((await ask('question two')).choices[0]!.message.content).toBe('second answer');
    const callsBefore = gw.openai.calls.length;

    // $0.015 spent against $0.01: refused before any provider call, and the SDK does not retry (x-should-retry).
    const err = await ask('question three').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.code).toBe('budget_exceeded');
    expect(e.headers?.get('retry-after')).toMatch(/^\d+$/);
    expect(e.headers?.get('x-should-retry')).toBe('false');
    expect((e.error as { details?: { budget?: string; resets_at?: string } }).details).toMatchObject({ budget: 'key_daily', limit_usd: 0.01 });
    expect(gw.openai.calls.length).toBe(callsBefore);

    // A cached answer costs nothing, so it is served past the budget.
    const cached = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'question one' }] }).withResponse();
    expect(cached.response.headers.get('x-cache')).toBe('HIT');
    expect(cached.data.choices[0]!.message.content).toBe('first answer');

    const rows = (await gw.records()).filter((r) => r.apiKeyId === id);
    expect(rows.map((r) => [r.status, r.errorCode, r.costUsd > 0])).toEqual([
      ['success', null, true],
      ['success', null, true],
      ['error', 'BUDGET_EXCEEDED', false],
      ['success', null, false],
    ]);

    // The owner's token is not capped by the key's budget.
    const viaToken = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${u.token}` }, payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'as myself' }] } });
    expect(viaToken.statusCode).toBe(200);

    // Usage: the owner sees the key's spend against its budget.
    const usage = (await api(u.token, 'GET', '/api/v1/auth/me/usage')).json();
    const k = usage.keys.find((x: { id: string }) => x.id === id);
    expect(k.daily).toMatchObject({ spent_usd: 0.015, limit_usd: 0.01, remaining_usd: 0 });
    expect(Date.parse(k.daily.resets_at)).toBeGreaterThan(Date.now());
    expect(usage.daily.spent_usd).toBeGreaterThanOrEqual(0.015);
  });

  it('an admin sets a user’s budget; the user is refused past it and analytics show it', async () => {
    const u = await newUser('budget_person');
    expect((await api(admin, 'PUT', `/api/v1/auth/users/${u.id}/budget`, { budget_usd_monthly: 0.005 })).json()).toMatchObject({ budget_usd_monthly: 0.005, budget_usd_daily: null });
    gw.openai.script(costly('spent it'));
    const first = await api(u.token, 'POST', '/api/v1/llm/prompt', { prompt: 'spend some money' });
    expect(first.statusCode).toBe(200);
    const refused = await api(u.token, 'POST', '/api/v1/llm/prompt', { prompt: 'more please' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'BUDGET_EXCEEDED', details: { budget: 'user_monthly' } });
    // The record and its spend are written (where a Redis read times out on a busy machine, the figures come from it).
    await gw.records();
    const spend = (await api(admin, 'GET', '/api/v1/analytics/spend')).json();
    expect(spend.users.find((x: { user_id: string }) => x.user_id === u.id)).toMatchObject({ username: 'budget_person', monthly: { spent_usd: 0.0075, limit_usd: 0.005 } });
    // Raising the budget takes effect on the next request.
    await api(admin, 'PUT', `/api/v1/auth/users/${u.id}/budget`, { budget_usd_monthly: 1 });
    expect((await api(u.token, 'POST', '/api/v1/llm/prompt', { prompt: 'now it fits' })).statusCode).toBe(200);
    // Bad input is named.
    const bad = await api(admin, 'PUT', `/api/v1/auth/users/${u.id}/budget`, { budget_usd_daily: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/budget_usd_daily/);
    expect((await api(admin, 'PUT', '/api/v1/auth/users/nobody/budget', { budget_usd_daily: 1 })).statusCode).toBe(404);
  });

  it('spend counters lost from Redis come back from the recorded costs (reconciliation)', async () => {
    const u = await newUser('budget_reconciled');
    await api(admin, 'PUT', `/api/v1/auth/users/${u.id}/budget`, { budget_usd_daily: 0.005 });
    gw.openai.script(costly('counted'));
    expect((await api(u.token, 'POST', '/api/v1/llm/prompt', { prompt: 'count me' })).statusCode).toBe(200);
    await gw.records();
    // Redis forgets everything spend-related (a restart without persistence).
    const keys = await gw.app.redis!.keys(`${gw.config.redis.keyPrefix}spend:*`);
    if (keys.length) await gw.app.redis!.del(...keys);
    expect((await api(u.token, 'GET', '/api/v1/auth/me/usage')).json().daily.spent_usd).toBe(0);
    await gw.app.services.spend.reconciler.runOnce();
    expect((await api(u.token, 'GET', '/api/v1/auth/me/usage')).json().daily.spent_usd).toBe(0.0075);
    expect((await api(u.token, 'POST', '/api/v1/llm/prompt', { prompt: 'over again' })).statusCode).toBe(429);
  });
});
