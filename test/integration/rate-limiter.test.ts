import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryKv } from '../../src/cache/memory-kv.js';
import { createRedisKv } from '../../src/cache/redis-kv.js';
import type { KvStore } from '../../src/cache/kv-store.js';
import { AppError } from '../../src/errors/app-error.js';
import { createRateLimiter, leaseSize } from '../../src/limits/rate-limiter.js';
import { createMemorySlotStore } from '../../src/limits/slot-store.js';
import { REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const log = pino({ level: 'silent' });
let redis: Redis;
const prefix = uniquePrefix('rl');
beforeAll(async () => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const limiter = (kv: KvStore, perMinute: number) =>
  createRateLimiter({ kv, orgId: 'org_t', perMinute, concurrentStreams: 0, slots: createMemorySlotStore(), streamLeaseMs: 30_000, log });

/** Fires `n` hits at once; returns how many were let through (the rest must be RATE_LIMITED). */
async function admitted(hit: () => void | Promise<void>, n: number): Promise<number> {
  // async: a synchronous RATE_LIMITED throw counts as a rejection like an asynchronous one.
  const results = await Promise.allSettled(Array.from({ length: n }, async () => hit()));
  for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('RATE_LIMITED');
  return results.filter((r) => r.status === 'fulfilled').length;
}

describe('rate limiter', () => {
  it('leases 1 % of the limit, between 1 and 64 requests', () => {
    expect([leaseSize(60), leaseSize(199), leaseSize(200), leaseSize(1_000), leaseSize(1e9)]).toEqual([1, 1, 2, 10, 64]);
  });

  it('counts small limits exactly, also for concurrent requests (embedded backend)', async () => {
    const rl = limiter(createMemoryKv(), 5);
    expect(await admitted(() => rl.hit('u1'), 12)).toBe(5);
    expect(await admitted(() => rl.hit('u2'), 3)).toBe(3);
  });

  it('two instances on one Redis never admit more than the limit together, and waste at most a lease each', async () => {
    const kv = createRedisKv(redis, prefix);
    const a = limiter(kv, 1_000);
    const b = limiter(kv, 1_000);
    const user = `user-${Date.now()}`;
    let total = 0;
    for (let round = 0; round < 12; round++) total += (await admitted(() => a.hit(user), 50)) + (await admitted(() => b.hit(user), 50));
    expect(total).toBeLessThanOrEqual(1_000);
    expect(total).toBeGreaterThanOrEqual(1_000 - 2 * (leaseSize(1_000) - 1));
  });

  it('asks the backend once per lease, not once per request', async () => {
    const kv = createRedisKv(redis, prefix);
    let calls = 0;
    const counting: KvStore = { ...kv, incr: (...args) => (calls++, kv.incr(...args)) };
    const rl = limiter(counting, 100_000);
    const user = `user-lease-${Date.now()}`;
    expect(await admitted(() => rl.hit(user), 640)).toBe(640);
    expect(calls).toBe(640 / leaseSize(100_000));
  });

  it('fails open when the backend fails, and asks again on the next request', async () => {
    let calls = 0;
    const broken: KvStore = { ...createMemoryKv(), incr: async () => (calls++, Promise.reject(new Error('down'))) };
    const rl = limiter(broken, 5);
    expect(await admitted(() => rl.hit('u'), 8)).toBe(8);
    expect(calls).toBeGreaterThanOrEqual(1);
    await rl.hit('u');
    expect(rl.state().status).toBe('degraded');
  });

  it('takes leased tokens synchronously and throws RATE_LIMITED synchronously once the window is used up', async () => {
    const rl = limiter(createMemoryKv(), 200);
    await rl.hit('s'); // leases 2 tokens, uses 1
    expect(rl.hit('s')).toBeUndefined();
    for (let i = 0; i < 198; i++) await rl.hit('s');
    expect(() => rl.hit('s')).toThrow(/rate limit of 200/);
  });
});
