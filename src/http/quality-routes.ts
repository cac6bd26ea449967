import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ANALYSTS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { BUILT_INS, type Evaluator } from '../evaluation/evaluators.js';
import { MAX_RUN_PROMPTS } from '../evaluation/runs.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { errorSchema } from './schemas.js';

/** A database that does not answer is a 503 with a code, not a 500. */
async function available<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    throw new AppError('DATABASE_UNAVAILABLE', 'the database is not available', { cause: err, retryAfterS: 5 });
  }
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;
const evaluatorOut = z.object({
  name: z.string(),
  built_in: z.boolean(),
  enabled: z.boolean().describe('Judging sampled traffic now'),
  rubric: z.string(),
  labels: z.record(z.string(), z.number()),
  sample_rate: z.number().nullable().describe("A custom evaluator's own rate; null: the configured rates"),
});
const runOut = z.object({
  id: z.string(),
  status: z.string(),
  models: z.array(z.string()),
  evaluators: z.array(z.string()),
  total: z.number(),
  completed: z.number(),
  failed: z.number(),
  cost_usd: z.number(),
  error: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
const scoresOut = z.array(z.object({ model: z.string(), evaluator: z.string(), n: z.number(), mean_score: z.number(), labels: z.record(z.string(), z.number()) }));

type RunRow = Awaited<ReturnType<import('../evaluation/runs.js').EvalRuns['list']>>[number];
const wireRun = (r: RunRow) => ({
  id: r.id,
  status: r.status,
  models: r.models,
  evaluators: r.evaluators,
  total: r.total,
  completed: r.completed,
  failed: r.failed,
  cost_usd: r.costUsd,
  error: r.error,
  created_by: r.createdBy,
  created_at: r.createdAt.toISOString(),
  finished_at: r.finishedAt?.toISOString() ?? null,
});

/** Answer quality: feedback, evaluators, the judge's queue, eval runs and quality figures. */
export const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  const evaluation = app.services.evaluation;

  app.post(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['quality'],
        summary: 'Thumbs up (1) or down (-1) on an answer, by the user who asked (or an admin); one per user per request, a second replaces the first',
        body: z
          .object({
            request_id: z.string().trim().min(1).max(200).describe('The record id (x-moolai-record-id, request_id of the answer, the WebSocket done frame)'),
            score: z.union([z.literal(1), z.literal(-1)], { error: 'must be 1 (thumbs up) or -1 (thumbs down)' }).describe('1: thumbs up, -1: thumbs down'),
            comment: z.string().max(2_000).optional().describe('Optional, stored with the feedback and sent to Phoenix'),
          })
          .strict(),
        response: { 200: z.object({ request_id: z.string(), user_id: z.string(), score: z.number(), comment: z.string().nullable(), created: z.boolean(), updated_at: z.string() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const f = await available(() => evaluation.feedback.give(request.principal!, { requestId: b.request_id, score: b.score, comment: b.comment?.trim() || null }));
      return { request_id: f.requestId, user_id: f.userId, score: f.score, comment: f.comment, created: f.created, updated_at: f.updatedAt.toISOString() };
    },
  );

  const wireEvaluator = (ev: Evaluator, enabled: boolean) => ({ name: ev.name, built_in: ev.builtIn, enabled, rubric: ev.rubric, labels: ev.labels, sample_rate: ev.sampleRate ?? null });

  app.get(
    '/api/v1/eval/evaluators',
    { config: { auth: { roles: ANALYSTS } }, schema: { tags: ['quality'], summary: 'Every evaluator: the built-in ones and the admins\' own, and which judge sampled traffic', response: { 200: z.object({ items: z.array(evaluatorOut), judge_model: z.string(), sample_rate: z.number() }), '4xx': errorSchema } } },
    async () => {
      await available(() => evaluation.reload());
      const on = new Set(evaluation.evaluators().map((e) => e.name));
      const builtIns = Object.values(BUILT_INS).map((ev) => wireEvaluator(ev, on.has(ev.name)));
      const custom = (await available(() => app.repos.evaluators.list())).map((r) => wireEvaluator({ name: r.name, builtIn: false, rubric: r.rubric, labels: r.labels, applies: () => true, sampleRate: r.sampleRate }, r.enabled));
      return { items: [...builtIns, ...custom], judge_model: app.config.evaluation.judgeModel, sample_rate: app.config.evaluation.sampleRate };
    },
  );

  app.put(
    '/api/v1/eval/evaluators/:name',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['quality'],
        summary: 'Create or replace an evaluator of your own (admin): a rubric the judge reads and the labels it may answer with, each worth 0–1',
        params: z.object({ name: z.string().regex(NAME, 'lowercase letters, digits and _, starting with a letter, at most 40') }),
        body: z
          .object({
            rubric: z.string().trim().min(10).max(4_000),
            labels: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'labels are lowercase words (a-z, 0-9, _)'), z.number().min(0).max(1)).refine((l) => Object.keys(l).length >= 2 && Object.keys(l).length <= 10, 'between 2 and 10 labels'),
            enabled: z.boolean().default(true),
            sample_rate: z.number().min(0).max(1).nullable().default(null),
          })
          .strict(),
        response: { 200: evaluatorOut, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const { name } = request.params;
      if (name in BUILT_INS) throw new AppError('VALIDATION_ERROR', `name: ${name} is a built-in evaluator`, { details: { field: 'name' } });
      const b = request.body;
      const row = await available(() => app.repos.evaluators.upsert({ name, rubric: b.rubric, labels: b.labels, enabled: b.enabled, sampleRate: b.sample_rate }, request.principal!.userId));
      await evaluation.reload().catch(() => undefined);
      return wireEvaluator({ name: row.name, builtIn: false, rubric: row.rubric, labels: row.labels, applies: () => true, sampleRate: row.sampleRate }, row.enabled);
    },
  );

  app.delete(
    '/api/v1/eval/evaluators/:name',
    { config: { auth: { roles: ADMINS } }, schema: { tags: ['quality'], summary: 'Delete an evaluator of your own (admin); its past verdicts stay', params: z.object({ name: z.string() }), response: { 200: z.object({ deleted: z.boolean() }), '4xx': errorSchema } } },
    async (request) => {
      const deleted = await available(() => app.repos.evaluators.remove(request.params.name));
      if (!deleted) throw new AppError('NOT_FOUND', 'no evaluator of your own with this name');
      await evaluation.reload().catch(() => undefined);
      return { deleted };
    },
  );

  app.get(
    '/api/v1/eval/stats',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['quality'],
        summary: "The judge's queue on this instance: waiting, running, judged, dropped (queue full), capped (daily cost cap), failed, and today's spend",
        response: { 200: z.object({ queued: z.number(), running: z.number(), judged: z.number(), dropped: z.number(), capped: z.number(), failed: z.number(), unreadable: z.number(), spent_today_usd: z.number(), cap_usd: z.number(), judge_model: z.string(), annotations: z.object({ sent: z.number(), failed: z.number(), dropped: z.number(), queued: z.number() }).nullable() }), '4xx': errorSchema },
      },
    },
    async () => {
      const s = evaluation.queue.stats;
      return { queued: s.queued, running: s.running, judged: s.judged, dropped: s.dropped, capped: s.capped, failed: s.failed, unreadable: s.unreadable, spent_today_usd: s.spentTodayUsd, cap_usd: s.capUsd, judge_model: app.config.evaluation.judgeModel, annotations: evaluation.annotations ? { ...evaluation.annotations.stats } : null };
    },
  );

  app.post(
    '/api/v1/eval/runs',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['quality'],
        summary: 'Replay saved prompts (stored prompt text) against chosen models through the pipeline and score the answers with chosen evaluators; runs in the background (202)',
        body: z
          .object({
            request_ids: z.array(z.string().min(1).max(200)).min(1).max(MAX_RUN_PROMPTS).describe('Requests from the prompt log whose stored text is replayed'),
            models: z.array(z.string().trim().min(1).max(200)).min(1).max(4).describe('Models to compare (each prompt is sent to each)'),
            evaluators: z.array(z.string().min(1)).min(1).max(10).describe('Evaluators that score every answer'),
          })
          .strict(),
        response: { 202: z.object({ id: z.string(), total: z.number(), skipped: z.number().describe('request_ids without stored text') }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      for (const [i, model] of b.models.entries()) {
        try {
          await app.llm.registry.resolve(model);
        } catch (err) {
          if (err instanceof AppError) throw new AppError('VALIDATION_ERROR', `models[${i}]: ${err.message}`, { details: { field: `models[${i}]` } });
          throw err;
        }
      }
      const started = await available(() => evaluation.runs.start(request.principal!, { requestIds: [...new Set(b.request_ids)], models: [...new Set(b.models)], evaluators: [...new Set(b.evaluators)] }));
      return reply.code(202).send(started);
    },
  );

  app.get(
    '/api/v1/eval/runs',
    { config: { auth: { roles: ANALYSTS } }, schema: { tags: ['quality'], summary: 'Eval runs, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.object({ items: z.array(runOut) }), '4xx': errorSchema } } },
    async (request) => ({ items: (await available(() => evaluation.runs.list(request.query.limit))).map(wireRun) }),
  );

  app.get(
    '/api/v1/eval/runs/:id',
    { config: { auth: { roles: ANALYSTS } }, schema: { tags: ['quality'], summary: "An eval run's progress and its scores per model and evaluator", params: z.object({ id: z.string() }), response: { 200: runOut.extend({ scores: scoresOut }), '4xx': errorSchema } } },
    async (request) => {
      const { run, scores } = await available(() => evaluation.runs.get(request.params.id));
      return { ...wireRun(run), scores: scores.map((s) => ({ model: s.model, evaluator: s.evaluator, n: s.n, mean_score: s.meanScore, labels: s.labels })) };
    },
  );

  app.get(
    '/api/v1/analytics/quality',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['analytics'],
        summary: 'Feedback and evaluation results of requests (newest first), by request id',
        querystring: z.object({ request_ids: z.string().min(1).describe('Comma-separated record ids (at most 200)') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                request_id: z.string(),
                feedback: z.array(z.object({ user_id: z.string(), score: z.number(), comment: z.string().nullable(), updated_at: z.string() })),
                evaluations: z.array(z.object({ evaluator: z.string(), label: z.string(), score: z.number(), explanation: z.string(), judge_model: z.string(), cost_usd: z.number(), created_at: z.string() })),
              }),
            ),
          }),
          '4xx': errorSchema,
        },
      },
    },
    async (request) => {
      const ids = [...new Set(request.query.request_ids.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 200);
      const [fb, ev] = await available(() => Promise.all([app.repos.quality.feedbackFor(ids), app.repos.quality.evaluationsFor(ids)]));
      return {
        items: ids.map((id) => ({
          request_id: id,
          feedback: fb.filter((f) => f.requestId === id).map((f) => ({ user_id: f.userId, score: f.score, comment: f.comment, updated_at: f.updatedAt.toISOString() })),
          evaluations: ev.filter((e) => e.requestId === id).map((e) => ({ evaluator: e.evaluator, label: e.label, score: e.score, explanation: e.explanation, judge_model: e.judgeModel, cost_usd: e.costUsd, created_at: e.createdAt.toISOString() })),
        })),
      };
    },
  );
};
