import type { Redis } from 'ioredis';
import { entryCache } from '../entry-cache.js';
import { subscribeChannel } from '../../cache/redis-subscription.js';
import type { Logger } from 'pino';
import { AppError } from '../../errors/app-error.js';
import type { Role } from '../principal.js';
import { checksumValid, hashApiKey } from './key-format.js';

/** What the verifier needs to know about a key and its owner (the repository's `byHash` returns it). */
export interface KeyRecord {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  prefix: string;
  /** Model names or patterns the key may call; null: whatever its owner may call. */
  models: string[] | null;
  rpm: number | null;
  budgetUsdDaily: number | null;
  budgetUsdMonthly: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  owner: {
    id: string;
    username: string;
    fullName: string;
    role: Role;
    isActive: boolean;
    tokenVersion: number;
    budgetUsdDaily?: number | null;
    budgetUsdMonthly?: number | null;
  };
}

/** A key that may be used now. Shared between requests from the cache: never mutate it. */
export type VerifiedKey = Readonly<KeyRecord>;

export interface ApiKeyVerifierOptions {
  lookup: (hash: string) => Promise<KeyRecord | null>;
  /** Redis to tell other instances about revocations; absent (embedded, one instance) they stay local. */
  redis?: Redis;
  channel: string;
  log: Logger;
  /** How long a verified key is trusted without asking the database (default 30 s). */
  cacheTtlMs?: number;
  /** How long a refusal is remembered (default 10 s). */
  negativeTtlMs?: number;
  /** Writes last-use times; called with every key used since the last call, at most every `flushIntervalMs`. */
  touchLastUsed?: (ids: string[], at: Date) => Promise<void>;
  flushIntervalMs?: number;
}

/** Revocation holds within about this long while the revocation channel is down (see `freshFor`). */
const UNSUBSCRIBED_TTL_MS = 1_000;
/** A verified key is still accepted for this long when the database cannot be asked (DESIGN §5). */
const STALE_MS = 10 * 60_000;

interface Positive {
  record: VerifiedKey;
  at: number;
}

interface Negative {
  message: string;
  keyId?: string;
  userId?: string;
}

type Notice = { kind: 'key' | 'user'; id: string };

const refused = (message: string) => new AppError('UNAUTHORIZED', message);

function judge(r: KeyRecord, now: number): Negative | null {
  const ids = { keyId: r.id, userId: r.userId };
  if (r.revokedAt !== null) return { message: 'this API key has been revoked', ...ids };
  if (r.expiresAt !== null && r.expiresAt.getTime() <= now) return { message: 'this API key has expired', ...ids };
  if (!r.owner.isActive) return { message: 'the owner of this API key is deactivated', ...ids };
  return null;
}

/**
 * Verifies API keys with almost no database traffic. A key that fails its format or checksum is refused before any
 * lookup; verified keys are cached per instance by hash, and refusals too, in a cache of their own so a flood of bad
 * keys neither reaches the database nor pushes good keys out. Revoking a key (or a user's keys) evicts it here and
 * publishes a notice that every instance's subscriber acts on, so it holds everywhere within a second.
 */
