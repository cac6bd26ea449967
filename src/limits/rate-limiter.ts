import type { Logger } from 'pino';
import type { KvStore } from '../cache/kv-store.js';
import { AppError } from '../errors/app-error.js';
import type { SlotStore } from './slot-store.js';
import { createStreamSlots } from './stream-slots.js';

export interface RateLimiterOptions {
  kv: KvStore;
  orgId: string;
  perMinute: number;
  concurrentStreams: number;
  /** Where stream slots are leased (Redis across instances, or this process). */
  slots: SlotStore;
  /** How long a stream slot outlives its holder's last renewal (RATE_LIMIT_STREAM_LEASE_MS). */
  streamLeaseMs: number;
  log: Logger;
}

export interface RateLimiterState {
  status: 'up' | 'degraded' | 'disabled';
  per_minute: number;
  concurrent_streams: number;
  last_error: string | null;
}

/**
 * Requests an instance reserves from the shared per-minute counter at once: 1 % of the limit, at most 64. Small
 * limits (under 200 a minute) are counted exactly, one round trip per request. Under large ones an instance pays
 * one round trip per lease instead of per request; the price is that tokens an instance leased but did not use
 * before the minute ends still count, so all instances together may refuse up to (lease − 1) requests each
 * slightly early, at most 1 % of the limit per instance. They never admit more than the limit.
 */
export const leaseSize = (perMinute: number): number => Math.min(64, Math.max(1, Math.floor(perMinute / 100)));

interface Lease {
  /** Next unused token number in this window, and one past the last leased. */
  next: number;
  end: number;
  /** A lease being fetched: concurrent requests of the same user wait for it instead of leasing their own. */
  pending?: Promise<void>;
}

/**
 * Per-user limits counted in the cache backbone, so they hold across instances (Redis) or in one process
 * (embedded): a fixed one-minute window of requests, and leased slots for open streams. If the backend fails the
 * limiter fails open (an outage of Redis must not stop every user) and reports itself degraded in /health.
 */
export function createRateLimiter(opts: RateLimiterOptions) {
  let lastError: { at: number; message: string } | null = null;
  const RECENT_FAILURE_MS = 5_000;
  const failedOpen = (err: unknown) => {
    if (!lastError || Date.now() - lastError.at > 10_000) opts.log.warn({ err: (err as Error).message }, 'rate limiter backend failed: allowing the request');
    lastError = { at: Date.now(), message: (err as Error).message };
  };

  const streams = createStreamSlots({ store: opts.slots, orgId: opts.orgId, limit: opts.concurrentStreams, leaseMs: opts.streamLeaseMs, onError: failedOpen });

  const lease = leaseSize(opts.perMinute);
  /** This instance's leases of the current window, by user; emptied when the window turns. */
  const leases = new Map<string, Lease>();
  let leasesWindow = 0;

  const limited = (window: number, now: number) => {
    const retryAfterS = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    return new AppError('RATE_LIMITED', `rate limit of ${opts.perMinute} requests per minute reached; retry in ${retryAfterS} s`, { retryAfterS });
  };

  /** Reserves the next `lease` tokens of the user's window in the shared counter. */
  async function renew(userId: string, window: number, l: Lease): Promise<void> {
    let count: number;
    try {
      count = await opts.kv.incr(`rl:${opts.orgId}:${userId}:${window}`, 61, lease);
    } catch (err) {
      // Fail open for this request only; the next one asks the backend again.
      failedOpen(err);
      l.next = l.end = 0;
      return;
    }
    // The backend answers again: the limiter is whole (health must not say degraded for a past outage).
    lastError = null;
    const first = count - lease + 1;
    l.next = first;
    l.end = Math.min(count, opts.perMinute) + 1;
  }

  /** Takes a leased token: true if taken, false if a new lease is needed; throws once the window is used up. */
  function take(l: Lease, window: number, now: number): boolean {
    if (l.next < l.end) {
      l.next++;
      return true;
    }
    if (l.next > opts.perMinute) throw limited(window, now);
    return false;
  }

  /** The slow path of `hit`: waits for a lease (this request's or a concurrent one's) and takes a token from it. */
  async function acquire(userId: string, window: number, now: number, l: Lease): Promise<void> {
    while (!take(l, window, now)) {
      if (!l.pending) {
        const renewal = renew(userId, window, l).finally(() => (l.pending = undefined));
        l.pending = renewal;
        await renewal;
      } else {
        await l.pending;
      }
      if (l.next === 0) return; // the backend failed: fail open
    }
  }

  return {
    /**
     * Counts one request; throws RATE_LIMITED (429 + Retry-After) past the per-minute limit. Synchronous (no
     * promise) while this instance holds leased tokens, which is most requests under a large limit.
     */
    hit(userId: string): void | Promise<void> {
      if (!opts.perMinute) return;
      const now = Date.now();
      const window = Math.floor(now / 60_000);
      if (window !== leasesWindow) {
        leases.clear();
        leasesWindow = window;
      }
      let l = leases.get(userId);
      if (!l) leases.set(userId, (l = { next: 0, end: 0 }));
      if (take(l, window, now)) return;
      return acquire(userId, window, now, l);
    },

    /**
     * Takes a stream slot (RATE_LIMITED past the limit), renewed while the stream runs; the returned function
     * gives it back (further calls do nothing).
     */
    acquireStream: (userId: string): Promise<() => void> => streams.acquire(userId),

    /** Stops renewing this instance's stream slots and gives them back. */
    close: (): void => streams.close(),

    state(): RateLimiterState {
      // Degraded while failures are recent; the next success clears it at once, and without traffic it lapses.
      const recent = lastError && Date.now() - lastError.at < RECENT_FAILURE_MS;
      return {
        status: !opts.perMinute && !opts.concurrentStreams ? 'disabled' : recent ? 'degraded' : 'up',
        per_minute: opts.perMinute,
        concurrent_streams: opts.concurrentStreams,
        last_error: recent ? lastError!.message : null,
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
