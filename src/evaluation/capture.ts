import { trace } from '@opentelemetry/api';
import type { CapturedOutcome, CapturedRun, PromptTextHook } from '../monitoring/prompt-text/capture.js';
import { anthropicCodec } from '../llm/wire/anthropic-codec.js';
import type { TextSite } from '../llm/wire/codec.js';
import { openAiCodec } from '../llm/wire/openai-codec.js';
import { contextManager } from '../telemetry/context.js';
import { CONTEXT_MIN_CHARS, type EvalInput, type Evaluator } from './evaluators.js';
import type { JudgeJob } from './judge-queue.js';
import type { Sampler } from './sampling.js';

const CODECS: Record<string, { answerSites(res: never): TextSite[] } | undefined> = { openai: openAiCodec, anthropic: anthropicCodec };

export interface EvalCaptureOptions {
  sampler: Sampler;
  /** The evaluators in force (built-in ones configured, plus the admins' enabled ones). */
  evaluators: () => readonly Evaluator[];
  /** Room left in the judge queue: a full queue drops the answer here, before anything is kept. */
  room: () => number;
  offer(job: JudgeJob): void;
  /** Counts answers sampled but dropped because the queue was full. */
  dropped(): void;
  /** Remembers the request's span (tracing and Phoenix annotations on): feedback given later is annotated on it. */
  span?: ((row: { requestId: string; traceId: string; spanId: string }) => void) | undefined;
  /** The gateway's own `eval` requests (eval runs' replays) go here instead: they are never sampled. */
  internal?: (run: CapturedRun, outcome: CapturedOutcome) => void;
}

interface Pending {
  run: CapturedRun;
  value: unknown;
  picked: Evaluator[];
  spanId: string | undefined;
  at: Date;
}

/**
 * Evaluation's seam in RequestRun.finish (the prompt text hook's, shared): on the request path it only draws the
 * sample and keeps references; the texts are read and the jobs queued in one setImmediate per burst, after the answer
 * is on its way. What the judge reads is what the provider saw: the body after the firewall edited it in place
 * (redacted values stay placeholders) and the answer as the output firewall left it (before values are restored for
 * the client, which happens on a copy). Blocked prompts, errors, cache hits and the gateway's own calls are not judged.
 */
export function createEvalCapture(opts: EvalCaptureOptions) {
  let pending: Pending[] = [];
  let scheduled = false;

  function capture(run: CapturedRun, outcome: CapturedOutcome): void {
    if (run.endpoint === 'eval') {
      opts.internal?.(run, outcome);
      return;
    }
    let spanId: string | undefined;
    if (opts.span) {
      const span = trace.getSpan(contextManager.active());
      if (span?.isRecording()) {
        const sc = span.spanContext();
        spanId = sc.spanId;
        opts.span({ requestId: run.requestId, traceId: sc.traceId, spanId });
      }
    }
    if (outcome.kind !== 'success' || !CODECS[run.format] || !run.texts) return;
    const evaluators = opts.evaluators();
    if (!evaluators.length) return;
    const picked = opts.sampler.pick(evaluators, run.resolved?.model, run.userId);
    if (!picked.length) return;
    if (opts.room() <= 0) {
      opts.dropped();
      return;
    }
    pending.push({ run, value: outcome.value, picked, spanId, at: new Date() });
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  }

  function drain(): void {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (const p of batch) {
      const input = readInput(p.run, p.value);
      if (!input) continue;
      for (const ev of p.picked) {
        if (!ev.applies(input)) continue;
        opts.offer({ requestId: p.run.requestId, model: p.run.resolved?.model ?? null, requestAt: p.at, evaluator: ev, input, spanId: p.spanId, runId: null });
      }
    }
  }

  return { capture, drain };
}

/** The question, context and answer of a finished request, as the provider saw them. */
export function readInput(run: Pick<CapturedRun, 'body' | 'texts' | 'format'>, value: unknown): EvalInput | undefined {
  const codec = CODECS[run.format];
  if (!codec || !run.texts || run.body === undefined) return undefined;
  const sites = run.texts.promptSites(run.body as never);
  const question = sites.findLast((s) => s.role === 'user' || s.role === 'input')?.text;
  if (question === undefined) return undefined;
  const context = sites.filter((s) => s.role === 'tool' || (s.role === 'system' && s.text.length >= CONTEXT_MIN_CHARS)).map((s) => s.text);
  const answer = codec.answerSites(value as never).filter((s) => s.role === 'output').map((s) => s.text).join('\n\n');
  return { question, context: context.length ? context.join('\n\n') : null, answer };
}

/** Both hooks behind the one seam RequestRun.finish has: each is asked only while it is on. */
export function bothHooks(text: PromptTextHook, evaluation: PromptTextHook): PromptTextHook {
  return {
    get active() {
      return text.active || evaluation.active;
    },
    capture(run, outcome) {
      if (text.active) text.capture(run, outcome);
      if (evaluation.active) evaluation.capture(run, outcome);
    },
  };
}
