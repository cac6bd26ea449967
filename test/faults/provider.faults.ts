import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi, type FakeStep } from '../helpers/fake-openai.js';
import { adminToken, createUsers, recordsOf, type User } from './helpers/api.js';
import { figures } from './helpers/figures.js';
import { startInstance, type Instance } from './helpers/instance.js';
import { chatOnce, Load } from './helpers/load.js';
import { cleanupAll, onCleanup } from './helpers/procs.js';
import { startStack, type Stack } from './helpers/stack.js';

/**
 * Provider faults, scripted on a second fake upstream (model `faulty/…`, an OpenAI-compatible endpoint) while the
 * steady load goes to the first: the faults never take a scripted step meant for the load, and vice versa.
 */
let stack: Stack;
let faulty: FakeOpenAi;
let svc: Instance;
let users: User[];
let load: Load;

const MAX_RETRIES = 2;
const FIRST_TOKEN_TIMEOUT_MS = 2_000;

beforeAll(async () => {
  stack = await startStack();
  faulty = await startFakeOpenAi({ models: ['fake-model-small'] });
  onCleanup('faulty upstream', () => faulty.close());
  svc = await startInstance(
    'faults-provider',
    stack.env({
      RATE_LIMIT_PER_MINUTE: '6000',
      OPENAI_COMPATIBLE_ENDPOINTS: `faulty=${faulty.baseURL}`,
      LLM_MAX_RETRIES: String(MAX_RETRIES),
      LLM_RETRY_BASE_MS: '100',
      LLM_RETRY_MAX_MS: '3000',
      LLM_FIRST_TOKEN_TIMEOUT_MS: String(FIRST_TOKEN_TIMEOUT_MS),
    }),
  );
  users = await createUsers(svc.url, await adminToken(svc.url), 'provider-user', 6);
  load = new Load({ label: 'provider-load', target: () => svc.url, tokens: users.slice(1).map((u) => u.token), rps: 10, streamShare: 0.3, timeoutMs: 20_000 }).start();
});
afterAll(async () => {
  await load?.stop();
  await cleanupAll();
});

let n = 0;
/** One request to the faulty upstream with `steps` scripted for its attempts; returns the outcome and its record. */
async function faultyCall(steps: FakeStep[], stream: boolean) {
  const from = faulty.calls.length;
  faulty.script(...steps);
  const id = `provider-fault-${n++}`;
  const outcome = await chatOnce(svc.url, users[0]!.token, { id, content: `Fault case ${id}, please answer.`, stream, model: 'faulty/fake-model-small', timeoutMs: 60_000 });
  if (outcome.kind !== 'answered') throw new Error(`no answer: ${JSON.stringify(outcome)}`);
  const recordId = outcome.recordId ?? id;
  let record;
  for (let i = 0; i < 100 && !record; i++) {
    record = (await recordsOf(stack.monitoringPg, 'monitoring_faults', [recordId])).get(recordId);
    if (!record) await new Promise((r) => setTimeout(r, 100));
  }
  const calls = faulty.calls.slice(from);
  return { outcome, record, calls, gapsMs: calls.slice(1).map((c, i) => c.receivedAt - calls[i]!.receivedAt) };
}

