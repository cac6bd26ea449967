import { bigserial, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Answer quality (src/evaluation): people's thumbs on answers, the judge's evaluations, the span each request was
 * traced under (for Phoenix annotations that arrive later than the request), and eval runs over saved prompts.
 */

/** One thumbs up/down per user per request (updatable), with the request's model and time copied in for analytics. */
export const requestFeedback = pgTable(
  'request_feedback',
  {
    orgId: text('org_id').notNull(),
    /** llm_requests.id */
    requestId: text('request_id').notNull(),
    userId: text('user_id').notNull(),
    /** 1 (thumbs up) or -1 (thumbs down). */
    score: smallint('score').notNull(),
    comment: text('comment'),
    model: text('model'),
    requestAt: timestamp('request_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.requestId, t.userId] }), index('request_feedback_org_request_at_idx').on(t.orgId, t.requestAt)],
);

/** One evaluator's verdict on one answer: label, score 0–1, one-line explanation, and what the judging cost. */
export const requestEvaluations = pgTable(
  'request_evaluations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    /** llm_requests.id of the judged answer. */
    requestId: text('request_id').notNull(),
    evaluator: text('evaluator').notNull(),
    label: text('label').notNull(),
    score: real('score').notNull(),
    explanation: text('explanation').notNull(),
    /** The model that gave the judged answer. */
    model: text('model'),
    judgeModel: text('judge_model').notNull(),
    /** llm_requests.id of the judge's own call (endpoint `eval`). */
    judgeRequestId: text('judge_request_id'),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    /** eval_runs.id when the answer came from an eval run; null for sampled traffic. */
    runId: text('run_id'),
    requestAt: timestamp('request_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('request_evaluations_request_evaluator_idx').on(t.requestId, t.evaluator),
    index('request_evaluations_org_request_at_idx').on(t.orgId, t.requestAt),
    index('request_evaluations_run_idx').on(t.runId),
  ],
);

/** The trace and request span a request was recorded under, while tracing is on: feedback given later finds its span. */
export const requestSpans = pgTable(
  'request_spans',
  {
    requestId: text('request_id').primaryKey(),
    orgId: text('org_id').notNull(),
    traceId: text('trace_id').notNull(),
    spanId: text('span_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_spans_created_idx').on(t.createdAt)],
);

/** A replay of saved prompts against chosen models, scored by chosen evaluators (POST /api/v1/eval/runs). */
export const evalRuns = pgTable(
  'eval_runs',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    createdBy: text('created_by').notNull(),
    /** queued | running | done | failed */
    status: text('status').notNull(),
    models: jsonb('models').$type<string[]>().notNull(),
    evaluators: jsonb('evaluators').$type<string[]>().notNull(),
    /** The prompt log's request ids replayed. */
    requestIds: jsonb('request_ids').$type<string[]>().notNull(),
    /** prompts × models */
    total: integer('total').notNull(),
    completed: integer('completed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('eval_runs_org_created_idx').on(t.orgId, t.createdAt)],
);
