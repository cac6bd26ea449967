import { bigserial, boolean, doublePrecision, index, integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/** Tables of the monitoring database: one row per LLM request, and periodic samples of the process. */

export const llmRequests = pgTable(
  'llm_requests',
  {
    id: text('id').primaryKey(), // the request id
    orgId: text('org_id').notNull(),
    orchestratorId: text('orchestrator_id').notNull(),
    userId: text('user_id'),
    /** prompt | openai | ws */
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
    latencyMs: real('latency_ms').notNull().default(0),
    ttftMs: real('ttft_ms'),
    overheadMs: real('overhead_ms'),
    attempts: integer('attempts').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('llm_requests_org_created_idx').on(t.orgId, t.createdAt),
    index('llm_requests_user_created_idx').on(t.userId, t.createdAt),
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
