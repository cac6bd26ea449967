import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import type { Principal } from './principal.js';

export type UserStatus = 'active' | 'inactive' | 'missing';

export interface UserStatusOptions {
  lookup: (userId: string) => Promise<UserStatus>;
  /** How long a looked-up status is trusted: the longest a deactivated user keeps access on an instance. */
  ttlMs?: number;
  log: Logger;
}

interface Entry {
  status: UserStatus;
  at: number;
}

/** A stale status is still used while the database cannot be asked, for this long. */
const STALE_MS = 10 * 60_000;

/**
 * Is the user behind a token still allowed in? A signed, unexpired token says who someone was when it was issued; a
 * user deactivated (or, for tokens this service issued, deleted) since is refused with 401. Statuses are cached per
 * instance for `ttlMs` (default 10 s), so most requests pay no database round trip: `check` is synchronous on a hit.
 * Concurrent lookups of one user share one query. If the database cannot answer, the last known status stands
 * (a deactivated user stays out); with none known the request is let through and a warning logged, since an
 * orchestrator database outage must not stop LLM traffic that does not need it (DESIGN §5).
 */
export function createUserStatus(opts: UserStatusOptions) {
  const ttlMs = opts.ttlMs ?? 10_000;
  const cache = new LRUCache<string, Entry>({ max: 50_000, ttl: STALE_MS });
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let lastWarn = 0;

  function judge(p: Principal, status: UserStatus): void {
    if (status === 'inactive') throw new AppError('UNAUTHORIZED', 'this user is deactivated');
    if (status === 'missing' && p.issuedHere) throw new AppError('UNAUTHORIZED', 'this user no longer exists');
  }

  function refresh(userId: string): Promise<Entry | undefined> {
    let pending = inflight.get(userId);
    if (!pending) {
      pending = opts
        .lookup(userId)
        .then((status) => {
          const e = { status, at: Date.now() };
          cache.set(userId, e);
          return e;
        })
        .catch((err: unknown) => {
          if (Date.now() - lastWarn > 10_000) opts.log.warn({ err: (err as Error).message }, 'user status unavailable: using the last known status');
          lastWarn = Date.now();
          return cache.get(userId);
        })
        .finally(() => inflight.delete(userId));
      inflight.set(userId, pending);
    }
    return pending;
  }

  return {
    /** Throws UNAUTHORIZED for a deactivated or deleted user; a no-op for the unauthenticated default principals. */
    check(p: Principal): void | Promise<void> {
      if (p.via !== 'token') return;
      const e = cache.get(p.userId);
      if (e && Date.now() - e.at < ttlMs) return judge(p, e.status);
      return refresh(p.userId).then((fresh) => {
        if (fresh) judge(p, fresh.status);
      });
    },
    /** Forgets a user's status (after this instance changed it), so the next request looks again. */
    forget(userId: string): void {
      cache.delete(userId);
    },
  };
}

export type UserStatusCheck = ReturnType<typeof createUserStatus>;

