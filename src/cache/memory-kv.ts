import { LRUCache } from 'lru-cache';
import type { KvHealth, KvStore } from './kv-store.js';

/** In-process store for embedded mode: bounded by total size so a busy cache cannot eat the heap. */
export function createMemoryKv(opts: { maxBytes?: number } = {}): KvStore {
  const lru = new LRUCache<string, string>({
    maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (value, key) => (value.length + key.length) * 2 || 1,
    ttlAutopurge: false,
  });
  const byPrefix = (prefix: string) => [...lru.keys()].filter((k) => k.startsWith(prefix));

  return {
    backend: 'memory',
    async get(key) {
      return lru.get(key) ?? null;
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async del(keys) {
      let n = 0;
      for (const k of keys) if (lru.delete(k)) n++;
      return n;
    },
    async incr(key, ttlSeconds, by = 1) {
      const current = lru.get(key);
      const next = (current ? Number(current) : 0) + by;
      // Keep the window's original expiry, as Redis INCR does.
      const remaining = current ? lru.getRemainingTTL(key) : ttlSeconds * 1000;
      lru.set(key, String(next), { ttl: remaining > 0 ? remaining : ttlSeconds * 1000 });
      return next;
    },
    async decr(key) {
      const next = Math.max(0, Number(lru.get(key) ?? 0) - 1);
      const remaining = lru.getRemainingTTL(key);
      lru.set(key, String(next), remaining > 0 && Number.isFinite(remaining) ? { ttl: remaining } : {});
      return next;
    },
    async deletePrefix(prefix) {
      const keys = byPrefix(prefix);
      for (const k of keys) lru.delete(k);
      return keys.length;
    },
    async usage(prefix) {
      let bytes = 0;
      const keys = byPrefix(prefix);
      for (const k of keys) bytes += (k.length + (lru.peek(k)?.length ?? 0)) * 2;
      return { entries: keys.length, bytes };
    },
    async health(): Promise<KvHealth> {
      return { status: 'up', backend: 'memory', latency_ms: 0 };
    },
    async close() {
      lru.clear();
    },
  };
}
