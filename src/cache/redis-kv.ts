import type { Redis } from 'ioredis';
import { KvUnavailableError, type KvHealth, type KvStore } from './kv-store.js';

/** Redis-backed store. `prefix` namespaces every key (REDIS_KEY_PREFIX), so tests and services can share a server. */
/** INCRBY and, for a new counter, EXPIRE in one round trip (EVALSHA after the first call). */
const INCR_WITH_TTL =
  "local by = tonumber(ARGV[2]) local n = redis.call('INCRBY', KEYS[1], by) if n == by then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";
const DECR_FLOORED = "local v = redis.call('DECR', KEYS[1]) if v < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') return 0 end return v";

/**
 * Per-command timeout of the bulk connection. A SCAN or UNLINK step may wait behind a busy server far longer than a
 * request-path read should (REDIS_COMMAND_TIMEOUT_MS), but not forever.
 */
const BULK_COMMAND_TIMEOUT_MS = 10_000;
/** Keys per SCAN step of a bulk job; each step's UNLINK takes as many. */
const BULK_SCAN_COUNT = 1_000;

type ScriptedRedis = Redis & {
  moolaiIncrTtl(key: string, ttlSeconds: number, by: number): Promise<number>;
  moolaiDecrFloored(key: string): Promise<number>;
};

export function createRedisKv(redis: Redis, prefix: string): KvStore {
  const k = (key: string) => prefix + key;
  if (!('moolaiIncrTtl' in redis)) {
    redis.defineCommand('moolaiIncrTtl', { numberOfKeys: 1, lua: INCR_WITH_TTL });
    redis.defineCommand('moolaiDecrFloored', { numberOfKeys: 1, lua: DECR_FLOORED });
  }
  const client = redis as ScriptedRedis;

  async function* scanKeys(match: string, on: Redis = client, count = 500) {
    let cursor = '0';
    do {
      const [next, keys] = await on.scan(cursor, 'MATCH', match, 'COUNT', count);
      cursor = next;
      yield keys;
    } while (cursor !== '0');
  }

  /**
   * Runs a bulk job on a connection of its own: the request path's short command timeout does not apply to it, and
   * its SCAN steps never queue the request path's reads behind them. Opened per job (clearing is rare) and closed
   * after; never reconnects, so a Redis that goes away ends the job with KvUnavailableError.
   */
  async function onBulkConnection<T>(job: (bulk: Redis) => Promise<T>): Promise<T> {
    if (client.status !== 'ready') throw new KvUnavailableError(`redis connection ${client.status}`);
    const bulk = client.duplicate({
      lazyConnect: true,
      commandTimeout: BULK_COMMAND_TIMEOUT_MS,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      connectionName: `${client.options.connectionName ?? 'moolai'}:bulk`,
    });
    bulk.on('error', () => undefined); // the job's own commands report what went wrong
    try {
      await bulk.connect();
      return await job(bulk);
    } catch (err) {
      throw new KvUnavailableError(`redis bulk job failed: ${(err as Error).message}`, { cause: err });
    } finally {
      bulk.disconnect();
    }
  }
  const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

  return {
    backend: 'redis',
    get: (key) => client.get(k(key)),
    async set(key, value, ttlSeconds) {
      await client.set(k(key), value, 'EX', ttlSeconds);
    },
    async del(keys) {
      return keys.length ? client.del(...keys.map(k)) : 0;
    },
    async incr(key, ttlSeconds, by = 1) {
      return Number(await client.moolaiIncrTtl(k(key), ttlSeconds, by));
    },
    async decr(key) {
      // Never below zero: a release after the counter expired must not leave a negative balance.
      return Number(await client.moolaiDecrFloored(k(key)));
    },
    deletePrefix(keyPrefix) {
      return onBulkConnection(async (bulk) => {
        let n = 0;
        for await (const keys of scanKeys(escapeGlob(k(keyPrefix)) + '*', bulk, BULK_SCAN_COUNT)) if (keys.length) n += await bulk.unlink(...keys);
        return n;
      });
    },
    // A SCAN over a large cache outlasts the request path's command timeout: it runs on a bulk connection.
    usage: (keyPrefix) =>
      onBulkConnection(async (bulk) => {
        let entries = 0;
        let bytes = 0;
        for await (const keys of scanKeys(escapeGlob(k(keyPrefix)) + '*', bulk)) {
          entries += keys.length;
          if (!keys.length) continue;
          const pipe = bulk.pipeline();
          for (const key of keys) pipe.memory('USAGE', key);
          for (const [err, size] of (await pipe.exec()) ?? []) if (!err) bytes += Number(size ?? 0);
        }
        return { entries, bytes };
      }),
    async health(): Promise<KvHealth> {
      const started = performance.now();
      try {
        if (client.status !== 'ready') throw new Error(`connection ${client.status}`);
        await client.ping();
        return { status: 'up', backend: 'redis', latency_ms: Math.round((performance.now() - started) * 100) / 100 };
      } catch (err) {
        return { status: 'down', backend: 'redis', latency_ms: Math.round((performance.now() - started) * 100) / 100, error: (err as Error).message };
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
