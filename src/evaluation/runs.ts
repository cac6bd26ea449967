import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { Pipeline } from '../llm/pipeline.js';
import type { CapturedOutcome, CapturedRun } from '../monitoring/prompt-text/capture.js';
import type { QualityRepo } from '../storage/monitoring/quality-repo.js';
import { readInput } from './capture.js';
import type { EvalInput, Evaluator } from './evaluators.js';
import type { JudgeQueue } from './judge-queue.js';

/** Prompts replayed at once within a run (each then judged by every evaluator in turn). */
const RUN_CONCURRENCY = 2;
export const MAX_RUN_PROMPTS = 500;

export interface EvalRunsDeps {
  repo: QualityRepo;
  pipeline: Pipeline;
  queue: Pick<JudgeQueue, 'judgeNow'>;
  known(name: string): Evaluator | undefined;
  flushVerdicts(): Promise<void>;
  log: Logger;
}

export interface RunRequest {
  requestIds: string[];
  models: string[];
  evaluators: string[];
}

/**
 * Eval runs: saved prompts (stored prompt text, chosen by an analyst) replayed against chosen models through the
 * request pipeline (firewall included, no cache), each answer scored by the chosen evaluators under the judge's daily
 * cap. Answers and judge calls are recorded as internal (`eval`) requests and never sampled again. A run's progress
 * is written as it goes; runs of an instance that stops are marked failed by that instance.
 */
export function createEvalRuns(deps: EvalRunsDeps) {
  const active = new Map<string, AbortController>();
  const executing = new Set<Promise<void>>();
  /** Replays waiting for their texts from the finish step (as the provider saw them: redacted values not restored). */
  const waiting = new Map<string, (input: EvalInput | undefined) => void>();

  async function start(by: Principal, req: RunRequest) {
    const evaluators = req.evaluators.map((name) => {
      const ev = deps.known(name);
      if (!ev) throw new AppError('VALIDATION_ERROR', `evaluators: unknown evaluator ${JSON.stringify(name)}`, { details: { field: 'evaluators' } });
      return ev;
    });
    const prompts = await deps.repo.savedPrompts(req.requestIds);
    if (!prompts.length) throw new AppError('VALIDATION_ERROR', 'request_ids: none of these requests has stored prompt text (PROMPT_LOGGING must be on when they are made)', { details: { field: 'request_ids' } });
    const id = randomUUID();
    const run = { id, createdBy: by.userId, status: 'running', models: req.models, evaluators: req.evaluators, requestIds: prompts.map((p) => p.requestId), total: prompts.length * req.models.length };
    await deps.repo.createRun(run);
    const ctl = new AbortController();
    active.set(id, ctl);
    const done: Promise<void> = execute(id, prompts, req.models, evaluators, ctl.signal).finally(() => {
      active.delete(id);
      executing.delete(done);
    });
    executing.add(done);
    return { id, total: run.total, skipped: req.requestIds.length - prompts.length };
  }

  async function execute(id: string, prompts: { requestId: string; prompt: string }[], models: string[], evaluators: Evaluator[], signal: AbortSignal): Promise<void> {
    const items = models.flatMap((model) => prompts.map((p) => ({ model, p })));
    let next = 0;
    const progress = { completed: 0, failed: 0, costUsd: 0 };
    const worker = async () => {
      while (next < items.length && !signal.aborted) {
        const { model, p } = items[next++]!;
        const ok = await replay(id, model, p.prompt, evaluators, signal, progress).catch(() => false);
        if (ok) progress.completed++;
        else progress.failed++;
        await deps.repo.updateRun(id, { ...progress }).catch(() => undefined);
      }
    };
    try {
      await Promise.all(Array.from({ length: RUN_CONCURRENCY }, worker));
      await deps.flushVerdicts();
      await deps.repo.updateRun(id, { ...progress, status: signal.aborted ? 'failed' : 'done', error: signal.aborted ? 'stopped' : null, finishedAt: new Date() });
    } catch (err) {
      deps.log.warn({ run_id: id, err: (err as Error).name }, 'eval run failed');
      await deps.repo.updateRun(id, { ...progress, status: 'failed', error: 'internal error', finishedAt: new Date() }).catch(() => undefined);
    }
  }

  /** One prompt against one model, then every evaluator on its answer; false when the answer or a verdict is missing. */
  async function replay(runId: string, model: string, prompt: string, evaluators: Evaluator[], signal: AbortSignal, progress: { costUsd: number }): Promise<boolean> {
    const body = { model, messages: [{ role: 'user' as const, content: prompt }] };
    const requestId = randomUUID();
    const texts = new Promise<EvalInput | undefined>((resolve) => waiting.set(requestId, resolve));
    let answer;
    try {
      answer = await deps.pipeline.chat.complete({ requestId, endpoint: 'eval', userId: null, body, cacheMode: 'bypass', signal, caller: null });
    } finally {
      // The finish step has run by now (it runs before the answer returns), whichever way it ended.
      waiting.get(requestId)?.(undefined);
      waiting.delete(requestId);
    }
    progress.costUsd += answer.costUsd;
    const input = await texts;
    if (!input) return false;
    let ok = true;
    for (const ev of evaluators) {
      if (!ev.applies(input)) continue;
      const r = await deps.queue.judgeNow({ requestId: answer.requestId, model: answer.model, requestAt: new Date(), evaluator: ev, input, runId });
      if (typeof r === 'string') ok = false;
      else progress.costUsd += r.costUsd;
    }
    return ok;
  }

  return {
    start,
    /** Whether a run is replaying now (the finish step's hook must then stay on). */
    get running() {
      return active.size > 0;
    },
    /** The finish step's hook for `eval` requests: hands a waiting replay its texts. */
    captured(run: CapturedRun, outcome: CapturedOutcome): void {
      const resolve = waiting.get(run.requestId);
      if (!resolve) return;
      waiting.delete(run.requestId);
      resolve(outcome.kind === 'success' ? readInput(run, outcome.value) : undefined);
    },
    async get(id: string) {
      const run = await deps.repo.run(id);
      if (!run) throw new AppError('NOT_FOUND', 'no eval run with this id');
      return { run, scores: await deps.repo.runScores(id) };
    },
    list: (limit: number) => deps.repo.runs(limit),
    /** Stops this instance's runs: each is marked failed ("stopped") with the progress it made. */
    async close(ms = 5_000) {
      for (const ctl of active.values()) ctl.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...executing]), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
    },
  };
}

export type EvalRuns = ReturnType<typeof createEvalRuns>;
