import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { ResolvedModel } from '../../src/llm/provider-registry.js';
import { toAppError, withRetryAndFallback, type RetryPolicy } from '../../src/llm/router.js';
import { ProviderError, type LlmProvider } from '../../src/llm/types.js';

const provider = { name: 'openai' } as LlmProvider;
const model = (name: string): ResolvedModel => ({ model: name, upstreamModel: name, provider, providerLabel: 'openai' });
const policy: RetryPolicy = { maxRetries: 5, retryBaseMs: 40, retryMaxMs: 40, attemptTimeoutMs: 1_000 };

/** Resolves when `signal` aborts, with the abort as a rejection (what an SDK call does). */
const untilAborted = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new ProviderError('aborted', 'aborted')), { once: true }));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('withRetryAndFallback: limits', () => {
  it('stops retrying at the request deadline with UPSTREAM_TIMEOUT', async () => {
    const t0 = performance.now();
    let calls = 0;
    const err = await rejection(
      withRetryAndFallback([model('a'), model('b')], policy, { signal: new AbortController().signal, deadlineAt: t0 + 150 }, async () => {
        calls++;
        throw new ProviderError('upstream_error', '500');
      }),
    );
    expect(err.code).toBe('UPSTREAM_TIMEOUT');
    const took = performance.now() - t0;
    // Never before the deadline (how late after it depends on the machine's load, so it is not asserted).
    expect(took).toBeGreaterThanOrEqual(140);
    // 40 ms between tries: a handful, not all 12 the policy and fallback would allow.
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(12);
  });

  it('aborts an attempt in flight at the deadline and does not retry it', async () => {
    let calls = 0;
    const err = await rejection(
      withRetryAndFallback([model('a')], policy, { signal: new AbortController().signal, deadlineAt: performance.now() + 80 }, (_rm, signal) => {
        calls++;
        return untilAborted(signal);
      }),
    );
    expect(err.code).toBe('UPSTREAM_TIMEOUT');
    expect(calls).toBe(1);
  });

  it('retries an attempt that passed its own timeout, within the deadline', async () => {
    let calls = 0;
    const res = await withRetryAndFallback([model('a')], { ...policy, attemptTimeoutMs: 50 }, { signal: new AbortController().signal, deadlineAt: performance.now() + 5_000 }, async (_rm, signal) => {
      calls++;
      if (calls === 1) return untilAborted(signal);
      return 'ok';
    });
    expect(res.value).toBe('ok');
    expect(res.attempts).toBe(2);
    res.link.dispose();
  });

  it('hands back a link that outlives the attempt timer but still ends at the deadline', async () => {
    const res = await withRetryAndFallback([model('a')], { ...policy, attemptTimeoutMs: 30 }, { signal: new AbortController().signal, deadlineAt: performance.now() + 120 }, async () => 'first byte');
    await sleep(60);
    expect(res.link.signal.aborted).toBe(false);
    await sleep(100);
    expect(res.link.signal.aborted).toBe(true);
    expect(res.link.deadlineHit).toBe(true);
    res.link.dispose();
  });

  it('a client that leaves makes it CANCELLED, also during the backoff', async () => {
    const client = new AbortController();
    setTimeout(() => client.abort(), 60);
    const err = await rejection(
      withRetryAndFallback([model('a')], { ...policy, retryBaseMs: 1_000, retryMaxMs: 1_000 }, { signal: client.signal }, async () => {
        throw new ProviderError('rate_limited', '429');
      }),
    );
    expect(err.code).toBe('CANCELLED');
  });
});

describe('toAppError: provider failures as the client sees them', () => {
  const upstream = { message: "Unsupported parameter: 'temperature'", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_parameter' };

  it('a 4xx keeps the upstream status, message, param and code', () => {
    const err = toAppError(new ProviderError('bad_request', 'openai: 400 bad', { status: 400, upstream }), model('a'));
    expect(err).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', status: 400, message: upstream.message });
    expect(err.options.details).toEqual({ upstream: { type: 'invalid_request_error', param: 'temperature', code: 'unsupported_parameter' } });
    const missing = toAppError(new ProviderError('bad_request', 'openai: 404', { status: 404, upstream: { message: 'no such model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } }), model('a'));
    expect(missing).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', status: 404, message: 'no such model' });
    expect(missing.options.details).toEqual({ upstream: { type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
  });

  it('a 4xx without an upstream body still says which status, with null param and code', () => {
    const err = toAppError(new ProviderError('bad_request', 'openai: 422', { status: 422 }), model('a'));
    expect(err).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', status: 422 });
    expect(err.message).toContain('422');
    expect(err.options.details).toEqual({ upstream: { type: 'invalid_request_error', param: null, code: null } });
  });

  it('401/403 become UPSTREAM_AUTH_FAILED (502) without echoing the upstream message', () => {
    for (const status of [401, 403]) {
      const err = toAppError(new ProviderError('auth', 'openai: Incorrect API key provided: sk-abc…', { status, upstream: { message: 'Incorrect API key provided: sk-abc…' } }), model('a'));
      expect(err).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', status: 502 });
      expect(err.message).toContain(String(status));
      expect(err.message).not.toContain('sk-abc');
    }
  });

  it('a bad request is neither retried nor sent to the fallback; an auth failure is not retried', async () => {
    let calls = 0;
    const bad = await rejection(
      withRetryAndFallback([model('a'), model('b')], policy, { signal: new AbortController().signal }, async () => {
        calls++;
        throw new ProviderError('bad_request', 'bad', { status: 400, upstream });
      }),
    );
    expect(bad).toMatchObject({ code: 'UPSTREAM_BAD_REQUEST', status: 400 });
    expect(calls).toBe(1);

    const tried: string[] = [];
    const auth = await rejection(
      withRetryAndFallback([model('a'), model('b')], policy, { signal: new AbortController().signal }, async (rm) => {
        tried.push(rm.model);
        throw new ProviderError('auth', 'denied', { status: 401 });
      }),
    );
    expect(auth.code).toBe('UPSTREAM_AUTH_FAILED');
    // Not retried on the same model; the next candidate may have other credentials.
    expect(tried).toEqual(['a', 'b']);
  });
});
