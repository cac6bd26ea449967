import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** Tables of the monitoring database: one row per LLM request, its hourly/daily rollups, and periodic samples of the process. */

export const llmRequests = pgTable(
  'llm_requests',
  {
    /**
     * The record id, minted by the gateway for every request (also the `x-moolai-record-id` header and the
     * `request_id` of answer and error bodies). Never the caller's: a caller that reused its own id would otherwise
     * collide with its earlier rows, and ON CONFLICT DO NOTHING would drop every request after the first.
     */
    id: text('id').primaryKey(),
    /** The caller's own `x-request-id`, when it sent a well-formed one (echoed in the response header); else null. */
    clientRequestId: text('client_request_id'),
    orgId: text('org_id').notNull(),
    orchestratorId: text('orchestrator_id').notNull(),
    userId: text('user_id'),
    /** prompt | openai | anthropic | embeddings | ws */
    endpoint: text('endpoint').notNull(),
    provider: text('provider'),
    model: text('model'),
    /** success | error | blocked | cancelled */
    status: text('status').notNull(),
    errorCode: text('error_code'),
    cached: boolean('cached').notNull().default(false),
    stream: boolean('stream').notNull().default(false),
    firewallDecision: text('firewall_decision'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    totalTokens: integer('total_tokens').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    /** Cache hits only: what the original (cached) answer cost, i.e. what the cache saved. */
    savedCostUsd: doublePrecision('saved_cost_usd'),
    /** Semantic cache hits only: cosine similarity of the question with the one whose answer was served. */
    cacheSimilarity: real('cache_similarity'),
    latencyMs: real('latency_ms').notNull().default(0),
    ttftMs: real('ttft_ms'),
    overheadMs: real('overhead_ms'),
    attempts: integer('attempts').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The API key the request came with (null for a login token): per-key spend and its reconciliation (limits/). */
    apiKeyId: text('api_key_id'),
  },
  (t) => [
    index('llm_requests_org_created_idx').on(t.orgId, t.createdAt),
    index('llm_requests_user_created_idx').on(t.userId, t.createdAt),
    // The request log's lookup by a caller's id; most requests carry none, so only those that do are indexed.
    index('llm_requests_client_request_id_idx').on(t.orgId, t.clientRequestId).where(sql`${t.clientRequestId} is not null`),
    // Per-key spend over a day or month (limits/spend-reconcile.ts, key listings); most requests have no key.
    index('llm_requests_api_key_created_idx').on(t.apiKeyId, t.createdAt).where(sql`${t.apiKeyId} is not null`),
  ],
);

export const systemMetrics = pgTable(
  'system_metrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orchestratorId: text('orchestrator_id').notNull(),
    cpuPercent: real('cpu_percent').notNull(),
    rssBytes: doublePrecision('rss_bytes').notNull(),
    heapUsedBytes: doublePrecision('heap_used_bytes').notNull(),
    eventLoopP50Ms: real('event_loop_p50_ms').notNull(),
    eventLoopP99Ms: real('event_loop_p99_ms').notNull(),
    openWebsockets: integer('open_websockets').notNull().default(0),
    inflightRequests: integer('inflight_requests').notNull().default(0),
    queueDepth: integer('queue_depth').notNull().default(0),
    droppedTotal: integer('dropped_total').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_metrics_created_idx').on(t.orchestratorId, t.createdAt),
    // Retention deletes every instance's old samples, including those of instances that no longer run.
    index('system_metrics_created_at_idx').on(t.createdAt),
  ],
);

/**
 * The additive figures every rollup row keeps, summed from llm_requests rows (see monitoring/rollup.ts). Tokens are
 * what providers billed (cache hits excluded); latency/TTFT sums are of successful requests, cache hits included.
 */
const rollupFigures = () => ({
  requests: integer('requests').notNull(),
  successes: integer('successes').notNull(),
  errors: integer('errors').notNull(),
  blocked: integer('blocked').notNull(),
  cancelled: integer('cancelled').notNull(),
  cacheHits: integer('cache_hits').notNull(),
  cacheMisses: integer('cache_misses').notNull(),
  tokensIn: bigint('tokens_in', { mode: 'number' }).notNull(),
  tokensOut: bigint('tokens_out', { mode: 'number' }).notNull(),
  costUsd: doublePrecision('cost_usd').notNull(),
  tokensSaved: bigint('tokens_saved', { mode: 'number' }).notNull(),
  costSavedUsd: doublePrecision('cost_saved_usd').notNull(),
  latencySumMs: doublePrecision('latency_sum_ms').notNull(),
  ttftSumMs: doublePrecision('ttft_sum_ms').notNull(),
  ttftCount: integer('ttft_count').notNull(),
});
const hour = () => timestamp('hour', { withTimezone: true }).notNull();

