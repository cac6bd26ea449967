import { boolean, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Evaluators an admin defined (src/evaluation): a name, a rubric the judge model reads, and the labels it may answer
 * with, each worth a score 0–1. The built-in evaluators are code, not rows.
 */
export const customEvaluators = pgTable(
  'custom_evaluators',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    name: text('name').notNull(),
    rubric: text('rubric').notNull(),
    /** label → score 0–1, e.g. {"on_brand": 1, "off_brand": 0}. */
    labels: jsonb('labels').$type<Record<string, number>>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** This evaluator's share of traffic, 0–1; null: EVAL_SAMPLE_RATE. */
    sampleRate: real('sample_rate'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('custom_evaluators_org_name_idx').on(t.orgId, t.name)],
);
