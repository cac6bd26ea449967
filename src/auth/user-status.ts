import { describeDbError } from '../storage/errors.js';
import { entryCache } from './entry-cache.js';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import type { Principal } from './principal.js';

export type UserStatus = 'active' | 'inactive' | 'missing';

/** What the request path needs to know about a user, cached per instance. */
export interface UserState {
  status: UserStatus;
  /** Tokens issued here carry the version current at issue (claim `tv`); a higher one here means "signed out". */
  tokenVersion: number;
  /** The user's own budgets in USD; null: the organisation default applies. */
  budgetUsdDaily: number | null;
  budgetUsdMonthly: number | null;
}

export const MISSING_USER: UserState = { status: 'missing', tokenVersion: 0, budgetUsdDaily: null, budgetUsdMonthly: null };

export interface UserStatusOptions {
  lookup: (userId: string) => Promise<UserState>;
  /**
   * How long a looked-up state is trusted (default 10 s). Changes made through this service reach every instance at
   * once (session-revocations.ts), so this only bounds changes made behind its back, or while that notice channel is
   * down (pass a function that shortens it then).
   */
  ttlMs?: number | (() => number);
  log: Logger;
}

interface Entry {
  state: UserState;
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
  const ttl = opts.ttlMs ?? 10_000;
  const ttlMs = typeof ttl === 'function' ? ttl : () => ttl;
  const cache = entryCache<Entry>(50_000, STALE_MS);
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let lastWarn = 0;

  function judge(p: Principal, state: UserState): void {
    if (state.status === 'inactive') throw new AppError('UNAUTHORIZED', 'this user is deactivated');
    if (state.status === 'missing' && p.issuedHere) throw new AppError('UNAUTHORIZED', 'this user no longer exists');
    // Tokens without a version (the Controller's) are judged by the user's status alone.
    if (p.tokenVersion !== undefined && p.tokenVersion < state.tokenVersion) throw new AppError('UNAUTHORIZED', 'this token was revoked; sign in again');
  }

  function refresh(userId: string): Promise<Entry | undefined> {
    let pending = inflight.get(userId);
    if (!pending) {
      pending = opts
        .lookup(userId)
        .then((state) => {
          const e = { state, at: Date.now() };
          cache.set(userId, e);
          return e;
        })
        .catch((err: unknown) => {
          if (Date.now() - lastWarn > 10_000) opts.log.warn({ err: describeDbError(err) }, 'user status unavailable: using the last known status');
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
      if (p.via !== 'token' && p.via !== 'oidc') return;
      const e = cache.get(p.userId);
      if (e && Date.now() - e.at < ttlMs()) return judge(p, e.state);
      return refresh(p.userId).then((fresh) => {
        if (fresh) judge(p, fresh.state);
      });
    },
    /** The cached state of a user (what `check` last saw), without a lookup. */
    peek(userId: string): UserState | undefined {
      return cache.get(userId)?.state;
    },
    /** Forgets a user's status (after this instance changed it), so the next request looks again. */
    forget(userId: string): void {
      cache.delete(userId);
    },
  };
}

export type UserStatusCheck = ReturnType<typeof createUserStatus>;

