import type { Logger } from 'pino';
import type { EvalInput, Evaluator, Verdict } from './evaluators.js';
import { judgeMessages, parseVerdict } from './evaluators.js';
import type { ChatMessage } from '../llm/types.js';

/** One answer to judge with one evaluator. */
export interface JudgeJob {
  requestId: string;
  /** The model that answered. */
  model: string | null;
  requestAt: Date;
  evaluator: Evaluator;
  input: EvalInput;
  /** The request's span when it was traced: the verdict is annotated on it in Phoenix. */
  spanId?: string | undefined;
  /** The eval run the answer belongs to (null: sampled traffic). */
  runId: string | null;
}

/** One call of the judge model through the gateway's provider layer; recorded as an internal (`eval`) request. */
export type JudgeCall = (model: string, messages: ChatMessage[], signal: AbortSignal) => Promise<{ text: string; costUsd: number; requestId: string }>;

export interface JudgeResult {
  job: JudgeJob;
  verdict: Verdict;
  judgeModel: string;
  judgeRequestId: string;
  costUsd: number;
}

export interface JudgeQueueOptions {
  judge: JudgeCall;
  judgeModel: () => string;
  queueMax: number;
  concurrency: number;
  dailyCapUsd: number;
  onResult(result: JudgeResult): void;
  /** A job that ended without a verdict (judge failed, unreadable answer, capped, dropped): eval runs count it. */
  onMiss?(job: JudgeJob, why: 'failed' | 'unreadable' | 'capped' | 'dropped'): void;
  log: Logger;
  now?: () => Date;
}

export interface JudgeQueueStats {
  queued: number;
  running: number;
  judged: number;
  /** Refused because the queue was full. */
  dropped: number;
  /** Not judged because the day's cost cap was reached. */
  capped: number;
  failed: number;
  unreadable: number;
  spentTodayUsd: number;
  capUsd: number;
  day: string;
}

/**
 * Judging, off the request path: a bounded queue (full: new answers are dropped and counted, never waited for), a
 * fixed number of judge calls at once, and a cost cap per UTC day. Spend is known only once a call returns, so a
 * day can overrun its cap by at most `concurrency` calls.
 */
export function createJudgeQueue(opts: JudgeQueueOptions) {
  const now = opts.now ?? (() => new Date());
  const queue: JudgeJob[] = [];
  const ctl = new AbortController();
  let running = 0;
  let closed = false;
  const waiters: (() => void)[] = [];
  const stats: JudgeQueueStats = { queued: 0, running: 0, judged: 0, dropped: 0, capped: 0, failed: 0, unreadable: 0, spentTodayUsd: 0, capUsd: opts.dailyCapUsd, day: '' };

  const today = () => now().toISOString().slice(0, 10);
  function spend(): number {
    const d = today();
    if (stats.day !== d) {
      stats.day = d;
      stats.spentTodayUsd = 0;
    }
    return stats.spentTodayUsd;
  }

  function offer(job: JudgeJob): boolean {
    if (closed || queue.length >= opts.queueMax) {
      stats.dropped++;
      opts.onMiss?.(job, 'dropped');
      return false;
    }
    queue.push(job);
    stats.queued = queue.length;
    pump();
    return true;
  }

  function pump(): void {
    while (running < opts.concurrency && queue.length) {
      const job = queue.shift()!;
      stats.queued = queue.length;
      if (spend() >= opts.dailyCapUsd) {
        stats.capped++;
        opts.onMiss?.(job, 'capped');
        continue;
      }
      running++;
      stats.running = running;
      void run(job).finally(() => {
        running--;
        stats.running = running;
        pump();
        if (!running && !queue.length) for (const w of waiters.splice(0)) w();
      });
    }
    if (!running && !queue.length) for (const w of waiters.splice(0)) w();
  }

  async function run(job: JudgeJob): Promise<void> {
    const result = await judgeOnce(job);
    if (typeof result === 'string') opts.onMiss?.(job, result);
    else opts.onResult(result);
  }

  /** One judge call with its accounting (spend, counters); a miss says why. */
  async function judgeOnce(job: JudgeJob): Promise<JudgeResult | 'failed' | 'unreadable'> {
    const model = opts.judgeModel();
    let call;
    try {
      call = await opts.judge(model, judgeMessages(job.evaluator, job.input), ctl.signal);
    } catch (err) {
      stats.failed++;
      // The code only: a provider's message may quote the prompt.
      opts.log.warn({ request_id: job.requestId, evaluator: job.evaluator.name, code: (err as { code?: string }).code ?? (err as Error).name }, 'judge call failed');
      return 'failed';
    }
    spend();
    stats.spentTodayUsd += call.costUsd;
    const verdict = parseVerdict(job.evaluator, call.text);
    if (!verdict) {
      stats.unreadable++;
      opts.log.warn({ request_id: job.requestId, evaluator: job.evaluator.name, judge_request_id: call.requestId }, 'judge answer had no verdict');
      return 'unreadable';
    }
    stats.judged++;
    return { job, verdict, judgeModel: model, judgeRequestId: call.requestId, costUsd: call.costUsd };
  }

  /**
   * Judges one answer now, outside the queue (an eval run paces itself), under the same daily cap and accounting.
   * The result goes to onResult as the queue's do; the return says what happened.
   */
  async function judgeNow(job: JudgeJob): Promise<JudgeResult | 'failed' | 'unreadable' | 'capped'> {
    if (spend() >= opts.dailyCapUsd) {
      stats.capped++;
      return 'capped';
    }
    const result = await judgeOnce(job);
    if (typeof result !== 'string') opts.onResult(result);
    return result;
  }

  return {
    offer,
    judgeNow,
    stats,
    /** Room left in the queue. */
    room: () => opts.queueMax - queue.length,
    /** Resolves once nothing is queued or running (tests, eval runs, shutdown). */
    idle(): Promise<void> {
      if (!running && !queue.length) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** Drops what waits, lets running calls finish for up to `ms`, then aborts them. */
    async close(ms = 5_000): Promise<void> {
      closed = true;
      stats.dropped += queue.length;
      queue.length = 0;
      stats.queued = 0;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
      ctl.abort();
    },
  };
}

export type JudgeQueue = ReturnType<typeof createJudgeQueue>;
