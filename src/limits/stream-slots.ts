import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { SlotStore } from './slot-store.js';

export interface StreamSlotsOptions {
  store: SlotStore;
  orgId: string;
  /** Streams one user may have open at once; 0 = no limit. */
  limit: number;
  /** How long a slot outlives its last renewal; renewed every third of it while the stream runs. */
  leaseMs: number;
  /** A backend failure: the stream goes ahead (fail open) and the limiter reports itself degraded. */
  onError(err: unknown): void;
}

/**
 * Concurrent-stream slots as leases: a stream holds a slot only while it keeps renewing it, so no failure can
 * leave one behind for longer than a lease. An instance that dies stops renewing; a release that never reaches
 * the backend is overtaken by the expiry; an acquire that timed out (the write may still land later) is treated
 * as held: the stream goes ahead and its handle renews and releases the same member as any other, and a write
 * that lands after the stream ended is removed by the release queued behind it, or by its own expiry.
 */
export function createStreamSlots(opts: StreamSlotsOptions) {
  const { store, limit, leaseMs } = opts;
  /** Releases of the slots this instance holds, so close() can stop their renewals. */
  const held = new Set<() => void>();

  function hold(key: string, member: string): () => void {
    let renewing = false;
    const timer = setInterval(() => {
      // One renewal at a time: during a Redis stall, timed-out renewals must not pile up behind each other.
      if (renewing) return;
      renewing = true;
      store
        .claim(key, member, leaseMs, limit)
        .catch(opts.onError)
        .finally(() => (renewing = false));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    // A stream's renewal never keeps the process alive (shutdown drains the streams themselves).
    timer.unref();
    const release = () => {
      if (!held.delete(release)) return;
      clearInterval(timer);
      // If this fails the lease runs out instead.
      store.release(key, member).catch(opts.onError);
    };
    held.add(release);
    return release;
  }

  return {
    /** Takes a slot for one stream; the returned function gives it back (further calls do nothing). */
    async acquire(userId: string): Promise<() => void> {
      if (!limit) return () => undefined;
      const key = `rl:slots:${opts.orgId}:${userId}`;
      const member = randomUUID();
      let claimed: boolean;
      try {
        claimed = await store.claim(key, member, leaseMs, limit);
      } catch (err) {
        opts.onError(err);
        claimed = true;
      }
      if (!claimed) throw new AppError('RATE_LIMITED', `at most ${limit} streams may be open at once`, { retryAfterS: 1 });
      return hold(key, member);
    },

    /** Stops every renewal and gives the slots back (best effort; what does not arrive expires with its lease). */
    close(): void {
      for (const release of [...held]) release();
    },
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
