import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { describeDbError } from '../storage/errors.js';
import { errorSchema } from './schemas.js';

const counts = z.record(z.string(), z.number());

/** The semantic cache's figures (src/cache/semantic/semantic-stats.ts); null when SEMANTIC_CACHE_ENABLED is off. */
const semanticStats = z.object({
  enabled: z.literal(true),
  scope: z.enum(['org', 'user']),
  threshold: z.number(),
  embedding_model: z.string(),
  index: z.literal('memory'),
  indexed: z.number(),
  entries: z.number().nullable(),
  max_entries: z.number(),
  ttl_seconds: z.number(),
  lookups: z.number(),
  hits: z.number(),
  misses: z.number(),
  hit_rate: z.number(),
  skipped: counts,
  near_misses: counts,
  stored: z.number(),
  store_skipped: counts,
  evictions: z.number(),
  embedding_calls: z.number(),
  embedding_tokens: z.number(),
  embedding_errors: z.number(),
  embedding_ms_avg: z.number(),
  db_errors: z.number(),
  tokens_saved: z.number(),
  cost_saved_usd: z.number(),
  last_sync_at: z.string().nullable(),
});

const stats = z.object({
  enabled: z.boolean(),
  backend: z.enum(['redis', 'memory']),
  backend_state: z.object({ status: z.enum(['up', 'down']), backend: z.string(), latency_ms: z.number(), error: z.string().optional() }),
  scope: z.literal('instance'),
  hits: z.number(),
  misses: z.number(),
  bypasses: z.number(),
  errors: z.number(),
  hit_rate: z.number(),
  entries: z.number(),
  memory_bytes: z.number(),
  ttl_seconds: z.number(),
  tokens_saved: z.number(),
  cost_saved_usd: z.number(),
  semantic: semanticStats.nullable(),
  /** Every instance's figures over the last 24 hours, from the request records (what the Overview counts). */
  shared: z
    .object({
      from: z.string(),
      to: z.string(),
      hits: z.number(),
      misses: z.number(),
      hit_rate: z.number(),
      tokens_saved: z.number(),
      cost_saved_usd: z.number(),
      hourly: z.array(z.object({ hour: z.string(), hits: z.number(), misses: z.number() })),
    })
    .nullable(),
  /** Why `shared` is null: the monitoring database did not answer. */
  shared_error: z.string().nullable(),
});

const entry = z.object({
  id: z.string(),
  scope: z.string(),
  question: z.string(),
  answer_preview: z.string(),
  model: z.string(),
  provider: z.string(),
  format: z.string(),
  user_id: z.string().nullable(),
  request_id: z.string().nullable(),
  hits: z.number(),
  last_similarity: z.number().nullable(),
  last_hit_at: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
});

const semanticOff = () => new AppError('NOT_FOUND', 'the semantic cache is off (SEMANTIC_CACHE_ENABLED=false)');

export const cacheRoutes: FastifyPluginAsyncZod = async (app) => {
  const shared = async () => {
    try {
      return { shared: await app.repos.analytics.cacheFigures(24), shared_error: null };
    } catch (err) {
      // The instance's own counters still answer: the page marks the shared figures as unavailable.
      return { shared: null, shared_error: describeDbError(err) };
    }
  };
  app.get('/api/v1/cache/stats', { schema: { tags: ['cache'], summary: 'Response cache statistics: every instance’s over 24 hours (shared), this instance’s since start, and the semantic cache’s when on', response: { 200: stats } } }, async () => ({
    ...(await app.llm.cache.stats()),
    semantic: app.llm.semantic ? await app.llm.semantic.stats() : null,
    ...(await shared()),
  }));
  app.delete(
    '/api/v1/cache',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['cache'],
        summary: 'Remove this organisation’s cached answers, exact and semantic, however many; 503 with Retry-After when Redis or the database is not reachable',
        response: { 200: z.object({ deleted: z.number(), semantic_deleted: z.number() }), 503: errorSchema },
      },
    },
    async () => {
      const semantic = app.llm.semantic ? await app.llm.semantic.clear() : 0;
      return { deleted: await app.llm.cache.clear(), semantic_deleted: semantic };
    },
  );
  app.get(
    '/api/v1/cache/semantic/entries',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['cache'],
        summary: 'Live semantic cache entries: the question, a preview of its answer, how often and how closely it answered paraphrases',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), order: z.enum(['hits', 'recent']).default('hits') }),
        response: { 200: z.object({ entries: z.array(entry) }), 404: errorSchema, 503: errorSchema },
      },
    },
    async (request) => {
      if (!app.llm.semantic) throw semanticOff();
      const rows = await app.llm.semantic.list(request.query);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          scope: r.scope,
          question: r.question,
          answer_preview: r.answerPreview,
          model: r.model,
          provider: r.provider,
          format: r.format,
          user_id: r.userId,
          request_id: r.requestId,
          hits: r.hits,
          last_similarity: r.lastSimilarity,
          last_hit_at: r.lastHitAt?.toISOString() ?? null,
          created_at: r.createdAt.toISOString(),
          expires_at: r.expiresAt.toISOString(),
        })),
      };
    },
  );
  app.delete(
    '/api/v1/cache/semantic/entries/:id',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['cache'],
        summary: 'Delete one semantic cache entry (an answer that was wrong for the paraphrases it served), on every instance',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ deleted: z.literal(true) }), 404: errorSchema, 503: errorSchema },
      },
    },
    async (request) => {
      if (!app.llm.semantic) throw semanticOff();
      if (!(await app.llm.semantic.remove(request.params.id))) throw new AppError('NOT_FOUND', 'no such semantic cache entry');
      return { deleted: true as const };
    },
  );
};
