import type { CachedAnswer } from '../response-cache.js';
import type { NearMissReason } from './near-miss.js';

/** GET /api/v1/cache/stats → `semantic`: this instance's counters since start, and the organisation's entries. */
export interface SemanticStats {
  enabled: true;
  scope: 'org' | 'user';
  threshold: number;
  embedding_model: string;
  /** Where the nearest-neighbour search runs (vector-index.ts). */
  index: 'memory';
  /** Entries in this instance's index; `entries` is the database's count (null while it cannot be read). */
  indexed: number;
  entries: number | null;
  max_entries: number;
  ttl_seconds: number;
  lookups: number;
  hits: number;
  misses: number;
  hit_rate: number;
  /** Requests not compared by meaning, by reason (tool_use, sampled, too_deep, firewall, model, scope…). */
  skipped: Record<string, number>;
  /** Candidates above the threshold refused by the near-miss guard, by reason. */
  near_misses: Record<string, number>;
  stored: number;
  /** Answers not stored, by reason (masked, tool_arguments). */
  store_skipped: Record<string, number>;
  evictions: number;
  embedding_calls: number;
  embedding_tokens: number;
  embedding_errors: number;
  /** Mean time of a lookup's embedding call, milliseconds. */
  embedding_ms_avg: number;
  db_errors: number;
  tokens_saved: number;
  cost_saved_usd: number;
  last_sync_at: string | null;
}

const bump = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);

export function createSemanticStats(opts: { scope: 'org' | 'user'; threshold: number; embedder: { model: string }; maxEntries: number; ttlSeconds: number }, indexed: () => number) {
  const c = { hits: 0, misses: 0, stored: 0, evictions: 0, embeddingCalls: 0, embeddingTokens: 0, embeddingErrors: 0, embeddingMs: 0, lookupEmbeddings: 0, dbErrors: 0, tokensSaved: 0, costSaved: 0 };
  const skipped: Record<string, number> = {};
  const nearMisses: Record<string, number> = {};
  const storeSkipped: Record<string, number> = {};
  let lastSync: Date | null = null;
  return {
    count(what: 'embeddingErrors' | 'dbErrors') {
      c[what]++;
    },
    skip: (reason: string) => bump(skipped, reason),
    nearMiss: (reason: NearMissReason) => bump(nearMisses, reason),
    storeSkipped: (reason: string) => bump(storeSkipped, reason),
    embedded(tokens: number, ms: number) {
      c.embeddingCalls++;
      c.embeddingTokens += tokens;
      // Only lookups' calls count towards the mean: a store's runs after the answer, off the request path.
      if (ms > 0) {
        c.lookupEmbeddings++;
        c.embeddingMs += ms;
      }
    },
    hit(answer: CachedAnswer) {
      c.hits++;
      c.tokensSaved += answer.usage.totalTokens;
      c.costSaved += answer.costUsd;
    },
    miss() {
      c.misses++;
    },
    stored() {
      c.stored++;
    },
    evicted(n: number) {
      c.evictions += n;
    },
    synced() {
      lastSync = new Date();
    },
    snapshot(entries: number | null): SemanticStats {
      const lookups = c.hits + c.misses;
      return {
        enabled: true,
        scope: opts.scope,
        threshold: opts.threshold,
        embedding_model: opts.embedder.model,
        index: 'memory',
        indexed: indexed(),
        entries,
        max_entries: opts.maxEntries,
        ttl_seconds: opts.ttlSeconds,
        lookups,
        hits: c.hits,
        misses: c.misses,
        hit_rate: lookups ? Math.round((c.hits / lookups) * 10_000) / 10_000 : 0,
        skipped: { ...skipped },
        near_misses: { ...nearMisses },
        stored: c.stored,
        store_skipped: { ...storeSkipped },
        evictions: c.evictions,
        embedding_calls: c.embeddingCalls,
        embedding_tokens: c.embeddingTokens,
        embedding_errors: c.embeddingErrors,
        embedding_ms_avg: c.lookupEmbeddings ? Math.round((c.embeddingMs / c.lookupEmbeddings) * 100) / 100 : 0,
        db_errors: c.dbErrors,
        tokens_saved: c.tokensSaved,
        cost_saved_usd: Math.round(c.costSaved * 1e8) / 1e8,
        last_sync_at: lastSync?.toISOString() ?? null,
      };
    },
  };
}

export type SemanticStatsCounters = ReturnType<typeof createSemanticStats>;
