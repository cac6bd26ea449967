import { customType, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes (bytea): an embedding as float32, 4 bytes a dimension, where real[] would cost ~3x and a parse per value. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The semantic cache (src/cache/semantic): one row per stored answer, with the question it answered (the last user
 * turn), that question's embedding, and the hash of everything else the answer depends on. Every instance keeps the
 * vectors of the live rows in memory for the nearest-neighbour search and reads the answer from here on a hit.
 */
export const semanticCacheEntries = pgTable(
  'semantic_cache_entries',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    /** `org`, or `user:<id>` when SEMANTIC_CACHE_SCOPE=user: whose prompts the entry may answer. */
    scope: text('scope').notNull(),
    /** SHA-256 of the scope, model, format, embedding model and the request's context (everything but the question). */
    partition: text('partition').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    embedding: bytea('embedding').notNull(),
    /** The question (last user turn) as the provider saw it: the near-miss guard compares it, the dashboard shows it. */
    question: text('question').notNull(),
    /** The answer in its wire format, as JSON text (leaks masked). */
    answer: text('answer').notNull(),
    format: text('format').notNull(),
    model: text('model').notNull(),
    provider: text('provider').notNull(),
    usage: jsonb('usage').$type<Record<string, number>>().notNull(),
    finishReason: text('finish_reason').notNull(),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    /** Who asked the question first, and the record of that request (llm_requests.id). */
    userId: text('user_id'),
    requestId: text('request_id'),
    hits: integer('hits').notNull().default(0),
    lastHitAt: timestamp('last_hit_at', { withTimezone: true }),
    /** Similarity of the latest hit. */
    lastSimilarity: real('last_similarity'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('semantic_cache_org_expires_idx').on(t.orgId, t.expiresAt),
    index('semantic_cache_org_created_idx').on(t.orgId, t.createdAt),
  ],
);
