import type { Redis } from 'ioredis';

/**
 * Where spend counters live: Redis (shared by every instance) or this process (embedded mode). Values are integer
 * micro-dollars, so adding costs never accumulates floating-point error. Methods throw on backend failure; the
 * spend store decides what a failure means.
 */
export interface SpendCounter {
  key: string;
  micros: number;
  /** Lifetime given to a counter that has none yet (a new one). */
  ttlS: number;
}

export interface SpendBackend {
  /** Adds each counter's micros, creating it with its TTL; one round trip. */
  add(counters: readonly SpendCounter[]): Promise<void>;
  /** The counters' values (0 where missing), in one round trip. */
  read(keys: readonly string[]): Promise<number[]>;
  /** Raises each counter to at least its micros and never lowers one; returns how many it raised. */
  raise(counters: readonly SpendCounter[]): Promise<number>;
}

/**
 * INCRBY, then EXPIRE for a counter without one (new, or left without a TTL by hand). Every key in one script, so a
 * request's two or four counters cost one round trip.
 */
const ADD = `
for i, key in ipairs(KEYS) do
  redis.call('INCRBY', key, ARGV[2 * i - 1])
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return #KEYS`;

/**
 * Sets a counter to ARGV's value only when that is higher. The value is written back as the caller's own string:
 * Lua would format a large number as 1e+15, which INCRBY could no longer add to.
 */
const RAISE = `
local raised = 0
for i, key in ipairs(KEYS) do
  if tonumber(ARGV[2 * i - 1]) > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, ARGV[2 * i - 1], 'EX', ARGV[2 * i])
    raised = raised + 1
  end
end
return raised`;

/** Counters per RAISE call of a reconciliation: keeps each script run short, so other clients never wait long. */
const RAISE_CHUNK = 200;

type ScriptedRedis = Redis & {
  moolaiSpendAdd(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
  moolaiSpendRaise(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
};

/** numkeys, the prefixed keys, then each counter's value and TTL (strings: see RAISE). */
const scriptArgs = (prefix: string, counters: readonly SpendCounter[]): [number, ...string[]] => [
  counters.length,
  ...counters.map((c) => prefix + c.key),
  ...counters.flatMap((c) => [String(c.micros), String(c.ttlS)]),
];

/** Counters shared by every instance. `prefix` is REDIS_KEY_PREFIX, as for every other key. */
export function createRedisSpendBackend(redis: Redis, prefix: string): SpendBackend {
  if (!('moolaiSpendAdd' in redis)) {
    // No numberOfKeys: a request has two counters (user) or four (user and key), so the count is the first argument.
    redis.defineCommand('moolaiSpendAdd', { lua: ADD });
    redis.defineCommand('moolaiSpendRaise', { lua: RAISE });
  }
  const client = redis as ScriptedRedis;
  return {
    async add(counters) {
      if (counters.length) await client.moolaiSpendAdd(...scriptArgs(prefix, counters));
    },
    async read(keys) {
      if (!keys.length) return [];
      const values = await client.mget(...keys.map((k) => prefix + k));
      return values.map((v) => (v === null ? 0 : Number(v)));
    },
    async raise(counters) {
      if (!counters.length) return 0;
      const pipe = client.pipeline();
      for (let i = 0; i < counters.length; i += RAISE_CHUNK) {
        // Custom commands are on pipelines too; ioredis' types only know them on the client.
        (pipe as unknown as ScriptedRedis).moolaiSpendRaise(...scriptArgs(prefix, counters.slice(i, i + RAISE_CHUNK)));
      }
      let raised = 0;
      for (const [err, n] of (await pipe.exec()) ?? []) {
        if (err) throw err;
        raised += Number(n);
      }
      return raised;
    },
  };
}

/** Adds between sweeps of expired counters, so a long-running embedded process does not keep past days forever. */
const SWEEP_EVERY = 1_024;

/** Counters of one process (embedded mode, no Redis), with the same expiry as in Redis. */
export function createMemorySpendBackend(now: () => number = Date.now): SpendBackend {
  const counters = new Map<string, { micros: number; expiresAt: number }>();
  let adds = 0;
  const live = (key: string) => {
    const c = counters.get(key);
    if (c && c.expiresAt <= now()) {
      counters.delete(key);
      return undefined;
    }
    return c;
  };
  const sweep = () => {
    const at = now();
    for (const [key, c] of counters) if (c.expiresAt <= at) counters.delete(key);
  };
  return {
    async add(list) {
      if (++adds % SWEEP_EVERY === 0) sweep();
      for (const { key, micros, ttlS } of list) {
        const c = live(key);
        if (c) c.micros += micros;
        else counters.set(key, { micros, expiresAt: now() + ttlS * 1000 });
      }
    },
    async read(keys) {
      return keys.map((k) => live(k)?.micros ?? 0);
    },
    async raise(list) {
      sweep();
      let raised = 0;
      for (const { key, micros, ttlS } of list) {
        if (micros <= (live(key)?.micros ?? 0)) continue;
        counters.set(key, { micros, expiresAt: now() + ttlS * 1000 });
        raised++;
      }
      return raised;
    },
  };
}
