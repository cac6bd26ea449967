import { LRUCache } from 'lru-cache';

/**
 * An LRU of at most `maxEntries` entries that live `ttlMs`, whose storage grows with use. lru-cache preallocates
 * six arrays of `max` slots when given `max` (about 2 MB for 50,000 entries, held from start-up by every cache
 * whether it ever sees a user or not); the same bound given as a size of one per entry allocates as entries arrive.
 */
export function entryCache<V extends NonNullable<unknown>>(maxEntries: number, ttlMs: number): LRUCache<string, V> {
  return new LRUCache<string, V>({ maxSize: maxEntries, sizeCalculation: () => 1, ttl: ttlMs });
}