export function createApiKeyVerifier(opts: ApiKeyVerifierOptions) {
  const ttlMs = opts.cacheTtlMs ?? 30_000;
  const flushMs = opts.flushIntervalMs ?? 5_000;
  const positive = entryCache<Positive>(50_000, STALE_MS);
  const negative = entryCache<Negative>(20_000, opts.negativeTtlMs ?? 10_000);
  const inflight = new Map<string, Promise<KeyRecord | null>>();
  // Bumped by every eviction: a lookup that started before one may have read the key before it was revoked.
  let generation = 0;
  let lastWarn = 0;
  const used = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;

  /**
   * While the subscription is down, notices from other instances are lost, so a cached key is trusted for 1 s only:
   * revocation then still holds within about a second, at the price of one lookup per key and second.
   */
  const freshFor = () => (subscription && !subscription.listening ? Math.min(ttlMs, UNSUBSCRIBED_TTL_MS) : ttlMs);

  function warn(obj: object, msg: string) {
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    opts.log.warn(obj, msg);
  }

  // A scan rather than an index by key and user: evictions are rare (an admin's action) and a scan of even a full
  // cache takes milliseconds, while an index would have to follow every LRU eviction.
  function evict(n: Notice) {
    generation++;
    inflight.clear();
    const matches = (keyId: string | undefined, userId: string | undefined) => (n.kind === 'key' ? keyId : userId) === n.id;
    const gone: string[] = [];
    for (const [hash, e] of positive.entries()) if (matches(e.record.id, e.record.userId)) gone.push(hash);
    for (const [hash, e] of negative.entries()) if (matches(e.keyId, e.userId)) gone.push(hash);
    for (const hash of gone) {
      positive.delete(hash);
      negative.delete(hash);
    }
  }

  async function announce(n: Notice) {
    evict(n);
    if (!opts.redis) return;
    // Failing to publish is logged, not thrown: the database change stands, and instances that cannot hear us
    // either (Redis down) already trust their cache for a second only.
    await opts.redis.publish(opts.channel, JSON.stringify(n)).catch((err: unknown) => opts.log.warn({ err: (err as Error).message, notice: n.kind }, 'api key revocation notice not published'));
  }

  // Notices sent while this instance was not listening are lost: every (re)subscription forgets every cached verdict.
  const subscription = opts.redis
    ? subscribeChannel(opts.redis, {
        channel: opts.channel,
        onMessage(message) {
          try {
            const n = JSON.parse(message) as Notice;
            if ((n.kind === 'key' || n.kind === 'user') && typeof n.id === 'string') evict(n);
          } catch {
            opts.log.warn({ channel: opts.channel }, 'unreadable api key revocation notice');
          }
        },
        onSubscribed() {
          positive.clear();
          negative.clear();
          inflight.clear();
          generation++;
        },
        onError: (err) => warn({ err: err.message, channel: opts.channel }, 'api key revocation subscription failed'),
      })
    : undefined;

  function lookup(hash: string): Promise<KeyRecord | null> {
    let pending = inflight.get(hash);
    if (!pending) {
      const started = generation;
      const p = opts.lookup(hash).then((r) => {
        if (generation === started) {
          const verdict = r === null ? { message: 'invalid API key' } : judge(r, Date.now());
          if (verdict) {
            positive.delete(hash);
            negative.set(hash, verdict);
          } else {
            negative.delete(hash);
            positive.set(hash, { record: r!, at: Date.now() });
          }
        }
        return r;
      });
      pending = p.finally(() => {
        if (inflight.get(hash) === pending) inflight.delete(hash);
      });
      inflight.set(hash, pending);
    }
    return pending;
  }

  function scheduleFlush() {
    if (flushTimer || !opts.touchLastUsed) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void flush();
    }, flushMs);
    flushTimer.unref();
  }

  async function flush(): Promise<void> {
    if (!opts.touchLastUsed || used.size === 0) return;
    await flushing;
    if (used.size === 0) return; // a concurrent flush took them
    const ids = [...used];
    used.clear();
    flushing = opts.touchLastUsed(ids, new Date()).catch((err: unknown) => {
      // Kept for the next flush: a last-use time a few seconds late is fine, a lost one is not.
      for (const id of ids) used.add(id);
      warn({ err: (err as Error).message, keys: ids.length }, 'api key last-use update failed');
      scheduleFlush();
    });
    await flushing;
  }

  return {
    /**
     * The hot path, without a promise: the key's record when it is cached, fresh and may be used now (what `verify`
     * would answer without a lookup). Undefined whenever only `verify` can tell: not cached, cached too long ago,
     * refused (`verify` says why), or not a key at all. Never throws, never looks anything up.
     */
    verifyCached(key: string): VerifiedKey | undefined {
      // No checksum test here: only the key itself hashes to a cached key's hash, so a hit needs none, and a miss
      // goes on to `verify`, which tests the checksum before any lookup.
      const hit = positive.get(hashApiKey(key));
      if (!hit) return undefined;
      const now = Date.now();
      if (now - hit.at >= freshFor() || judge(hit.record, now)) return undefined;
      return hit.record;
    },

    /** The key's record if it may be used now; throws UNAUTHORIZED otherwise. */
    async verify(key: string): Promise<VerifiedKey> {
      if (!checksumValid(key)) throw refused('invalid API key');
      const hash = hashApiKey(key);
      const now = Date.now();
      const hit = positive.get(hash);
      if (hit && now - hit.at < freshFor()) {
        const verdict = judge(hit.record, now);
        if (verdict) throw refused(verdict.message);
        return hit.record;
      }
      const no = negative.get(hash);
      if (no) throw refused(no.message);
      let r: KeyRecord | null;
      try {
        r = await lookup(hash);
      } catch (err) {
        // The database cannot answer: a key verified before is still good (revocations need the database too, and
        // other instances' notices still evict it); an unknown key cannot be judged, so the error stands.
        if (!hit) throw err;
        warn({ err: (err as Error).message }, 'api key lookup failed: using the last verified state');
        r = hit.record;
      }
      if (r === null) throw refused('invalid API key');
      const verdict = judge(r, Date.now());
      if (verdict) throw refused(verdict.message);
      return r;
    },

    /** Call after revoking a key in the database: every instance stops accepting it. */
    revoke: (keyId: string) => announce({ kind: 'key', id: keyId }),

    /** Call after changing a user in a way that affects their keys (deactivated, reactivated, all keys revoked). */
    invalidateUser: (userId: string) => announce({ kind: 'user', id: userId }),

    /** Notes that a key was used; written in batches by `touchLastUsed`, never one write per request. */
    recordUse(keyId: string): void {
      if (!opts.touchLastUsed) return;
      used.add(keyId);
      scheduleFlush();
    },

    /** Writes pending last-use times now (also done by `close`). */
    flush,

    /** Whether revocation notices from other instances are being received (false without Redis). */
    get listening(): boolean {
      return subscription?.listening ?? false;
    },

    async close(): Promise<void> {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      await flush();
      subscription?.close();
    },
  };
}

export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;
