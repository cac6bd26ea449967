import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { entryCache } from './entry-cache.js';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';

export interface LoginThrottleOptions {
  /** Shared counters across instances; without it (embedded) the local counters are the only ones. */
  redis: Redis | undefined;
  keyPrefix: string;
  orgId: string;
  /** Failed sign-ins one username may have within the window before it is refused (0 = no limit). */
  maxPerUser: number;
  /** Failed sign-ins one client address may have within the window (0 = no limit). */
  maxPerAddress: number;
  windowS: number;
  log: Logger;
}

/** One sign-in in progress: counted as a failure until it says otherwise. */
export interface LoginAttempt {
  /** The password was right: the username's failures are forgiven and this attempt is not held against the address. */
  succeeded(): Promise<void>;
}

interface Counter {
  count: number;
  /** When the window of this counter ends (ms since the epoch). */
  resetAt: number;
}

/**
 * Counts every attempt up front (INCR; the window starts with the first failure and is not extended by later ones)
 * and returns [count, ms left] per key: counting before the password is checked means parallel guesses cannot all
 * slip in before the first failure is written.
 */
const HIT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if n == 1 or ttl < 0 then redis.call('PEXPIRE', key, ARGV[1]); ttl = tonumber(ARGV[1]) end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

/** Success: KEYS[1] (the username) is forgiven, KEYS[2] (the address) gives back this attempt. */
const SUCCEED = `
redis.call('DEL', KEYS[1])
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
if n > 0 then redis.call('DECR', KEYS[2]) end
return 1`;

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/**
 * Login throttling per username and per client address, counted in Redis so it holds across instances. Every
 * attempt is also counted in this process, and the decision takes the larger count: when Redis is down or slow the
 * local counters decide alone, so an outage never opens the door wider than one instance's own limit.
 */
export function createLoginThrottle(opts: LoginThrottleOptions) {
  const windowMs = opts.windowS * 1000;
  const local = entryCache<Counter>(50_000, windowMs);
  let lastWarn = 0;

  const keys = (username: string, address: string) => ({
    user: `${opts.keyPrefix}login:fail:${opts.orgId}:u:${digest(username)}`,
    address: `${opts.keyPrefix}login:fail:${opts.orgId}:a:${digest(address)}`,
  });

  function hitLocal(key: string, now: number): Counter {
    const c = local.get(key);
    if (c && c.resetAt > now) {
      c.count++;
      return c;
    }
    const fresh = { count: 1, resetAt: now + windowMs };
    local.set(key, fresh);
    return fresh;
  }

  async function hitShared(k: { user: string; address: string }): Promise<Counter[] | undefined> {
    if (!opts.redis) return undefined;
    try {
      const r = (await opts.redis.eval(HIT, 2, k.user, k.address, String(windowMs))) as number[];
      const now = Date.now();
      return [
        { count: r[0]!, resetAt: now + r[1]! },
        { count: r[2]!, resetAt: now + r[3]! },
      ];
    } catch (err) {
      if (Date.now() - lastWarn > 10_000) opts.log.warn({ err: (err as Error).message }, 'login throttle: redis unavailable, counting in this instance only');
      lastWarn = Date.now();
      return undefined;
    }
  }

  const over = (c: Counter, max: number) => max > 0 && c.count > max;
  const refuse = (c: Counter, what: string) => {
    const retryAfterS = Math.max(1, Math.ceil((c.resetAt - Date.now()) / 1000));
    return new AppError('RATE_LIMITED', `too many failed sign-ins for this ${what}; retry in ${retryAfterS} s`, { retryAfterS });
  };
  const worse = (a: Counter, b: Counter | undefined) => (b && b.count > a.count ? b : a);

  return {
    /** Counts the attempt; throws RATE_LIMITED (429 + Retry-After) when the username or the address is over its limit. */
    async begin(username: string, address: string): Promise<LoginAttempt> {
      const k = keys(username, address);
      const now = Date.now();
      const localUser = hitLocal(k.user, now);
      const localAddress = hitLocal(k.address, now);
      const shared = await hitShared(k);
      const user = worse(localUser, shared?.[0]);
      const addr = worse(localAddress, shared?.[1]);
      if (over(user, opts.maxPerUser)) throw refuse(user, 'username');
      if (over(addr, opts.maxPerAddress)) throw refuse(addr, 'address');
      return {
        async succeeded() {
          local.delete(k.user);
          const c = local.get(k.address);
          if (c && c.count > 0) c.count--;
          if (!opts.redis) return;
          await opts.redis.eval(SUCCEED, 2, k.user, k.address).catch(() => undefined);
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
