import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({ BODY_LIMIT_BYTES: '1048576' });
});
afterAll(() => gw.close());

const prompt = (payload: unknown, headers: Record<string, string> = {}) =>
  gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: payload as object, headers });

describe('POST /api/v1/llm/prompt', () => {
  it('answers in the seed’s shape; the same prompt again comes from the cache', async () => {
    const before = gw.openai.calls.length;
    const first = await prompt({ prompt: 'Hello, how are you?', max_tokens: 100 });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const a = first.json();
    expect(a).toMatchObject({
      request_id: first.headers['x-request-id'],
      response: 'Echo: Hello, how are you?',
      model: 'gpt-4o-mini',
      provider: 'openai-compatible',
      cached: false,
      finish_reason: 'stop',
    });
    expect(a.usage.total_tokens).toBe(a.usage.prompt_tokens + a.usage.completion_tokens);
    expect(a.cost_usd).toBeGreaterThan(0);
    expect(a.latency_ms).toBeGreaterThan(0);
    expect(Number(first.headers['x-orchestrator-overhead-ms'])).toBeGreaterThanOrEqual(0);

    // The answer is stored off the response path: wait for the write before asking again.
    await gw.app.llm.cache.flushPending();
    const second = await prompt({ prompt: 'Hello, how are you?', max_tokens: 100 });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.json()).toMatchObject({ response: a.response, cached: true, usage: a.usage, cost_usd: 0 });
    expect(gw.openai.calls.length - before).toBe(1);

    const stats = (await gw.app.inject({ url: '/api/v1/cache/stats' })).json();
    expect(stats).toMatchObject({ enabled: true, backend: 'redis', hits: 1, misses: 1, hit_rate: 0.5, backend_state: { status: 'up' } });
    expect(stats.entries).toBe(1);
    expect(stats.memory_bytes).toBeGreaterThan(0);
    expect(stats.tokens_saved).toBe(a.usage.total_tokens);
    expect(stats.cost_saved_usd).toBeCloseTo(a.cost_usd, 8);
  });

  it('a streamed answer is stored once complete and replayed as a stream', async () => {
    gw.openai.script({ kind: 'answer', text: 'streamed words arrive here', chunks: 4 });
    const body = { prompt: 'stream me', stream: true };
    const first = await prompt(body);
    expect(first.headers['content-type']).toMatch(/text\/event-stream/);
    const ev1 = parseSse(first.body);
    expect(ev1[0]).toMatchObject({ event: 'start' });
    const tokens1 = ev1.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).delta);
    expect(tokens1.join('')).toBe('streamed words arrive here');
    expect(tokens1.length).toBe(4);
    const done1 = JSON.parse(ev1.at(-1)!.data);
    expect(ev1.at(-1)!.event).toBe('done');
    expect(done1).toMatchObject({ cached: false, response: 'streamed words arrive here' });

    const calls = gw.openai.calls.length;
    await gw.app.llm.cache.flushPending();
    const second = await prompt(body);
    expect(second.headers['x-cache']).toBe('HIT');
    const ev2 = parseSse(second.body);
    const tokens2 = ev2.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).delta);
    expect(tokens2.join('')).toBe('streamed words arrive here');
    expect(tokens2.length).toBeGreaterThan(1);
    expect(JSON.parse(ev2.at(-1)!.data)).toMatchObject({ cached: true, usage: done1.usage });
    expect(gw.openai.calls.length).toBe(calls);
  });

  it('honours cache: false, Cache-Control no-store and no-cache', async () => {
    await prompt({ prompt: 'controls' });
    const calls = gw.openai.calls.length;
    const bypass = await prompt({ prompt: 'controls', cache: false });
    expect(bypass.headers['x-cache']).toBe('BYPASS');
    const noStore = await prompt({ prompt: 'controls' }, { 'cache-control': 'no-store' });
    expect(noStore.headers['x-cache']).toBe('BYPASS');
    gw.openai.script({ kind: 'answer', text: 'fresh answer' });
    const refresh = await prompt({ prompt: 'controls' }, { 'cache-control': 'no-cache' });
    expect(refresh.json().response).toBe('fresh answer');
    expect(gw.openai.calls.length - calls).toBe(3);
    // The refreshed answer replaced the stored one.
    await gw.app.llm.cache.flushPending();
    const hit = await prompt({ prompt: 'controls' });
    expect(hit.json()).toMatchObject({ cached: true, response: 'fresh answer' });
  });

  it('routes claude-* to Anthropic with the same answer shape and mapped usage', async () => {
    const res = await prompt({ prompt: 'hi claude', model: 'claude-sonnet-4', system: 'be brief', cache: false });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ response: 'Echo: hi claude', provider: 'anthropic', model: 'claude-sonnet-4', finish_reason: 'stop' });
    expect(a.usage.prompt_tokens).toBeGreaterThan(0);
    expect(a.usage.completion_tokens).toBeGreaterThan(0);
    expect(a.cost_usd).toBeGreaterThan(0);
    const call = gw.anthropic.calls.at(-1)!;
    expect(call.body.system).toBe('be brief');
    expect(call.body.messages).toEqual([{ role: 'user', content: 'hi claude' }]);
  });

  it('streams from Anthropic too', async () => {
    const res = await prompt({ prompt: 'stream claude', model: 'claude-sonnet-4', stream: true, cache: false });
    const events = parseSse(res.body);
    expect(events.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).delta).join('')).toBe('Echo: stream claude');
    expect(JSON.parse(events.at(-1)!.data).usage.completion_tokens).toBeGreaterThan(0);
  });

  it('records one row per request with tokens, cost and cache flag', async () => {
    const rows = await gw.records();
    const cached = rows.filter((r) => r.cached);
    expect(cached.length).toBeGreaterThanOrEqual(2);
    for (const r of rows.filter((x) => x.status === 'success' && !x.cached)) {
      expect(r.totalTokens).toBeGreaterThan(0);
      expect(r.endpoint).toBe('prompt');
      expect(r.latencyMs).toBeGreaterThan(0);
    }
    expect(rows.some((r) => r.provider === 'anthropic' && r.costUsd > 0)).toBe(true);
  });
});

