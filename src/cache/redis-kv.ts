import type { Redis } from 'ioredis';
import type { KvHealth, KvStore } from './kv-store.js';

/** Redis-backed store. `prefix` namespaces every key (REDIS_KEY_PREFIX), so tests and services can share a server. */
export function createRedisKv(client: Redis, prefix: string): KvStore {
  const k = (key: string) => prefix + key;

  async function* scanKeys(match: string) {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      yield keys;
    } while (cursor !== '0');
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
    async incr(key, ttlSeconds) {
      const [[incrErr, count] = [], [expErr] = []] = (await client.multi().incr(k(key)).expire(k(key), ttlSeconds, 'NX').exec()) ?? [];
      if (incrErr || expErr) throw incrErr ?? expErr;
      return Number(count);
    },
    async decr(key) {
      // Never below zero: a release after the counter expired must not leave a negative balance.
      const n = Number(await client.eval("local v = redis.call('DECR', KEYS[1]) if v < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') return 0 end return v", 1, k(key)));
      return n;
    },
    async deletePrefix(keyPrefix) {
      let n = 0;
      for await (const keys of scanKeys(escapeGlob(k(keyPrefix)) + '*')) if (keys.length) n += await client.unlink(...keys);
      return n;
    },
    async usage(keyPrefix) {
      let entries = 0;
      let bytes = 0;
      for await (const keys of scanKeys(escapeGlob(k(keyPrefix)) + '*')) {
        entries += keys.length;
        if (!keys.length) continue;
        const pipe = client.pipeline();
        for (const key of keys) pipe.memory('USAGE', key);
        for (const [err, size] of (await pipe.exec()) ?? []) if (!err) bytes += Number(size ?? 0);
      }
      return { entries, bytes };
    },
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
