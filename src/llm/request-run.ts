import type { Logger } from 'pino';
import type { CachedAnswer, ResponseCache } from '../cache/response-cache.js';
import type { SemanticPending } from '../cache/semantic/semantic-cache.js';
import { AppError } from '../errors/app-error.js';
import type { RequestRecord } from '../monitoring/request-record.js';
import type { PromptSource, PromptTextHook } from '../monitoring/prompt-text/capture.js';
import type { PromptVerdict } from '../firewall/gate.js';
import type { LlmCall } from '../telemetry/openinference.js';
import { addEvent } from '../telemetry/spans.js';
import type { Pricing } from './pricing.js';
import type { ResolvedModel } from './provider-registry.js';
import type { AnswerSummary } from './wire/codec.js';
import type { Usage } from './types.js';

/** eval: the gateway's own calls for answer quality (the judge, eval runs), recorded as internal requests. */
export type Endpoint = 'prompt' | 'openai' | 'anthropic' | 'ws' | 'embeddings' | 'eval';

/** use: read and write; refresh: skip the read, store the new answer (no-cache); bypass: neither (no-store). */
export type CacheMode = 'use' | 'refresh' | 'bypass';

export interface AnswerMeta {
  requestId: string;
  model: string;
  provider: string;
  cached: boolean;
  /** 'x-cache' header value: SEMANTIC_HIT when a paraphrase answered (src/cache/semantic). */
  cacheStatus: 'HIT' | 'SEMANTIC_HIT' | 'MISS' | 'BYPASS';
  /** A semantic hit's cosine similarity with the question it answered ('x-cache-similarity'). */
  similarity?: number;
  /** The upstream's own request id (sent to the client as x-upstream-request-id). */
  upstreamRequestId?: string;
}

export interface Answer<R> extends AnswerMeta {
  /** The whole answer in its wire format: leaks masked, redacted values restored. */
  value: R;
  /** The same answer as JSON text, when it is at hand unchanged (a cache hit with nothing to restore): send this. */
  json?: string;
  summary: AnswerSummary;
  costUsd: number;
  latencyMs: number;
  ttftMs: number;
  /** Time spent outside the provider call. */
  overheadMs: number;
  attempts: number;
}

export const round = (ms: number) => Math.round(ms * 100) / 100;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The caller's model name as the record can hold it: Postgres text cannot hold a NUL, and the batch's JSON with a
 * lone surrogate is not JSON Postgres reads. The database would refuse the row and the writer drop the record, so
 * a client could keep its own request out of analytics. Cheap when clean (nearly always).
 */
function storable(s: string | null): string | null {
  if (s === null) return s;
  const clean = s.includes('\0') ? s.replaceAll('\0', '\ufffd') : s;
  return clean.search(LONE_SURROGATE) === -1 ? clean : clean.replace(LONE_SURROGATE, '\ufffd');
}

/** How a request ended; every exit of the pipeline passes through RequestRun.finish with one of these. */
export type Outcome<R> =
  | { kind: 'hit'; hit: CachedAnswer; summary: AnswerSummary }
  | { kind: 'success'; value: R; summary: AnswerSummary; used: ResolvedModel; attempts: number; ttftMs: number; overheadMs: number; storable: boolean }
  | { kind: 'blocked'; err: AppError }
  | { kind: 'failed'; err: AppError; attempts: number; used?: ResolvedModel };

export interface RunDeps {
  cache: ResponseCache;
  pricing: Pricing;
  record: (row: RequestRecord) => void;
  orgId: string;
  orchestratorId: string;
  log: Logger;
  /** Stored prompt text (PROMPT_LOGGING, src/monitoring/prompt-text); absent or inactive: the finish does nothing more. */
  promptText?: PromptTextHook;
}

/**
 * One request's bookkeeping: what it asked, where it got, and the one finish step that records it, prices it,
 * stores the answer and ends the span, whichever way it ended (hit, success, refusal, block, error, cancel, cut).
 */
export class RequestRun {
  readonly started = performance.now();
  resolved: ResolvedModel | undefined;
  decision: 'allow' | 'redact' | 'logged' | 'block' | undefined;
  storeKey: string | undefined;
  /** The semantic cache's store for this request's answer, and a semantic hit's similarity (src/cache/semantic). */
  semantic: SemanticPending | undefined;
  similarity: number | undefined;
  format = 'openai';
  llm: LlmCall | undefined;
  // --- stored prompt text (src/monitoring/prompt-text): pointers to what the front steps hold anyway, read by the
  // finish only while PROMPT_LOGGING is on: the body and what finds its texts, and the firewall's verdict.
  body: unknown;
  texts: PromptSource | undefined;
  verdict: PromptVerdict | undefined;
  // --- end stored prompt text
  private done = false;

  constructor(
    private readonly deps: RunDeps,
    readonly requestId: string,
    readonly endpoint: Endpoint,
    readonly userId: string | null,
    readonly stream: boolean,
    readonly requestedModel: string | undefined,
    /** The caller's x-request-id, kept beside the record's own id (requestId), which the gateway mints. */
    readonly clientRequestId: string | null = null,
    /** The API key the request came with (spend per key), null for a token. */
    readonly apiKeyId: string | null = null,
  ) {}

