import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { Pipeline } from '../llm/pipeline.js';
import { BatchWriter, type BatchWriterStats } from '../monitoring/batch-writer.js';
import type { PromptTextHook } from '../monitoring/prompt-text/capture.js';
import type { EvaluationRow, SpanRow } from '../storage/monitoring/quality-repo.js';
import type { CustomEvaluatorRow } from '../storage/orchestrator/evaluators-repo.js';
import type { Repos } from '../storage/repos.js';
import { createEvalCapture } from './capture.js';
import { BUILT_INS, type Evaluator } from './evaluators.js';
import { createFeedbackService, type FeedbackService } from './feedback.js';
import { createJudgeQueue, type JudgeCall, type JudgeQueue, type JudgeResult } from './judge-queue.js';
import { createAnnotationSender, type AnnotationSender } from './phoenix.js';
import { createSampler } from './sampling.js';
import { createEvalRuns, type EvalRuns } from './runs.js';

/** Admins' evaluators are read again this often (a change on this instance applies at once). */
const RELOAD_MS = 30_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface Evaluation {
  /** The seam RequestRun.finish calls (shared with stored prompt text, see capture.ts bothHooks). */
  hook: PromptTextHook & { drain(): void };
  queue: JudgeQueue;
  feedback: FeedbackService;
  runs: EvalRuns;
  /** Every evaluator in force: the configured built-ins and the admins' enabled ones. */
  evaluators(): readonly Evaluator[];
  /** Every evaluator by name, enabled or not (eval runs may name any). */
  known(name: string): Evaluator | undefined;
  /** Reads the admins' evaluators again (after a change). */
  reload(): Promise<void>;
  annotations: AnnotationSender | undefined;
  writers(): Record<string, BatchWriterStats>;
  /** Writes judged verdicts and queued spans now (tests, shutdown). */
  flush(): Promise<void>;
  start(): void;
  close(): Promise<void>;
}

export interface EvaluationDeps {
  /** The pipeline the judge calls through: the provider layer, priced and recorded, without firewall, cache or hooks. */
  internal: Pipeline;
  /** The request pipeline, for eval runs (firewall included). */
  pipeline: Pipeline;
  flushRecords(): Promise<void>;
}

export function toEvaluator(row: CustomEvaluatorRow): Evaluator {
  return { name: row.name, builtIn: false, rubric: row.rubric, labels: row.labels, applies: () => true, sampleRate: row.sampleRate };
}

/**
 * Answer quality, built in one place: the sampler and capture hook on the request path, the judge queue with its
 * cost cap, the writers of verdicts and request spans, Phoenix annotations, feedback and eval runs.
 */
