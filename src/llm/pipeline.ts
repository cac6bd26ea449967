import type { Logger } from 'pino';
import type { CachedAnswer, ResponseCache } from '../cache/response-cache.js';
import { AppError } from '../errors/app-error.js';
import type { PromptGate } from '../firewall/gate.js';
import type { RequestRecord } from '../monitoring/request-record.js';
import { startLlmCall } from '../telemetry/openinference.js';
import { tracedCacheGet, tracedFirewallScan } from '../telemetry/pipeline-spans.js';
import { addEvent } from '../telemetry/spans.js';
import type { Pricing } from './pricing.js';
import type { ProviderRegistry, ResolvedModel } from './provider-registry.js';
import { deadlineError, toAppError, withRetryAndFallback, type RequestLimits, type RetryPolicy } from './router.js';
import { ProviderError, type ChatMessage, type FinishReason, type StreamEvent, type Usage } from './types.js';

export type Endpoint = 'prompt' | 'openai' | 'ws';

/** use: read and write; refresh: skip the read, store the new answer (no-cache); bypass: neither (no-store). */
export type CacheMode = 'use' | 'refresh' | 'bypass';

export interface PromptInput {
  requestId: string;
  endpoint: Endpoint;
  userId: string | null;
  model?: string;
  messages: ChatMessage[];
  params: { maxTokens?: number; temperature?: number; topP?: number; stop?: string[] };
  cacheMode: CacheMode;
  /** Fires when the client goes away or cancels. */
  signal: AbortSignal;
}

export interface AnswerMeta {
  requestId: string;
  model: string;
  provider: string;
  cached: boolean;
  /** 'x-cache' header value. */
  cacheStatus: 'HIT' | 'MISS' | 'BYPASS';
}

export interface Answer extends AnswerMeta {
  content: string;
  usage: Usage;
  finishReason: FinishReason;
  costUsd: number;
  latencyMs: number;
  ttftMs: number;
  /** Time spent outside the provider call. */
  overheadMs: number;
}

export interface StreamingAnswer extends AnswerMeta {
  /** Deltas, then one `done`; throws AppError if the stream breaks. Breaking out of the loop cancels upstream. */
  events: AsyncIterable<StreamEvent>;
  /** The finished answer's figures, once `events` has ended (rejects if it failed). */
  completed: Promise<Answer>;
}

