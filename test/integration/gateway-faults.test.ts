import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({ FALLBACK_MODELS: 'claude-haiku-4-5', LLM_FIRST_TOKEN_TIMEOUT_MS: '400', LLM_MAX_RETRIES: '1' }, { listen: true });
});
afterAll(() => gw.close());

/** Generous: only a close or call that never comes waits this long. */
const WAIT_MS = 15_000;

const prompt = (payload: object) => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { cache: false, ...payload } });

describe('provider faults', () => {
  it('429 with Retry-After: 1 then 200 → one answer, the retry sent no sooner than the second it was told', async () => {
    gw.openai.script({ kind: 'rate_limit', retryAfterSeconds: 1 }, { kind: 'answer', text: 'after the wait' });
    const first = gw.openai.calls.length;
    const res = await prompt({ prompt: 'rate limited' });
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toBe('after the wait');
    // Two attempts at the primary model, no fallback: the wait was for the same upstream.
    const [limited, retried] = gw.openai.calls.slice(first);
    expect(gw.openai.calls).toHaveLength(first + 2);
    expect(limited!.step.kind).toBe('rate_limit');
    // Retry-After honoured: a lower bound only (load can delay the retry, never hasten it). A few ms for the
    // millisecond clock and a timer that fires on the boundary.
    expect(retried!.receivedAt - limited!.lastByteAt!).toBeGreaterThanOrEqual(1_000 - 5);
  });

  it('500 on the primary model (after its retry) → the fallback model answers', async () => {
    gw.openai.script({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const anthropicCalls = gw.anthropic.calls.length;
    const res = await prompt({ prompt: 'fall back please' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', response: 'Echo: fall back please' });
    expect(gw.anthropic.calls.length).toBe(anthropicCalls + 1);
  });

  it('an upstream that stalls past the timeout → 504 UPSTREAM_TIMEOUT after every attempt gave up, no hang', async () => {
    gw.openai.script({ kind: 'stall' }, { kind: 'stall' });
    gw.anthropic.script({ kind: 'stall' }, { kind: 'stall' });
    const [openaiFirst, anthropicFirst] = [gw.openai.calls.length, gw.anthropic.calls.length];
    // The upstreams never answer: only the first-token timeout can end this (a missing one hangs the test).
    const res = await prompt({ prompt: 'stall' });
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe('UPSTREAM_TIMEOUT');
    // 2 models × 2 attempts (LLM_MAX_RETRIES=1), each abandoned: its connection closed, not left hanging.
    expect(gw.openai.calls).toHaveLength(openaiFirst + 2);
    expect(gw.anthropic.calls).toHaveLength(anthropicFirst + 2);
    for (const i of [openaiFirst, openaiFirst + 1]) await gw.openai.waitForClose(i, WAIT_MS);
    for (const i of [anthropicFirst, anthropicFirst + 1]) await gw.anthropic.waitForClose(i, WAIT_MS);
  });

  it('a stream cut after a few chunks → error event, no done, nothing cached, failure recorded', async () => {
    gw.openai.script({ kind: 'cut', afterChunks: 2, text: 'one two three four five six', chunks: 6 });
    const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'cut stream', stream: true } });
    const events = parseSse(res.body);
    expect(events.filter((e) => e.event === 'token').length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)!.event).toBe('error');
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe('UPSTREAM_ERROR');
    expect(events.some((e) => e.event === 'done')).toBe(false);

    // Not cached: the same request goes upstream again and succeeds.
    const calls = gw.openai.calls.length;
    const again = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'cut stream', stream: true } });
    expect(again.headers['x-cache']).toBe('MISS');
    expect(gw.openai.calls.length).toBe(calls + 1);

    const rows = await gw.records();
    const failed = rows.find((r) => r.id === res.headers['x-request-id']);
    expect(failed).toMatchObject({ status: 'error', errorCode: 'UPSTREAM_ERROR', stream: true });
  });

  it('a client that disconnects mid-stream closes the upstream connection', async () => {
    // Two chunks, then the upstream stalls forever, and LLM_TIMEOUT_MS (120 s) outlasts the test: nothing but the
    // client's disconnect can close the upstream connection.
    gw.openai.script({ kind: 'stall', text: 'a b c d e f g h i j', chunks: 10, afterChunks: 2 });
    const callIndex = gw.openai.calls.length;
    const req = http.request(`${gw.url}/api/v1/llm/prompt`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.end(JSON.stringify({ prompt: 'disconnect me', stream: true, cache: false }));
    const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
    let got = '';
    await new Promise<void>((resolve) =>
      res.on('data', (d: Buffer) => {
        got += d.toString();
        if (got.includes('event: token')) resolve();
      }),
    );
    req.destroy();
    await gw.openai.waitForClose(callIndex, WAIT_MS);
    const rows = await waitFor(async () => (await gw.records()).find((r) => r.id === res.headers['x-request-id']), 'cancel record', WAIT_MS);
    expect(rows.status).toBe('cancelled');
  });
});