export async function createEvaluation(config: Config, infra: { log: Logger }, repos: Repos, deps: EvaluationDeps): Promise<Evaluation> {
  const log = infra.log.child({ component: 'evaluation' });
  const c = config.evaluation;
  const builtIns = c.evaluators.map((n) => BUILT_INS[n]);
  let custom: Evaluator[] = [];
  let all: Evaluator[] = builtIns;
  let customAll: Evaluator[] = [];
  const sampler = createSampler(c);
  let possible = sampler.possible(all);

  async function reload(): Promise<void> {
    const rows = await repos.evaluators.list();
    customAll = rows.map(toEvaluator);
    custom = rows.filter((r) => r.enabled).map(toEvaluator);
    all = [...builtIns, ...custom];
    possible = sampler.possible(all);
  }
  await reload().catch((err: unknown) => log.warn({ err: (err as Error).name }, 'custom evaluators not read yet'));

  const writerOpts = { queueMax: Math.min(config.recorder.queueMax, 10_000), batchSize: 100, flushIntervalMs: config.recorder.flushIntervalMs, log };
  const verdicts = new BatchWriter<EvaluationRow>({ name: 'request_evaluations', ...writerOpts, write: (rows) => repos.quality.insertEvaluations(rows) });
  const spans = new BatchWriter<SpanRow>({ name: 'request_spans', ...writerOpts, write: (rows) => repos.quality.insertSpans(rows) });
  verdicts.start();
  spans.start();
  const annotations = c.phoenix ? createAnnotationSender({ url: c.phoenix.url, apiKey: c.phoenix.apiKey, log }) : undefined;
  // Spans are remembered only where an annotation could use them: tracing on and Phoenix's HTTP API known.
  const keepSpans = Boolean(annotations && config.tracing.endpoint);

  const judge: JudgeCall = async (model, messages, signal) => {
    const answer = await deps.internal.chat.complete({ requestId: randomUUID(), endpoint: 'eval', userId: null, body: { model, messages, temperature: 0 }, cacheMode: 'bypass', signal, caller: null });
    return { text: answer.summary.text, costUsd: answer.costUsd, requestId: answer.requestId };
  };

  const onResult = (r: JudgeResult): void => {
    verdicts.enqueue({
      requestId: r.job.requestId,
      evaluator: r.job.evaluator.name,
      label: r.verdict.label,
      score: r.verdict.score,
      explanation: r.verdict.explanation,
      model: r.job.model,
      judgeModel: r.judgeModel,
      judgeRequestId: r.judgeRequestId,
      costUsd: r.costUsd,
      runId: r.job.runId,
      requestAt: r.job.requestAt,
    });
    if (annotations && r.job.spanId) {
      annotations.send({
        span_id: r.job.spanId,
        name: r.job.evaluator.name,
        annotator_kind: 'LLM',
        result: { label: r.verdict.label, score: r.verdict.score, explanation: r.verdict.explanation || null },
        identifier: 'moolai-judge',
        metadata: { judge_model: r.judgeModel },
      });
    }
  };

  const queue = createJudgeQueue({ judge, judgeModel: () => c.judgeModel, queueMax: c.queueMax, concurrency: c.concurrency, dailyCapUsd: c.dailyCostCapUsd, onResult, log });
  const capture = createEvalCapture({
    sampler,
    evaluators: () => all,
    room: queue.room,
    offer: (job) => void queue.offer(job),
    dropped: () => void queue.stats.dropped++,
    span: keepSpans ? (row) => spans.enqueue(row) : undefined,
    internal: (run, outcome) => runs.captured(run, outcome),
  });
  const hook = {
    get active() {
      return possible || keepSpans || runs.running;
    },
    capture: capture.capture,
    drain: capture.drain,
  };
  const known = (name: string) => (BUILT_INS as Record<string, Evaluator | undefined>)[name] ?? customAll.find((e) => e.name === name);
  const feedback = createFeedbackService({ repo: repos.quality, flushRecords: deps.flushRecords, annotations });
  const runs = createEvalRuns({ repo: repos.quality, pipeline: deps.pipeline, queue, known, flushVerdicts: () => verdicts.flush(), log });
  let timer: NodeJS.Timeout | undefined;
  let retention: NodeJS.Timeout | undefined;
  // Feedback, verdicts, spans and runs go with the records they belong to (MONITORING_RETENTION_DAYS).
  const prune = () =>
    void repos.quality.deleteBefore(new Date(Date.now() - config.monitoring.retentionDays * DAY_MS)).catch((err: unknown) => log.warn({ err: (err as Error).name }, 'quality retention failed'));

  if (possible) log.info({ judge_model: c.judgeModel, sample_rate: c.sampleRate, evaluators: all.map((e) => e.name) }, 'answers are sampled for evaluation');
  return {
    hook,
    queue,
    feedback,
    runs,
    evaluators: () => all,
    known,
    reload,
    annotations,
    writers: () => ({ request_evaluations: verdicts.stats, request_spans: spans.stats }),
    async flush() {
      capture.drain();
      await Promise.all([verdicts.flush(), spans.flush()]);
    },
    start() {
      timer = setInterval(() => void reload().catch(() => undefined), RELOAD_MS);
      timer.unref();
      retention = setInterval(prune, HOUR_MS);
      retention.unref();
      prune();
    },
    async close() {
      clearInterval(timer);
      clearInterval(retention);
      capture.drain();
      await runs.close();
      await queue.close();
      await Promise.all([verdicts.close(), spans.close()]);
      await annotations?.close();
    },
  };
}