describe('bad input gets a 4xx naming the problem and is never recorded as a success', () => {
  const cases: [string, unknown, number, string, RegExp][] = [
    ['no prompt', { max_tokens: 5 }, 400, 'VALIDATION_ERROR', /prompt/],
    ['empty prompt', { prompt: '' }, 400, 'VALIDATION_ERROR', /prompt/],
    ['negative max_tokens', { prompt: 'x', max_tokens: -3 }, 400, 'VALIDATION_ERROR', /max_tokens/],
    ['wrong types', { prompt: 42, stream: 'yes' }, 400, 'VALIDATION_ERROR', /prompt/],
    ['temperature out of range', { prompt: 'x', temperature: 9 }, 400, 'VALIDATION_ERROR', /temperature/],
    ['unknown model', { prompt: 'x', model: 'no-such-model' }, 404, 'UNKNOWN_MODEL', /no-such-model/],
  ];
  for (const [name, payload, status, code, message] of cases) {
    it(name, async () => {
      const calls = gw.openai.calls.length;
      const res = await prompt(payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(message);
      expect(gw.openai.calls.length).toBe(calls);
    });
  }

  it('a 5 MB body → 413', async () => {
    const res = await prompt({ prompt: 'x'.repeat(5 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('none of them became a success record', async () => {
    const rows = await gw.records();
    const unknown = rows.filter((r) => r.model === 'no-such-model');
    expect(unknown.map((r) => [r.status, r.errorCode])).toEqual([['error', 'UNKNOWN_MODEL']]);
    expect(rows.filter((r) => r.status === 'success' && r.model === 'no-such-model')).toEqual([]);
  });
});