  elapsed(): number {
    return round(performance.now() - this.started);
  }

  /**
   * One llm_requests row, every field written out: this runs on every request, and object spreads with extra
   * properties cost microseconds each on V8 (they fall back to a runtime copy), where a literal costs nanoseconds.
   */
  private row(
    status: string,
    model: string | null,
    provider: string | null,
    usage: Usage | undefined,
    costUsd: number,
    ttftMs: number | null,
    overheadMs: number | null,
    attempts: number,
    errorCode: string | null,
  ): RequestRecord {
    return {
      id: this.requestId,
      clientRequestId: this.clientRequestId,
      orgId: this.deps.orgId,
      orchestratorId: this.deps.orchestratorId,
      userId: this.userId,
      apiKeyId: this.apiKeyId,
      endpoint: this.endpoint,
      provider,
      model: storable(model),
      status,
      errorCode,
      cached: false,
      stream: this.stream,
      firewallDecision: this.decision ?? null,
      promptTokens: usage?.promptTokens ?? 0,
      completionTokens: usage?.completionTokens ?? 0,
      totalTokens: usage?.totalTokens ?? 0,
      costUsd,
      savedCostUsd: null,
      latencyMs: this.elapsed(),
      ttftMs,
      overheadMs,
      attempts,
    };
  }

  /** Records the request and settles everything that hangs on its end; returns the cost of the answer. */
  finish<R>(o: Outcome<R>): number {
    if (this.done) return 0;
    this.done = true;
    let row: RequestRecord;
    let cost = 0;
    switch (o.kind) {
      case 'hit': {
        const latency = this.elapsed();
        row = this.row('success', this.resolved?.model ?? o.hit.model, o.hit.provider, o.hit.usage, 0, latency, latency, 0, null);
        row.cached = true;
        row.savedCostUsd = o.hit.costUsd;
        if (this.similarity !== undefined) row.cacheSimilarity = this.similarity;
        this.llm?.succeed({ model: o.hit.model, provider: o.hit.provider, usage: o.hit.usage, content: o.summary.text, finishReason: o.summary.finishReason, attempts: 0 });
        break;
      }
      case 'success': {
        const { used, summary } = o;
        cost = this.deps.pricing.cost(used.model, summary.usage);
        if (o.storable && this.storeKey && used === this.resolved && cacheable(summary)) {
          this.deps.cache.set(this.storeKey, { format: this.format, json: JSON.stringify(o.value), model: used.model, provider: used.providerLabel, usage: summary.usage, finishReason: summary.finishReason, costUsd: cost, createdAt: new Date().toISOString() });
        }
        if (this.semantic && o.storable && used === this.resolved && cacheable(summary)) this.semantic.store(o.value, summary, cost);
        row = this.row('success', used.model, used.providerLabel, summary.usage, cost, o.ttftMs, o.overheadMs, o.attempts, null);
        this.llm?.succeed({ model: summary.model || used.model, provider: used.providerLabel, usage: summary.usage, content: summary.text, finishReason: summary.finishReason, attempts: o.attempts, toolCalls: summary.toolCalls });
        break;
      }
      case 'blocked':
        row = this.row('blocked', this.resolved?.model ?? this.requestedModel ?? null, this.resolved?.providerLabel ?? null, undefined, 0, null, null, 1, o.err.code);
        row.firewallDecision = 'block';
        // Blocked after the provider call began (the moderation stage): its span ends with the block.
        this.llm?.fail(o.err);
        break;
      case 'failed': {
        const used = o.used ?? this.resolved;
        row = this.row(o.err.code === 'CANCELLED' ? 'cancelled' : 'error', used?.model ?? this.requestedModel ?? null, used?.providerLabel ?? null, undefined, 0, null, null, Math.max(1, o.attempts), o.err.code);
        this.llm?.fail(o.err);
        if (o.err.status >= 500 && o.err.code !== 'SHUTTING_DOWN') {
          this.deps.log.warn({ request_id: this.requestId, code: o.err.code, model: used?.model, attempts: o.attempts, err: describeCause(o.err) }, 'llm request failed');
        }
        break;
      }
    }
    addEvent('record.enqueued', { 'record.status': row.status });
    this.deps.record(row);
    // Stored prompt text: while PROMPT_LOGGING is off this one check is all it costs.
    if (this.deps.promptText?.active) this.deps.promptText.capture(this, o);
    return cost;
  }
}

/** Refusals, content-filtered answers and answers cut by an error are never stored: a replay must be a real answer. */
function cacheable(s: AnswerSummary): boolean {
  return !s.refusal && (s.finishReason === 'stop' || s.finishReason === 'length' || s.finishReason === 'tool_calls');
}

/** The cause's kind and name for the log; never its message text, which may quote the prompt or a key. */
function describeCause(err: AppError): string {
  const cause = err.cause as { name?: string; kind?: string } | undefined;
  return cause ? `${cause.name ?? 'Error'}${cause.kind ? `:${cause.kind}` : ''}` : err.code;
}
