import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { subscribeChannel, type ChannelSubscription } from '../cache/redis-subscription.js';

export interface SessionRevocationsOptions {
  /** Shared Redis (every instance sees every revocation); undefined on the embedded single-instance default. */
  redis: Redis | undefined;
  keyPrefix: string;
  orgId: string;
  log: Logger;
  /** Told when any instance changed a user (deactivated, signed out everywhere, budget changed): drop what you cached. */
  onUserChanged(userId: string): void;
}

type Notice = { kind: 'jti'; jti: string; exp: number } | { kind: 'user'; id: string };

/**
 * Signed-out tokens and changed users, the same on every instance within a second, with no round trip on the
 * request path:
 * - a logged-out token's id (jti) goes into a Redis sorted set scored by the token's expiry, and a notice on a
 *   channel puts it into every instance's in-memory set; an instance loads the set when it (re)subscribes, so one
 *   that was away catches up;
 * - a changed user is announced on the same channel, and each instance drops its cached view of that user.
 * While the subscription is down `listening` is false, and the user cache trusts what it holds for a second only.
 */
export function createSessionRevocations(opts: SessionRevocationsOptions) {
  const setKey = `${opts.keyPrefix}auth:revoked-jti:${opts.orgId}`;
  const channel = `${opts.keyPrefix}auth:changes:${opts.orgId}`;
  /** jti → expiry (epoch seconds); entries past their expiry are pruned, the token is refused by its exp anyway. */
  const revoked = new Map<string, number>();
  let subscription: ChannelSubscription | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;

  function apply(n: Notice): void {
    if (n.kind === 'jti') revoked.set(n.jti, n.exp);
    else opts.onUserChanged(n.id);
  }

  async function loadRevoked(): Promise<void> {
    if (!opts.redis) return;
    const now = Math.floor(Date.now() / 1000);
    const rows = await opts.redis.zrangebyscore(setKey, now, '+inf', 'WITHSCORES');
    for (let i = 0; i + 1 < rows.length; i += 2) revoked.set(rows[i]!, Number(rows[i + 1]));
  }

  async function publish(n: Notice): Promise<void> {
    if (!opts.redis) return;
    await opts.redis.publish(channel, JSON.stringify(n));
  }

  return {
    get listening(): boolean {
      return subscription ? subscription.listening : !opts.redis;
    },

    async start(): Promise<void> {
      pruneTimer = setInterval(() => {
        const now = Math.floor(Date.now() / 1000);
        for (const [jti, exp] of revoked) if (exp < now) revoked.delete(jti);
      }, 60_000);
      pruneTimer.unref();
      if (!opts.redis) return;
      // Every (re)subscription reloads the set: notices sent while this instance was away are lost. Not awaited: with
      // Redis away at start-up the subscription waits for it, and start-up must not (DESIGN §5).
      subscription = subscribeChannel(opts.redis, {
        channel,
        onMessage(message) {
          try {
            apply(JSON.parse(message) as Notice);
          } catch {
            opts.log.warn('unreadable session revocation notice');
          }
        },
        onSubscribed: loadRevoked,
        onError: (err) => opts.log.warn({ err: err.message }, 'session revocation subscription failed'),
      });
    },

    /** Whether this token id was signed out (synchronous: the request path reads memory only). */
    isRevoked(jti: string): boolean {
      return revoked.has(jti);
    },

    /**
     * Signs one token out everywhere, until its expiry. Throws when Redis cannot take it, so the caller can fall back
     * to something that holds without Redis (logout bumps the user's token version then).
     */
    async revokeToken(jti: string, expiresAtS: number): Promise<void> {
      revoked.set(jti, expiresAtS);
      if (!opts.redis) return;
      await opts.redis.zadd(setKey, expiresAtS, jti);
      // Keep the set bounded: expired entries can go (their tokens are refused by exp).
      await opts.redis.zremrangebyscore(setKey, '-inf', Math.floor(Date.now() / 1000) - 1);
      await publish({ kind: 'jti', jti, exp: expiresAtS });
    },

    /** Tells every instance (this one included) to forget what it cached about a user. Never throws. */
    async userChanged(userId: string): Promise<void> {
      opts.onUserChanged(userId);
      await publish({ kind: 'user', id: userId }).catch((err: unknown) => opts.log.warn({ err: (err as Error).message }, 'user change notice not published; other instances catch up within their cache time'));
    },

    close(): void {
      clearInterval(pruneTimer);
      subscription?.close();
    },
  };
}

export type SessionRevocations = ReturnType<typeof createSessionRevocations>;
