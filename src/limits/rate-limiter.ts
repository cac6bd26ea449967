import type { Logger } from 'pino';
import type { KvStore } from '../cache/kv-store.js';
import { AppError } from '../errors/app-error.js';

export interface RateLimiterOptions {
  kv: KvStore;
  orgId: string;
  perMinute: number;
  concurrentStreams: number;
  log: Logger;
}

export interface RateLimiterState {
  status: 'up' | 'degraded' | 'disabled';
  per_minute: number;
  concurrent_streams: number;
  last_error: string | null;
}

/** A stream slot held slightly longer than any stream can last, so a crashed instance's slots expire. */
const STREAM_SLOT_TTL_S = 3_600;

/**
 * Per-user limits counted in the cache backbone, so they hold across instances (Redis) or in one process
 * (embedded): a fixed one-minute window of requests, and a count of open streams. If the backend fails the
 * limiter fails open (an outage of Redis must not stop every user) and reports itself degraded in /health.
 */
export function createRateLimiter(opts: RateLimiterOptions) {
  let lastError: { at: number; message: string } | null = null;
  const failedOpen = (err: unknown) => {
    if (!lastError || Date.now() - lastError.at > 10_000) opts.log.warn({ err: (err as Error).message }, 'rate limiter backend failed: allowing the request');
    lastError = { at: Date.now(), message: (err as Error).message };
  };

  return {
    /** Counts one request; throws RATE_LIMITED (429 + Retry-After) past the per-minute limit. */
    async hit(userId: string): Promise<void> {
      if (!opts.perMinute) return;
      const now = Date.now();
      const window = Math.floor(now / 60_000);
      let count: number;
      try {
        count = await opts.kv.incr(`rl:${opts.orgId}:${userId}:${window}`, 61);
      } catch (err) {
        return failedOpen(err);
      }
      if (count > opts.perMinute) {
        const retryAfterS = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
        throw new AppError('RATE_LIMITED', `rate limit of ${opts.perMinute} requests per minute reached; retry in ${retryAfterS} s`, { retryAfterS });
      }
    },

    /** Takes a stream slot; the returned function gives it back (call it exactly once). */
    async acquireStream(userId: string): Promise<() => void> {
      if (!opts.concurrentStreams) return () => undefined;
      const key = `rl:streams:${opts.orgId}:${userId}`;
      let open: number;
      try {
        open = await opts.kv.incr(key, STREAM_SLOT_TTL_S);
      } catch (err) {
        failedOpen(err);
        return () => undefined;
      }
      const release = () => void opts.kv.decr(key).catch(() => undefined);
      if (open > opts.concurrentStreams) {
        release();
        throw new AppError('RATE_LIMITED', `at most ${opts.concurrentStreams} streams may be open at once`, { retryAfterS: 1 });
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    },

    state(): RateLimiterState {
      const recent = lastError && Date.now() - lastError.at < 30_000;
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
