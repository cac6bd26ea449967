import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, canOpenStreams, createUsers, health, type User } from './helpers/api.js';
import { figures, secondsUntil } from './helpers/figures.js';
import { ORG_ID, startInstance, type Instance } from './helpers/instance.js';
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
    const healthyAfterRestart = await secondsUntil(isStatus('healthy'), 45_000, 250);

    // Slow: frozen for a few seconds, then thawed (commands that timed out on the client run late on the server).
    load.mark('redis slow (frozen, thawed)');
    stack.redis.freeze();
    const degradedSlow = await secondsUntil(isStatus('degraded'), 10_000);
    await sleep(4_000);
    stack.redis.thaw();
    load.mark('redis thawed');
    const healthyAfterThaw = await secondsUntil(isStatus('healthy'), 45_000, 250);
    await sleep(2_000);
    const report = await load.stop();

    // What the limiter still counts as open streams once every stream has ended: anything above 0 is leaked.
    const r = stack.redis.client();
    const counters = await Promise.all(users.map(async (u) => Number((await r.get(`moolai:rl:streams:${ORG_ID}:${u.user_id}`)) ?? 0)));
    r.disconnect();
    const leaked = counters.reduce((a, b) => a + b, 0);
    stack.fake.script(...Array.from({ length: STREAMS * users.length }, () => ({ kind: 'answer' as const, chunkDelayMs: 400 })));
    const slots = await Promise.all(users.map((u, i) => canOpenStreams(svc.url, u.token, STREAMS, `redis-slots-${i}`)));
    const lockedOut = slots.filter((s) => !s.ok).length;

    figures('redis: frozen, killed, restarted, slow', {
      sent: report.sent,
      ok: report.ok,
      failed: report.failed,
      timeouts: report.timeouts,
      degraded_after_freeze_s: degradedFrozen,
      healthy_after_restart_s: healthyAfterRestart,
      degraded_when_slow_s: degradedSlow,
      healthy_after_thaw_s: healthyAfterThaw,
      leaked_stream_slots: leaked,
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
    expect(leaked, 'no stream slot leaked').toBe(0);
    expect(lockedOut, `no user locked out: ${JSON.stringify(slots.filter((s) => !s.ok).map((s) => s.outcomes))}`).toBe(0);
  });
});
