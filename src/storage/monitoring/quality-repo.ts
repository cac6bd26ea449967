import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows } from '../../monitoring/sql-rows.js';
import type { MonitoringDb } from '../database.js';
import { evalRuns, llmRequests, promptTexts, requestEvaluations, requestFeedback, requestSpans } from './schema.js';

export interface FeedbackRow {
  requestId: string;
  userId: string;
  score: 1 | -1;
  comment: string | null;
  model: string | null;
  requestAt: Date;
}

export interface EvaluationRow {
  requestId: string;
  evaluator: string;
  label: string;
  score: number;
  explanation: string;
  model: string | null;
  judgeModel: string;
  judgeRequestId: string | null;
  costUsd: number;
  runId: string | null;
  requestAt: Date;
}

export interface SpanRow {
  requestId: string;
  traceId: string;
  spanId: string;
}

export type EvalRun = typeof evalRuns.$inferSelect;

/** Per model and UTC day: thumbs, and each evaluator's mean score and label counts. */
export interface QualityFigures {
  feedback: { day: string; model: string; up: number; down: number }[];
  evaluations: { day: string; model: string; evaluator: string; n: number; meanScore: number; labels: Record<string, number> }[];
}

/** Answer quality in the monitoring database: feedback, evaluations, request spans and eval runs (src/evaluation). */
export function createQualityRepo(db: MonitoringDb, orgId: string) {
  const f = requestFeedback;
  const e = requestEvaluations;
  return {
    /** The record a feedback is about: whose request it was, its model and time; undefined when there is none. */
    async request(requestId: string): Promise<{ userId: string | null; model: string | null; createdAt: Date; status: string } | undefined> {
      const [r] = await db
        .select({ userId: llmRequests.userId, model: llmRequests.model, createdAt: llmRequests.createdAt, status: llmRequests.status })
        .from(llmRequests)
        .where(and(eq(llmRequests.orgId, orgId), eq(llmRequests.id, requestId)))
        .limit(1);
      return r;
    },

    /** One feedback per user per request: a second one replaces the first. Returns whether it was new. */
    async upsertFeedback(row: FeedbackRow): Promise<{ created: boolean; createdAt: Date; updatedAt: Date }> {
      const [r] = await db
        .insert(f)
        .values({ orgId, ...row })
        .onConflictDoUpdate({ target: [f.orgId, f.requestId, f.userId], set: { score: row.score, comment: row.comment, updatedAt: sql`now()` } })
        .returning({ createdAt: f.createdAt, updatedAt: f.updatedAt, created: sql<boolean>`(xmax = 0)` });
      return { created: Boolean(r!.created), createdAt: r!.createdAt, updatedAt: r!.updatedAt };
    },

    async feedbackFor(requestIds: readonly string[]) {
      if (!requestIds.length) return [];
      return db
        .select({ requestId: f.requestId, userId: f.userId, score: f.score, comment: f.comment, updatedAt: f.updatedAt })
        .from(f)
        .where(and(eq(f.orgId, orgId), inArray(f.requestId, [...requestIds])));
    },

    async evaluationsFor(requestIds: readonly string[]) {
      if (!requestIds.length) return [];
      return db
        .select({ requestId: e.requestId, evaluator: e.evaluator, label: e.label, score: e.score, explanation: e.explanation, judgeModel: e.judgeModel, costUsd: e.costUsd, createdAt: e.createdAt })
        .from(e)
        .where(and(eq(e.orgId, orgId), inArray(e.requestId, [...requestIds])));
    },

    /** A judge's verdicts; judging the same answer again with the same evaluator replaces the verdict. */
    async insertEvaluations(batch: readonly EvaluationRow[]): Promise<void> {
      if (!batch.length) return;
      await db
        .insert(e)
        .values(batch.map((r) => ({ orgId, ...r })))
        .onConflictDoUpdate({
          target: [e.requestId, e.evaluator],
          set: { label: sql`excluded.label`, score: sql`excluded.score`, explanation: sql`excluded.explanation`, judgeModel: sql`excluded.judge_model`, judgeRequestId: sql`excluded.judge_request_id`, costUsd: sql`excluded.cost_usd`, createdAt: sql`now()` },
        });
    },

    async insertSpans(batch: readonly SpanRow[]): Promise<void> {
      if (!batch.length) return;
      await db.insert(requestSpans).values(batch.map((r) => ({ orgId, ...r }))).onConflictDoNothing();
    },

    async spanOf(requestId: string): Promise<SpanRow | undefined> {
      const [r] = await db
        .select({ requestId: requestSpans.requestId, traceId: requestSpans.traceId, spanId: requestSpans.spanId })
        .from(requestSpans)
        .where(and(eq(requestSpans.orgId, orgId), eq(requestSpans.requestId, requestId)))
        .limit(1);
      return r;
    },

    /** Quality per model and UTC day over [from, to): thumbs, evaluator means and label counts (eval runs excluded). */
    async figures(from: Date, to: Date): Promise<QualityFigures> {
      const a = from.toISOString();
      const b = to.toISOString();
      const fb = await rows<{ day: string; model: string; up: number; down: number }>(
        db,
        sql`select to_char(date_trunc('day', ${f.requestAt} at time zone 'UTC'), 'YYYY-MM-DD') as day, coalesce(${f.model}, '') as model,
              count(*) filter (where ${f.score} > 0)::int as up, count(*) filter (where ${f.score} < 0)::int as down
            from ${f} where ${f.orgId} = ${orgId} and ${f.requestAt} >= ${a}::timestamptz and ${f.requestAt} < ${b}::timestamptz
            group by 1, 2 order by 1, 2`,
      );
      const ev = await rows<{ day: string; model: string; evaluator: string; label: string; n: number; score_sum: number }>(
        db,
        sql`select to_char(date_trunc('day', ${e.requestAt} at time zone 'UTC'), 'YYYY-MM-DD') as day, coalesce(${e.model}, '') as model, ${e.evaluator} as evaluator,
              ${e.label} as label, count(*)::int as n, sum(${e.score})::float8 as score_sum
            from ${e} where ${e.orgId} = ${orgId} and ${e.runId} is null and ${e.requestAt} >= ${a}::timestamptz and ${e.requestAt} < ${b}::timestamptz
            group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      );
      return { feedback: fb.map((r) => ({ ...r, up: Number(r.up), down: Number(r.down) })), evaluations: groupLabels(ev) };
    },

    /** Deletes quality rows older than `cutoff` (MONITORING_RETENTION_DAYS, as the records they belong to); returns how many went. */
    async deleteBefore(cutoff: Date): Promise<number> {
      const at = cutoff.toISOString();
      const counts = await Promise.all([
        rows<{ n: number }>(db, sql`with d as (delete from ${f} where ${f.orgId} = ${orgId} and ${f.requestAt} < ${at}::timestamptz returning 1) select count(*)::int as n from d`),
        rows<{ n: number }>(db, sql`with d as (delete from ${e} where ${e.orgId} = ${orgId} and ${e.requestAt} < ${at}::timestamptz returning 1) select count(*)::int as n from d`),
        rows<{ n: number }>(db, sql`with d as (delete from ${requestSpans} where ${requestSpans.orgId} = ${orgId} and ${requestSpans.createdAt} < ${at}::timestamptz returning 1) select count(*)::int as n from d`),
        rows<{ n: number }>(db, sql`with d as (delete from ${evalRuns} where ${evalRuns.orgId} = ${orgId} and ${evalRuns.createdAt} < ${at}::timestamptz returning 1) select count(*)::int as n from d`),
      ]);
      return counts.reduce((n, r) => n + Number(r[0]?.n ?? 0), 0);
    },

    // --- eval runs
    async createRun(run: Omit<typeof evalRuns.$inferInsert, 'orgId'>): Promise<void> {
      await db.insert(evalRuns).values({ ...run, orgId });
    },

    async updateRun(id: string, set: Partial<Pick<EvalRun, 'status' | 'completed' | 'failed' | 'costUsd' | 'error' | 'finishedAt'>>): Promise<void> {
      await db.update(evalRuns).set(set).where(and(eq(evalRuns.orgId, orgId), eq(evalRuns.id, id)));
    },

    async run(id: string): Promise<EvalRun | undefined> {
      const [r] = await db.select().from(evalRuns).where(and(eq(evalRuns.orgId, orgId), eq(evalRuns.id, id))).limit(1);
      return r;
    },

    async runs(limit: number): Promise<EvalRun[]> {
      return db.select().from(evalRuns).where(eq(evalRuns.orgId, orgId)).orderBy(desc(evalRuns.createdAt)).limit(limit);
    },

    /** A run's scores per model and evaluator. */
    async runScores(id: string) {
      const r = await rows<{ day: string; model: string; evaluator: string; label: string; n: number; score_sum: number }>(
        db,
        sql`select '' as day, coalesce(${e.model}, '') as model, ${e.evaluator} as evaluator, ${e.label} as label, count(*)::int as n, sum(${e.score})::float8 as score_sum
            from ${e} where ${e.orgId} = ${orgId} and ${e.runId} = ${id} group by 2, 3, 4 order by 2, 3, 4`,
      );
      return groupLabels(r).map(({ day: _day, ...rest }) => rest);
    },

    /** Saved prompts (stored prompt text) by request id, in the order asked; ids without text are left out. */
    async savedPrompts(requestIds: readonly string[]): Promise<{ requestId: string; prompt: string; userId: string | null }[]> {
      if (!requestIds.length) return [];
      const found = await db
        .select({ requestId: promptTexts.requestId, prompt: promptTexts.prompt, userId: promptTexts.userId })
        .from(promptTexts)
        .where(and(eq(promptTexts.orgId, orgId), inArray(promptTexts.requestId, [...requestIds])));
      const byId = new Map(found.map((r) => [r.requestId, r]));
      return requestIds.flatMap((id) => byId.get(id) ?? []);
    },
  };
}

/** Label rows (one per day, model, evaluator, label) folded into one row per day, model and evaluator. */
function groupLabels(rs: { day: string; model: string; evaluator: string; label: string; n: number; score_sum: number }[]) {
  const out = new Map<string, { day: string; model: string; evaluator: string; n: number; sum: number; labels: Record<string, number> }>();
  for (const r of rs) {
    const k = `${r.day}\u0000${r.model}\u0000${r.evaluator}`;
    let g = out.get(k);
    if (!g) out.set(k, (g = { day: r.day, model: r.model, evaluator: r.evaluator, n: 0, sum: 0, labels: {} }));
    g.n += Number(r.n);
    g.sum += Number(r.score_sum);
    g.labels[r.label] = Number(r.n);
  }
  return [...out.values()].map((g) => ({ day: g.day, model: g.model, evaluator: g.evaluator, n: g.n, meanScore: g.n ? Math.round((g.sum / g.n) * 1000) / 1000 : 0, labels: g.labels }));
}

export type QualityRepo = ReturnType<typeof createQualityRepo>;
