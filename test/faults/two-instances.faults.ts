import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, api, createUsers, type User } from './helpers/api.js';
import { figures, secondsUntil } from './helpers/figures.js';
import { startInstance, type Instance } from './helpers/instance.js';
import { chatOnce, Load } from './helpers/load.js';
import { startNginx, type Nginx } from './helpers/nginx.js';
import { cleanupAll } from './helpers/procs.js';
import { startStack, type Stack } from './helpers/stack.js';

const PER_MINUTE = 40;
let stack: Stack;
let a: Instance;
let b: Instance;
let lb: Nginx;
let admin: string;
let users: User[];

beforeAll(async () => {
  stack = await startStack();
  const env = stack.env({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), RATE_LIMIT_CONCURRENT_STREAMS: '4' });
  // Both at once: migrations run under an advisory lock, so two instances may start together on empty databases.
  [a, b] = await Promise.all([startInstance('faults-a', env), startInstance('faults-b', env)]);
  lb = await startNginx([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
  admin = await adminToken(a.url);
  users = await createUsers(b.url, admin, 'pair-user', 12);
  figures('two instances: start', { a_ready_s: a.readySeconds, b_ready_s: b.readySeconds });
});
afterAll(cleanupAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two instances behind nginx, sharing Redis and Postgres', () => {
  it('a rate limit holds across both', async () => {
    // A fixed one-minute window: a burst that straddles a window boundary is tried again with the next user.
    let ok = 0;
    let limited = 0;
    let withRetryAfter = 0;
    for (const user of users.slice(0, 2)) {
      const window = Math.floor(Date.now() / 60_000);
      ok = limited = withRetryAfter = 0;
      // Ten at a time, alternating between the instances.
      for (let i = 0; i < PER_MINUTE + 10; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) => chatOnce((i + j) % 2 ? b.url : a.url, user.token, { id: `pair-rl-${user.username}-${i + j}`, content: `Rate limit probe ${i + j}.` })),
        );
        for (const o of batch) {
          if (o.kind === 'answered' && o.status === 200) ok++;
          if (o.kind === 'answered' && o.status === 429) {
            limited++;
            if (Number(o.retryAfter) > 0) withRetryAfter++;
          }
        }
      }
      if (Math.floor(Date.now() / 60_000) === window) break;
    }
    figures('two instances: shared rate limit', { limit_per_minute: PER_MINUTE, sent: PER_MINUTE + 10, ok, limited, with_retry_after: withRetryAfter });
    expect(ok).toBe(PER_MINUTE);
    expect(limited).toBe(10);
    expect(withRetryAfter).toBe(10);
  });

  it('a rule created on one instance blocks on the other within a second', async () => {
    const pattern = 'zebra-quartz-lantern';
    const created = await api<{ id: string }>(a.url, admin, 'POST', '/api/v1/firewall/rules', { rule_type: 'block', pattern, match_type: 'literal', description: 'faults suite' });
    expect(created.status).toBe(201);
    const scanner = users[2]!.token;
    const blockedAfter = await secondsUntil(
      async () => (await api<{ allowed: boolean }>(b.url, scanner, 'POST', '/api/v1/firewall/scan/allow', { content: `Tell me about the ${pattern}.` })).json.allowed === false,
      10_000,
      25,
    );
    const prompt = await chatOnce(b.url, users[3]!.token, { id: 'pair-rule-prompt', content: `Tell me about the ${pattern}.` });
    figures('two instances: rule propagation', { blocked_on_other_after_s: blockedAfter, prompt_status: prompt.kind === 'answered' ? prompt.status : prompt.kind });
    expect(blockedAfter, 'the rule is in force on the other instance').not.toBeNull();
    expect(blockedAfter!).toBeLessThanOrEqual(5);
    expect(prompt.kind === 'answered' && prompt.status).toBe(403);
  });

  it('an answer cached by one instance is a hit on the other', async () => {
    const token = users[4]!.token;
    const content = 'What is the capital of the cached kingdom?';
    const callsBefore = stack.fake.calls.length;
    const first = await chatOnce(a.url, token, { id: 'pair-cache-1', content });
    const second = await chatOnce(b.url, token, { id: 'pair-cache-2', content });
    const upstreamCalls = stack.fake.calls.slice(callsBefore).filter((c) => JSON.stringify(c.body).includes('cached kingdom')).length;
    figures('two instances: shared cache', { first: first.kind === 'answered' ? first.cache : first.kind, second: second.kind === 'answered' ? second.cache : second.kind, upstream_calls: upstreamCalls });
    expect(first.kind === 'answered' && first.status).toBe(200);
    expect(first.kind === 'answered' && first.cache).toBe('MISS');
    expect(second.kind === 'answered' && second.status).toBe(200);
    expect(second.kind === 'answered' && second.cache).toBe('HIT');
    expect(upstreamCalls).toBe(1);
  });

  it('draining one instance (SIGTERM) under load loses no request', async () => {
    // Answers take ~1-2 s, so the instance being drained has requests and streams in flight.
    stack.fake.setDefault({ kind: 'answer', chunkDelayMs: 300 });
    const load = new Load({ label: 'drain', target: () => lb.url, tokens: users.slice(5).map((u) => u.token), rps: 15, streamShare: 0.4, timeoutMs: 30_000 }).start();
    await sleep(4_000);
    load.mark('a draining');
    const termAt = Date.now();
    const exitCode = a.stop();
    await sleep(6_000);
    const report = await load.stop();
    const code = await exitCode;
    stack.fake.setDefault({ kind: 'answer', chunkDelayMs: 100 });

    const log = lb.accessLog().filter((l) => / drain-\d+ /.test(l));
    const upstreamOf = (l: string) => /upstream=(\S+(?:, \S+)*)/.exec(l)?.[1] ?? '';
    const byA = log.filter((l) => upstreamOf(l) === `127.0.0.1:${a.port}`).length;
    const byB = log.filter((l) => upstreamOf(l) === `127.0.0.1:${b.port}`).length;
    const retried = log.filter((l) => upstreamOf(l).includes(',')).length;
    // Accepted by A before the SIGTERM and answered after it: A finished them while draining.
    const finishedWhileDraining = report.requests.filter((s) => s.at < termAt && (s.endedAt ?? 0) > termAt).length;
    figures('two instances: drain under load', {
      sent: report.sent,
      ok: report.ok,
      failed: report.failed,
      timeouts: report.timeouts,
      answered_by_a: byA,
      answered_by_b: byB,
      retried_on_other: retried,
      in_flight_at_sigterm: finishedWhileDraining,
      a_exit_code: code,
    });
    if (report.failed) console.log('[faults] drain failures by phase', JSON.stringify(report.failuresByPhase));
    expect(report.failed, JSON.stringify(report.failuresByPhase)).toBe(0);
    expect(code).toBe(0);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  });
});
