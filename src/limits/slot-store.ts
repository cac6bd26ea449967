import type { Redis } from 'ioredis';

/**
 * Leased slots per key: each holder is a member with its own expiry, so a slot whose holder stops renewing it
 * (the stream's instance died, or its release never reached the backend) frees itself when the lease runs out.
 * Methods throw on backend failure; the caller decides what that means.
 */
export interface SlotStore {
  /**
   * Drops expired members, then adds or renews `member` for `leaseMs` if it already holds a slot or fewer than
   * `limit` do. Returns whether it holds one now.
   */
  claim(key: string, member: string, leaseMs: number, limit: number): Promise<boolean>;
  release(key: string, member: string): Promise<void>;
}

/**
 * One atomic step on a sorted set (member → lease expiry in ms). The clock is Redis' own, so instances whose
 * clocks disagree still agree on when a lease ends. The key lives as long as its longest lease, so a user who
 * stops streaming leaves nothing behind.
 */
const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
return 1`;

type ScriptedRedis = Redis & { moolaiClaimSlot(key: string, member: string, leaseMs: number, limit: number): Promise<number> };

/** Slots shared by every instance. `prefix` is REDIS_KEY_PREFIX, as for every other key. */
export function createRedisSlotStore(redis: Redis, prefix: string): SlotStore {
  if (!('moolaiClaimSlot' in redis)) redis.defineCommand('moolaiClaimSlot', { numberOfKeys: 1, lua: CLAIM });
  const client = redis as ScriptedRedis;
  return {
    async claim(key, member, leaseMs, limit) {
      return (await client.moolaiClaimSlot(prefix + key, member, leaseMs, limit)) === 1;
    },
    async release(key, member) {
      await client.zrem(prefix + key, member);
    },
  };
}

/** Slots of one process (embedded mode, no Redis); the same leases, so both backends behave alike. */
export function createMemorySlotStore(now: () => number = Date.now): SlotStore {
  const sets = new Map<string, Map<string, number>>();
  return {
    async claim(key, member, leaseMs, limit) {
      const at = now();
      const set = sets.get(key) ?? new Map<string, number>();
      for (const [m, expires] of set) if (expires <= at) set.delete(m);
      if (!set.has(member) && set.size >= limit) return false;
      set.set(member, at + leaseMs);
      sets.set(key, set);
      return true;
    },
    async release(key, member) {
      const set = sets.get(key);
      set?.delete(member);
      if (set && !set.size) sets.delete(key);
    },
  };
}
