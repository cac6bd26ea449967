import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, canOpenStreams, createUsers, health, type User } from './helpers/api.js';
import { figures, secondsSince, secondsUntil } from './helpers/figures.js';
import { startInstance, type Instance } from './helpers/instance.js';
import { Load } from './helpers/load.js';
import { cleanupAll } from './helpers/procs.js';
import { startStack, type Stack } from './helpers/stack.js';

const STREAMS = 4;
let stack: Stack;
let svc: Instance;
let users: User[];

beforeAll(async () => {
  stack = await startStack();
  svc = await startInstance('faults-redis', stack.env({ RATE_LIMIT_PER_MINUTE: '6000', RATE_LIMIT_CONCURRENT_STREAMS: String(STREAMS) }));
  users = await createUsers(svc.url, await adminToken(svc.url), 'redis-user', 10);
});
afterAll(cleanupAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isStatus = (want: string) => async () => (await health(svc.url))?.status === want;

/** Seconds until /health is healthy again, and until its cache and rate-limiter components are up (which lags). */
async function recovery(timeoutMs: number) {
  const started = Date.now();
  const at: Record<'cache' | 'limiter' | 'healthy', number | null> = { cache: null, limiter: null, healthy: null };
  const mark = (k: keyof typeof at, ok: boolean | undefined) => {
    if (ok && at[k] === null) at[k] = secondsSince(started);
  };
  while (at.healthy === null && Date.now() - started < timeoutMs) {
    const h = await health(svc.url);
    mark('cache', h?.components.cache?.status === 'up');
    mark('limiter', h?.components.rate_limiter?.status === 'up');
    mark('healthy', h?.status === 'healthy');
    if (at.healthy === null) await sleep(250);
  }
  return at;
}

describe('Redis fails under load', () => {
  it('every request is answered, /health is degraded then healthy, and no user is locked out', async () => {
    const load = new Load({ label: 'redis', target: () => svc.url, tokens: users.map((u) => u.token), rps: 20, streamShare: 0.5, timeoutMs: 15_000 }).start();
    await sleep(3_000);
    expect((await health(svc.url))?.status).toBe('healthy');
    // The load alone stays within the limits: whatever fails later, the fault did it.
    expect(load.snapshot().failed, JSON.stringify(load.snapshot().byOutcome)).toBe(0);

    // Down: frozen (commands hang), then killed, then a fresh, empty Redis on the same port.
    load.mark('redis frozen then killed');
    stack.redis.freeze();
    const degradedFrozen = await secondsUntil(isStatus('degraded'), 10_000);
    await sleep(2_000);
    await stack.redis.kill();
    const degradedKilled = (await health(svc.url))?.status;
    await sleep(4_000);
    await stack.redis.start();
    load.mark('redis restarted');
    const restartedAt = Date.now();
    const afterRestart = await recovery(45_000);
    const healthyAfterRestart = afterRestart.healthy;

    // Slow: frozen for a few seconds, then thawed (commands that timed out on the client run late on the server).
    load.mark('redis slow (frozen, thawed)');
    stack.redis.freeze();
    const degradedSlow = await secondsUntil(isStatus('degraded'), 10_000);
    await sleep(4_000);
    stack.redis.thaw();
    load.mark('redis thawed');
    const afterThaw = await recovery(45_000);
    const healthyAfterThaw = afterThaw.healthy;
    await sleep(2_000);
    const report = await load.stop();

    // A stream slot leaked by the outage shows as a 429 on a stream after it, and as a user who cannot open
    // RATE_LIMIT_CONCURRENT_STREAMS streams once the load is over.
    const refusedAfter = report.requests.filter((q) => q.stream && q.outcome?.kind === 'answered' && q.outcome.status === 429 && q.at >= restartedAt).length;
    stack.fake.script(...Array.from({ length: STREAMS * users.length }, () => ({ kind: 'answer' as const, chunkDelayMs: 400 })));
    const slots = await Promise.all(users.map((u, i) => canOpenStreams(svc.url, u.token, STREAMS, `redis-slots-${i}`)));
    const lockedOut = slots.filter((s) => !s.ok).length;

    figures('redis: frozen, killed, restarted, slow', {
      sent: report.sent,
      ok: report.ok,
      failed: report.failed,
      timeouts: report.timeouts,
      degraded_after_freeze_s: degradedFrozen,
      cache_up_after_restart_s: afterRestart.cache,
      limiter_up_after_restart_s: afterRestart.limiter,
      healthy_after_restart_s: healthyAfterRestart,
      degraded_when_slow_s: degradedSlow,
      limiter_up_after_thaw_s: afterThaw.limiter,
      healthy_after_thaw_s: healthyAfterThaw,
      streams_refused_after: refusedAfter,
      users_locked_out: lockedOut,
    });
    if (report.failed) console.log('[faults] redis failures by phase', JSON.stringify(report.failuresByPhase));

    expect(report.timeouts, 'no request hangs').toBe(0);
    expect(report.failed, `every request answered 200: ${JSON.stringify(report.byOutcome)}`).toBe(0);
    expect(degradedFrozen, '/health degraded while Redis is frozen').not.toBeNull();
    expect(degradedKilled).toBe('degraded');
    expect(degradedSlow).not.toBeNull();
    expect(healthyAfterRestart, '/health healthy within 30 s of Redis coming back').not.toBeNull();
    expect(healthyAfterRestart!).toBeLessThanOrEqual(30);
    expect(healthyAfterThaw).not.toBeNull();
    expect(healthyAfterThaw!).toBeLessThanOrEqual(30);
    expect(refusedAfter, 'no stream refused for a slot leaked by the outage').toBe(0);
    expect(lockedOut, `no user locked out: ${JSON.stringify(slots.filter((s) => !s.ok).map((s) => s.outcomes))}`).toBe(0);
  });
});