export interface PipelineDeps {
  registry: ProviderRegistry;
  gate: PromptGate;
  cache: ResponseCache;
  pricing: Pricing;
  record: (row: RequestRecord) => void;
  retry: RetryPolicy;
  fallbackModels: string[];
  totalTimeoutMs: number;
  orgId: string;
  orchestratorId: string;
  log: Logger;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Splits a cached non-streamed answer into word-sized pieces so a streamed replay looks like a stream. */
function replayChunks(chunks: string[]): string[] {
  if (chunks.length !== 1) return chunks;
  return chunks[0]!.match(/\S+\s*|\s+/g) ?? chunks;
}

/**
 * The one LLM request path behind every front door: firewall gate → cache → provider (retry, fallback, timeouts,
 * abort) → cache store → record. Front doors only translate wire formats.
 */
export function createPipeline(deps: PipelineDeps) {
  const { registry, gate, cache, pricing } = deps;

  async function candidates(primary: ResolvedModel): Promise<ResolvedModel[]> {
    const out = [primary];
    for (const name of deps.fallbackModels) {
      if (name === primary.model) continue;
      try {
        out.push(await registry.resolve(name));
      } catch {
        // A fallback whose provider is not configured is skipped, not an error of this request.
      }
    }
    return out;
  }

  function record(input: PromptInput, started: number, fields: Partial<RequestRecord> & Pick<RequestRecord, 'status'>) {
    addEvent('record.enqueued', { 'record.status': fields.status });
    deps.record({
      id: input.requestId,
      orgId: deps.orgId,
      orchestratorId: deps.orchestratorId,
      userId: input.userId,
      endpoint: input.endpoint,
      stream: false,
      latencyMs: round(performance.now() - started),
      ...fields,
    });
  }

  /** Steps shared by both modes up to the cache lookup. */
  async function prepare(input: PromptInput, started: number, stream: boolean) {
    let resolved: ResolvedModel;
    try {
      resolved = await registry.resolve(input.model);
    } catch (err) {
      record(input, started, { status: 'error', stream, model: input.model ?? null, errorCode: (err as AppError).code ?? 'INTERNAL_ERROR' });
      throw err;
    }
    const verdict = await tracedFirewallScan(() => gate.checkPrompt(input.messages, gateCtx(input)));
    if (!verdict.allowed) {
      record(input, started, { status: 'blocked', stream, model: resolved.model, provider: resolved.providerLabel, firewallDecision: 'block', errorCode: 'FIREWALL_BLOCKED' });
      throw new AppError('FIREWALL_BLOCKED', `prompt blocked by the content firewall: ${verdict.reasons.join('; ')}`, { details: { reasons: verdict.reasons } });
    }
    const upstreamMessages = verdict.messages;
    const cacheKey = cache.enabled
      ? cache.key({ provider: resolved.providerLabel, model: resolved.model, messages: upstreamMessages, params: input.params })
      : undefined;
    let hit: CachedAnswer | null = null;
    let cacheStatus: AnswerMeta['cacheStatus'] = 'BYPASS';
    if (cacheKey && input.cacheMode === 'use') {
      hit = await tracedCacheGet(() => cache.get(cacheKey));
      cacheStatus = hit ? 'HIT' : 'MISS';
      if (hit) cache.noteHit(hit);
      else cache.noteMiss();
    } else {
      cache.noteBypass();
    }
    const storeKey = cacheKey && input.cacheMode !== 'bypass' ? cacheKey : undefined;
    return { resolved, verdict, upstreamMessages, hit, cacheStatus, storeKey };
  }

  const gateCtx = (input: PromptInput) => ({ requestId: input.requestId, userId: input.userId, source: input.endpoint });

  /** The provider call as an OpenInference LLM span (a no-op when tracing is off). */
  const llmCall = (name: string, rm: ResolvedModel, messages: ChatMessage[], input: PromptInput) =>
    startLlmCall(name, { model: rm.model, provider: rm.providerLabel, system: rm.provider.name === 'anthropic' ? 'anthropic' : 'openai', messages, params: input.params });

  /** The client's signal and the whole-request deadline, which every attempt's abort link carries. */
  const limitsOf = (input: PromptInput, started: number): RequestLimits => ({ signal: input.signal, deadlineAt: started + deps.totalTimeoutMs });

  function failure(input: PromptInput, started: number, stream: boolean, resolved: ResolvedModel, err: unknown, attempts = 1): AppError {
    const appErr = err instanceof AppError ? err : err instanceof ProviderError ? toAppError(err, resolved) : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
    record(input, started, {
      status: appErr.code === 'CANCELLED' ? 'cancelled' : 'error',
      stream,
      model: resolved.model,
      provider: resolved.providerLabel,
      errorCode: appErr.code,
      attempts,
      firewallDecision: 'allow',
    });
    return appErr;
  }

  async function complete(input: PromptInput): Promise<Answer> {
    const started = performance.now();
    const { resolved, verdict, upstreamMessages, hit, cacheStatus, storeKey } = await prepare(input, started, false);
    const restore = verdict.allowed ? verdict.restore : undefined;
    const decision = verdict.allowed ? verdict.decision : 'block';

    if (hit) {
      const latencyMs = round(performance.now() - started);
      const content = hit.chunks.join('');
      record(input, started, { status: 'success', cached: true, model: resolved.model, provider: resolved.providerLabel, firewallDecision: decision, promptTokens: hit.usage.promptTokens, completionTokens: hit.usage.completionTokens, totalTokens: hit.usage.totalTokens, costUsd: 0, savedCostUsd: hit.costUsd, ttftMs: latencyMs, overheadMs: latencyMs });
      return { requestId: input.requestId, model: resolved.model, provider: resolved.providerLabel, cached: true, cacheStatus, content: restore ? restore(content) : content, usage: hit.usage, finishReason: hit.finishReason, costUsd: 0, latencyMs, ttftMs: latencyMs, overheadMs: latencyMs };
    }

    let providerMs = 0;
    let result;
    const llm = llmCall('llm.complete', resolved, upstreamMessages, input);
    try {
      result = await withRetryAndFallback(await candidates(resolved), deps.retry, limitsOf(input, started), async (rm, signal) => {
        const t0 = performance.now();
        try {
          return await rm.provider.complete({ model: rm.upstreamModel, messages: upstreamMessages, ...input.params, signal });
        } finally {
          providerMs += performance.now() - t0;
        }
      });
    } catch (err) {
      throw llm.fail(failure(input, started, false, resolved, err));
    }
    result.link.dispose();
    const { value: raw, resolved: used, attempts } = result;
    // Leaks in the answer are masked before it is cached or delivered (placeholders stay for `restore`).
    const value = gate.checkOutput ? { ...raw, content: gate.checkOutput(raw.content, gateCtx(input)) } : raw;
    llm.succeed({ model: used.model, provider: used.providerLabel, usage: value.usage, content: value.content, finishReason: value.finishReason, attempts });
    const costUsd = pricing.cost(used.model, value.usage);
    const latencyMs = round(performance.now() - started);
    if (storeKey && used === resolved && (value.finishReason === 'stop' || value.finishReason === 'length')) {
      cache.set(storeKey, { chunks: [value.content], model: used.model, provider: used.providerLabel, usage: value.usage, finishReason: value.finishReason, costUsd, createdAt: new Date().toISOString() });
    }
    record(input, started, { status: 'success', model: used.model, provider: used.providerLabel, firewallDecision: decision, promptTokens: value.usage.promptTokens, completionTokens: value.usage.completionTokens, totalTokens: value.usage.totalTokens, costUsd, ttftMs: latencyMs, overheadMs: round(latencyMs - providerMs), attempts });
    return { requestId: input.requestId, model: used.model, provider: used.providerLabel, cached: false, cacheStatus, content: restore ? restore(value.content) : value.content, usage: value.usage, finishReason: value.finishReason, costUsd, latencyMs, ttftMs: latencyMs, overheadMs: round(latencyMs - providerMs) };
  }

  async function stream(input: PromptInput): Promise<StreamingAnswer> {
    const started = performance.now();
    const { resolved, verdict, upstreamMessages, hit, cacheStatus, storeKey } = await prepare(input, started, true);
    const restore = verdict.allowed ? verdict.restore : undefined;
    const restorer = verdict.allowed ? verdict.streamRestorer?.() : undefined;
    const decision = verdict.allowed ? verdict.decision : 'block';
    let settle!: { resolve: (a: Answer) => void; reject: (e: unknown) => void };
    const completed = new Promise<Answer>((resolve, reject) => (settle = { resolve, reject }));
    completed.catch(() => undefined); // front doors may not await it; the failure is recorded and reported in-stream

    if (hit) {
      const latencyMs = round(performance.now() - started);
      record(input, started, { status: 'success', stream: true, cached: true, model: resolved.model, provider: resolved.providerLabel, firewallDecision: decision, promptTokens: hit.usage.promptTokens, completionTokens: hit.usage.completionTokens, totalTokens: hit.usage.totalTokens, costUsd: 0, savedCostUsd: hit.costUsd, ttftMs: latencyMs, overheadMs: latencyMs });
      const content = hit.chunks.join('');
      settle.resolve({ requestId: input.requestId, model: resolved.model, provider: resolved.providerLabel, cached: true, cacheStatus, content: restore ? restore(content) : content, usage: hit.usage, finishReason: hit.finishReason, costUsd: 0, latencyMs, ttftMs: latencyMs, overheadMs: latencyMs });
      async function* replay(): AsyncGenerator<StreamEvent> {
        for (const text of replayChunks(hit!.chunks)) {
          const out = restorer ? restorer.push(text) : text;
          if (out) yield { type: 'delta', text: out };
        }
        const tail = restorer?.flush();
        if (tail) yield { type: 'delta', text: tail };
        yield { type: 'done', model: hit!.model, usage: hit!.usage, finishReason: hit!.finishReason };
      }
      return { requestId: input.requestId, model: resolved.model, provider: resolved.providerLabel, cached: true, cacheStatus, events: replay(), completed };
    }

    let attemptStarted = 0;
    let opened;
    const llm = llmCall('llm.stream', resolved, upstreamMessages, input);
    try {
      opened = await withRetryAndFallback(await candidates(resolved), deps.retry, limitsOf(input, started), async (rm, attemptSignal) => {
        attemptStarted = performance.now();
        const it = rm.provider.stream({ model: rm.upstreamModel, messages: upstreamMessages, ...input.params, signal: attemptSignal })[Symbol.asyncIterator]();
        const first = await it.next();
        if (first.done) throw new ProviderError('stream_broken', 'stream ended before its first event');
        return { it, first: first.value, attemptSignal };
      });
    } catch (err) {
      throw llm.fail(failure(input, started, true, resolved, err));
    }
    const { value, resolved: used, attempts, link } = opened;
    const ttftMs = round(performance.now() - started);
    llm.firstToken(ttftMs);
    const overheadBeforeProvider = attemptStarted - started;

    /** Stores, records and settles a stream that ended well; runs before `done` reaches the client. */
    function finish(done: Extract<StreamEvent, { type: 'done' }>, streamed: string[]) {
      let chunks = streamed;
      // Tokens already went out, so this check is for the record (firewall events) and for what gets cached:
      // a replay must not repeat a leak.
      const raw = chunks.join('');
      const checked = gate.checkOutput ? gate.checkOutput(raw, gateCtx(input)) : raw;
      if (checked !== raw) chunks = [checked];
      const latencyMs = round(performance.now() - started);
      const costUsd = pricing.cost(used.model, done.usage);
      if (storeKey && used === resolved && (done.finishReason === 'stop' || done.finishReason === 'length')) {
        cache.set(storeKey, { chunks, model: used.model, provider: used.providerLabel, usage: done.usage, finishReason: done.finishReason, costUsd, createdAt: new Date().toISOString() });
      }
      const overheadMs = round(overheadBeforeProvider);
      record(input, started, { status: 'success', stream: true, model: used.model, provider: used.providerLabel, firewallDecision: decision, promptTokens: done.usage.promptTokens, completionTokens: done.usage.completionTokens, totalTokens: done.usage.totalTokens, costUsd, ttftMs, overheadMs, attempts });
      const content = chunks.join('');
      llm.succeed({ model: used.model, provider: used.providerLabel, usage: done.usage, content, finishReason: done.finishReason, attempts });
      settle.resolve({ requestId: input.requestId, model: used.model, provider: used.providerLabel, cached: false, cacheStatus, content: restore ? restore(content) : content, usage: done.usage, finishReason: done.finishReason, costUsd, latencyMs, ttftMs, overheadMs });
    }

    async function* events(): AsyncGenerator<StreamEvent> {
      const chunks: string[] = [];
      let finished = false;
      let failed = false;
      try {
        let next: IteratorResult<StreamEvent> = { done: false, value: value.first };
        while (!next.done) {
          const ev = next.value;
          if (ev.type === 'delta') {
            chunks.push(ev.text);
            const out = restorer ? restorer.push(ev.text) : ev.text;
            if (out) yield { type: 'delta', text: out };
          } else {
            const tail = restorer?.flush();
            if (tail) yield { type: 'delta', text: tail };
            finish(ev, chunks);
            finished = true;
            yield ev;
            return;
          }
          next = await value.it.next();
        }
        throw new ProviderError('stream_broken', 'stream ended without its final event');
      } catch (err) {
        failed = true;
        // Past the first byte the deadline surfaces as an aborted provider stream: say what it was.
        const appErr = llm.fail(failure(input, started, true, used, link.deadlineHit ? deadlineError() : err, attempts));
        settle.reject(appErr);
        throw appErr;
      } finally {
        link.dispose();
        if (!finished) {
          // The consumer stopped early (client gone, cancel): release the upstream connection and say so.
          await value.it.return?.(undefined).catch(() => undefined);
          if (!failed) settle.reject(llm.fail(failure(input, started, true, used, new AppError('CANCELLED', 'stream cancelled by the client'), attempts)));
        }
      }
    }

    return { requestId: input.requestId, model: used.model, provider: used.providerLabel, cached: false, cacheStatus, events: events(), completed };
  }

  return { complete, stream };
}

export type Pipeline = ReturnType<typeof createPipeline>;