/**
 * llm_requests per UTC hour, provider and model (null provider/model stored as ''), upserted in the statement that
 * inserts the requests. Serves totals, the model/provider breakdowns and hour/day series without reading raw rows.
 */
export const llmRequestsHourly = pgTable(
  'llm_requests_hourly',
  { orgId: text('org_id').notNull(), hour: hour(), provider: text('provider').notNull(), model: text('model').notNull(), ...rollupFigures() },
  (t) => [primaryKey({ columns: [t.orgId, t.hour, t.provider, t.model] })],
);

/** llm_requests per UTC hour and user (null user as ''): the per-user breakdown at the edges of a range. */
export const llmRequestsUserHourly = pgTable(
  'llm_requests_user_hourly',
  { orgId: text('org_id').notNull(), hour: hour(), userId: text('user_id').notNull(), ...rollupFigures() },
  (t) => [primaryKey({ columns: [t.orgId, t.hour, t.userId] })],
);

/** llm_requests per UTC day and user: the per-user breakdown over whole days (hours × users grows too fast). */
export const llmRequestsUserDaily = pgTable(
  'llm_requests_user_daily',
  { orgId: text('org_id').notNull(), day: timestamp('day', { withTimezone: true }).notNull(), userId: text('user_id').notNull(), ...rollupFigures() },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.userId] })],
);

/**
 * Latency and TTFT histograms of successful requests per UTC hour: one row per non-empty log-spaced bucket
 * (monitoring/latency-histogram.ts), so percentiles over any run of hours are a sum and a walk.
 */
export const llmLatencyHourly = pgTable(
  'llm_latency_hourly',
  {
    orgId: text('org_id').notNull(),
    hour: hour(),
    /** latency | ttft */
    metric: text('metric').notNull(),
    bucket: smallint('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.hour, t.metric, t.bucket] })],
);

/**
 * Stored prompt and answer text (PROMPT_LOGGING=masked|full), one row per request whose text was kept. Kept apart
 * from llm_requests: it has its own, shorter retention (PROMPT_LOG_RETENTION_DAYS), it is deleted with its user, and
 * every read of it is audited (prompt_text_access). Texts are capped (monitoring/prompt-text/prepare.ts) with their
 * full lengths kept; `findings` are the firewall's, as offsets into the stored texts.
 */
export const promptTexts = pgTable(
  'prompt_texts',
  {
    /** The record id (llm_requests.id) of the request the text belongs to. */
    requestId: text('request_id').primaryKey(),
    orgId: text('org_id').notNull(),
    userId: text('user_id'),
    /** masked: every finding masked; full: as sent. A blocked prompt is always stored masked. */
    mode: text('mode', { enum: ['masked', 'full'] }).notNull(),
    prompt: text('prompt').notNull(),
    /** Characters of the whole prompt before the cap. */
    promptLength: integer('prompt_length').notNull(),
    /** Null when there is no answer (blocked, failed, embeddings). */
    response: text('response'),
    responseLength: integer('response_length'),
    /** [{field: prompt|response, scanner, type, action, start, end, score}], offsets into the stored texts. */
    findings: jsonb('findings').$type<unknown[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prompt_texts_org_created_idx').on(t.orgId, t.createdAt), index('prompt_texts_user_idx').on(t.orgId, t.userId)],
);

/** The audit trail of stored text: every read (who, when, which request), an admin's deletion, a user's erasure. */
export const promptTextAccess = pgTable(
  'prompt_text_access',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    /** read | delete | erase_user */
    action: text('action', { enum: ['read', 'delete', 'erase_user'] }).notNull(),
    actorId: text('actor_id').notNull(),
    actorUsername: text('actor_username').notNull(),
    actorRole: text('actor_role').notNull(),
    /** The request whose text was read or deleted; null for a user's erasure. */
    requestId: text('request_id'),
    /** Whose text it was (the request's user, or the erased user). */
    subjectUserId: text('subject_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prompt_text_access_org_at_idx').on(t.orgId, t.at)],
);

/**
 * Users whose text was erased (their account deleted), and when: text of theirs from before that moment is never
 * inserted later, so a request still queued on some instance cannot bring it back.
 */
export const promptTextErasures = pgTable(
  'prompt_text_erasures',
  {
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/** Answer quality: feedback, evaluations, request spans and eval runs (src/evaluation). */
export { evalRuns, requestEvaluations, requestFeedback, requestSpans } from './quality-schema.js';