describe('provider faults under load', () => {
  it('429 with Retry-After: the retry waits for it; exhausted retries answer 429 UPSTREAM_RATE_LIMITED with Retry-After', async () => {
    const once = await faultyCall([{ kind: 'rate_limit', retryAfterSeconds: 1 }, { kind: 'answer' }], false);
    const always = await faultyCall(Array.from({ length: MAX_RETRIES + 1 }, () => ({ kind: 'rate_limit' as const, retryAfterSeconds: 1 })), false);
    figures('provider 429 + Retry-After', {
      once_status: once.outcome.status,
      once_attempts: once.record?.attempts ?? null,
      once_retry_gap_ms: once.gapsMs[0] ?? null,
      always_status: always.outcome.status,
      always_code: always.outcome.errorCode,
      always_retry_after: always.outcome.retryAfter,
      always_attempts: always.record?.attempts ?? null,
    });
    expect(once.outcome.status).toBe(200);
    expect(once.record?.attempts).toBe(2);
    expect(once.gapsMs[0]!, 'the retry honours Retry-After: 1').toBeGreaterThanOrEqual(950);
    expect(always.outcome.status).toBe(429);
    expect(always.outcome.errorCode).toBe('upstream_rate_limited');
    expect(Number(always.outcome.retryAfter)).toBeGreaterThan(0);
    expect(always.calls).toHaveLength(MAX_RETRIES + 1);
    expect(always.record?.status).toBe('error');
    expect(always.record?.error_code).toBe('UPSTREAM_RATE_LIMITED');
    expect(always.record?.attempts).toBe(MAX_RETRIES + 1);
  });

  it('500: retried, then 502 UPSTREAM_ERROR with the real attempt count', async () => {
    const once = await faultyCall([{ kind: 'error', status: 500 }, { kind: 'answer' }], true);
    const always = await faultyCall(Array.from({ length: MAX_RETRIES + 1 }, () => ({ kind: 'error' as const, status: 500 })), false);
    figures('provider 500', { once_status: once.outcome.status, once_complete: once.outcome.complete, once_attempts: once.record?.attempts ?? null, always_status: always.outcome.status, always_attempts: always.record?.attempts ?? null });
    expect(once.outcome.status).toBe(200);
    expect(once.outcome.complete).toBe(true);
    expect(once.record?.attempts).toBe(2);
    expect(always.outcome.status).toBe(502);
    expect(always.outcome.errorCode).toBe('upstream_error');
    expect(always.record?.error_code).toBe('UPSTREAM_ERROR');
    expect(always.record?.attempts).toBe(MAX_RETRIES + 1);
  });

  it('a stall: each attempt times out at the first-token timeout, then 504 UPSTREAM_TIMEOUT', async () => {
    const stalled = await faultyCall(Array.from({ length: MAX_RETRIES + 1 }, () => ({ kind: 'stall' as const })), false);
    const streamStalled = await faultyCall([{ kind: 'stall' }, { kind: 'answer' }], true);
    figures('provider stall', {
      status: stalled.outcome.status,
      attempts: stalled.record?.attempts ?? null,
      calls: stalled.calls.length,
      stream_then_ok_status: streamStalled.outcome.status,
      stream_then_ok_attempts: streamStalled.record?.attempts ?? null,
    });
    expect(stalled.outcome.status).toBe(504);
    expect(stalled.outcome.errorCode).toBe('upstream_timeout');
    expect(stalled.record?.error_code).toBe('UPSTREAM_TIMEOUT');
    expect(stalled.record?.attempts).toBe(MAX_RETRIES + 1);
    expect(streamStalled.outcome.status).toBe(200);
    expect(streamStalled.outcome.complete).toBe(true);
    expect(streamStalled.record?.attempts).toBe(2);
  });

  it('a stream cut mid-way: an error event and no [DONE]; recorded as a failure after one attempt', async () => {
    const cut = await faultyCall([{ kind: 'cut', afterChunks: 2, chunks: 4 }], true);
    const body = (cut.outcome as { body?: string }).body ?? '';
    const events = body.split('\n\n').filter((e) => e.startsWith('data: '));
    const last = events.at(-1) ?? '';
    figures('provider stream cut', { status: cut.outcome.status, events: events.length, done: body.includes('[DONE]'), attempts: cut.record?.attempts ?? null, record_status: cut.record?.status ?? null });
    expect(cut.outcome.status).toBe(200);
    expect(body).not.toContain('[DONE]');
    expect(events.length).toBeGreaterThan(1);
    expect((JSON.parse(last.slice(6)) as { error?: { code?: string } }).error?.code).toBeTruthy();
    expect(cut.record?.status).toBe('error');
    expect(cut.record?.attempts).toBe(1);
    expect(cut.calls).toHaveLength(1);
  });

  it('the load beside the faults was answered in full', async () => {
    const report = await load.stop();
    figures('provider faults: load beside', { sent: report.sent, ok: report.ok, failed: report.failed, timeouts: report.timeouts });
    expect(report.failed, JSON.stringify(report.failuresByPhase)).toBe(0);
  });
});
