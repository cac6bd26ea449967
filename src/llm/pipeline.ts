import type { Logger } from 'pino';
import type { CachedAnswer, ResponseCache } from '../cache/response-cache.js';
import type { SemanticCache } from '../cache/semantic/semantic-cache.js';
import { AppError } from '../errors/app-error.js';
import { assertModelAllowed, type ModelAccess } from '../auth/model-access.js';
import type { BudgetLimits } from '../limits/budget.js';
import type { GateContext, ModerationVerdict, PromptGate } from '../firewall/gate.js';
import type { RequestRecord } from '../monitoring/request-record.js';
import type { PromptTextHook } from '../monitoring/prompt-text/capture.js';
import { startLlmCall } from '../telemetry/openinference.js';
import { tracedCacheGet, tracedFirewallScan } from '../telemetry/pipeline-spans.js';
import type { Pricing } from './pricing.js';
import type { ProviderRegistry, ResolvedModel } from './provider-registry.js';
import { round, RequestRun, type Answer, type AnswerMeta, type CacheMode, type Endpoint } from './request-run.js';
import { deadlineError, toAppError, withRetryAndFallback, type RetryPolicy } from './router.js';
import { relayStream } from './stream-relay.js';
import { ProviderError, type ChatBody, type MessagesBody, type Upstream } from './types.js';
import { anthropicCodec } from './wire/anthropic-codec.js';
import type { TextSite, WireCodec } from './wire/codec.js';
import { openAiCodec } from './wire/openai-codec.js';

export type { Answer, AnswerMeta, CacheMode, Endpoint };

interface Moderation {
  /** The client's signal, also fired when moderation flags the prompt. */
  signal: AbortSignal;
  verdict: Promise<ModerationVerdict>;
}

export interface PipelineInput<B> {
  /** The gateway's own id of this request: the key of its record (never the caller's; see clientRequestId). */
  requestId: string;
  /** The caller's own x-request-id, if it sent one: stored with the record, which it does not key. */
  clientRequestId?: string | null;
  endpoint: Endpoint;
  userId: string | null;
  /** The client's body, whole; `model` is the name asked for (an alias, or absent for the default). */
  body: B;
  cacheMode: CacheMode;
  /** Fires when the client goes away or cancels. */
  signal: AbortSignal;
  /** Who calls, for model access and budgets; absent for the gateway's own calls, which neither applies to. */
  caller?: Caller | null;
}

/** What the pipeline holds a caller to besides the firewall: the models it may call and its spend budgets. */
export interface Caller {
  apiKeyId: string | null;
  access: ModelAccess;
  budgets: BudgetLimits;
}

export interface StreamingAnswer<C, R> extends AnswerMeta {
  /** Chunks as they may leave (leaks masked, values restored); throws AppError if the stream breaks. Breaking out cancels upstream. */
  events: AsyncIterable<C>;
  /** The finished answer, once `events` has ended (rejects if it failed). */
  completed: Promise<Answer<R>>;
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
  /** Takes one of the user's concurrent-stream slots (RATE_LIMIT_CONCURRENT_STREAMS); returns its release. */
  acquireStreamSlot?: (userId: string) => Promise<() => void>;
  /** Refuses (BUDGET_EXCEEDED) a caller whose user or key has spent its budget; called only when a provider will be. */
  checkBudget?: (userId: string, caller: Caller) => void | Promise<void>;
  /** Stored prompt text (PROMPT_LOGGING): RequestRun.finish hands it the texts while a mode is on. */
  promptText?: PromptTextHook;
  /** The semantic cache (SEMANTIC_CACHE_ENABLED), asked after an exact miss; absent when off. */
  semantic?: SemanticCache;
}

/**
 * Model access, checked once the model is resolved: both the name asked for (an alias) and the model it names must
 * be allowed, so an alias cannot smuggle in a model the caller may not use.
 */
export function assertCallerMayUse(caller: Caller | null | undefined, requested: string | undefined, resolved: ResolvedModel): void {
  if (!caller) return;
  if (requested !== undefined && requested !== resolved.model) assertModelAllowed(requested, caller.access);
  assertModelAllowed(resolved.model, caller.access);
}

/** The budget check, before a provider is called (a cache hit costs nothing, so it is served past a budget). */
export function admitSpend(deps: PipelineDeps, userId: string | null, caller: Caller | null | undefined): void | Promise<void> {
  if (!caller || !userId || !deps.checkBudget) return;
  return deps.checkBudget(userId, caller);
}

/** How one wire format is spoken to a resolved provider. */
interface Route<B, R, C> {
  codec: WireCodec<B, R, C>;
  /** Whether this provider can take the request in this format (a native Anthropic request needs Anthropic). */
  accepts(rm: ResolvedModel): boolean;
  complete(rm: ResolvedModel, body: B, signal: AbortSignal): Promise<Upstream<R>>;
  stream(rm: ResolvedModel, body: B, signal: AbortSignal): Promise<Upstream<AsyncIterable<C>>>;
}

const chatRoute: Route<ChatBody, import('./types.js').ChatCompletion, import('./types.js').ChatCompletionChunk> = {
  codec: openAiCodec,
  accepts: () => true,
  complete: (rm, body, signal) => rm.provider.complete({ body, signal }),
  stream: (rm, body, signal) => rm.provider.stream({ body, signal }),
};

const messagesRoute: Route<MessagesBody, import('./types.js').AnthropicMessage, import('./types.js').AnthropicStreamEvent> = {
  codec: anthropicCodec,
  accepts: (rm) => rm.provider.messages !== undefined,
  complete: (rm, body, signal) => rm.provider.messages!.complete({ body, signal }),
  stream: (rm, body, signal) => rm.provider.messages!.stream({ body, signal }),
};

/**
 * Gateway-only fields are read by the front door and never sent upstream. Front doors strip them already; this is
 * for other callers. A copy without them, not `delete` (which makes a slow dictionary-mode object).
 */
function withoutGatewayFields<T extends { [k: string]: unknown }>(body: T): T {
  if (body.cache === undefined) return body;
  const { cache: _gateway, ...rest } = body;
  return rest as T;
}

/**
 * The one LLM request path behind every front door: resolve → firewall → cache → provider (retry, fallback,
 * timeouts, abort) → output firewall → one finish step (record, price, cache store, span). Front doors only
 * translate wire formats; the pipeline owns the stream lifecycle (slot, masking, errors, logging).
 */
export function createPipeline(deps: PipelineDeps) {
  const { registry, gate, cache } = deps;

  async function candidates<B, R, C>(route: Route<B, R, C>, primary: ResolvedModel): Promise<ResolvedModel[]> {
    const out = [primary];
    for (const name of deps.fallbackModels) {
      if (name === primary.model) continue;
      try {
        const rm = await registry.resolve(name);
        if (route.accepts(rm)) out.push(rm);
      } catch {
        // A fallback whose provider is not configured is skipped, not an error of this request.
      }
    }
    return out;
  }

  const gateCtx = (run: RequestRun): GateContext => ({ requestId: run.requestId, userId: run.userId, source: run.endpoint });

  const blockedError = (reasons: string[]) =>
    new AppError('FIREWALL_BLOCKED', `prompt blocked by the content firewall: ${reasons.join('; ')}`, { details: { reasons } });

  /**
   * Starts the moderation stage beside the provider call (it adds a round trip, so it must not wait its turn). The
   * provider call runs under the returned signal: a flagged prompt aborts it.
   */
  function startModeration(sites: TextSite[], run: RequestRun, clientSignal: AbortSignal): Moderation | undefined {
    if (!gate.moderate) return undefined;
    const ctl = new AbortController();
    const verdict = gate.moderate(sites, gateCtx(run), clientSignal).then((v) => {
      if (!v.allowed) ctl.abort(new DOMException('flagged by moderation', 'AbortError'));
      return v;
    });
    return { signal: AbortSignal.any([clientSignal, ctl.signal]), verdict };
  }

  /** Waits for the moderation verdict; a flagged prompt is finished as blocked and thrown. */
  async function enforceModeration(mod: Moderation | undefined, run: RequestRun): Promise<void> {
    if (!mod) return;
    const v = await mod.verdict;
    if (v.allowed) return;
    run.decision = 'block';
    const err = blockedError(v.reasons);
    run.finish({ kind: 'blocked', err });
    throw err;
  }

  /** Steps shared by both modes up to the cache lookup. Every failure here is finished (recorded) before it is thrown. */
  async function prepare<B, R, C>(route: Route<B, R, C>, input: PipelineInput<B>, stream: boolean) {
    const body = withoutGatewayFields(input.body as B & { model?: unknown; [k: string]: unknown });
    const requested = typeof body.model === 'string' ? body.model : undefined;
    const run = new RequestRun(deps, input.requestId, input.endpoint, input.userId, stream, requested, input.clientRequestId ?? null, input.caller?.apiKeyId ?? null);
    run.format = route.codec.format;
    run.body = body; // stored prompt text reads the body's texts through the codec (pointers only)
    run.texts = route.codec;
    try {
      const resolved = await registry.resolve(requested);
      if (!route.accepts(resolved)) throw new AppError('VALIDATION_ERROR', `model ${resolved.model} cannot be called natively through this API`);
      run.resolved = resolved;
      assertCallerMayUse(input.caller, requested, resolved);
      const verdict = await tracedFirewallScan(() => gate.checkPrompt(route.codec.promptSites(body), gateCtx(run), { images: route.codec.hasImages(body) }));
      run.decision = verdict.decision;
      run.verdict = verdict;
      if (!verdict.allowed) {
        const err = blockedError(verdict.reasons);
        run.finish({ kind: 'blocked', err });
        throw err;
      }
      // A bypassing request neither reads nor stores: no key to compute.
      const key = cache.enabled && input.cacheMode !== 'bypass' ? cache.key({ provider: resolved.providerLabel, model: resolved.model, format: route.codec.format, material: route.codec.cacheMaterial(body) }) : undefined;
      let hit: CachedAnswer | null = null;
      let cacheStatus: AnswerMeta['cacheStatus'] = 'BYPASS';
      if (key && input.cacheMode === 'use') {
        hit = await tracedCacheGet(() => cache.get(key));
        if (hit && hit.format !== route.codec.format) hit = null;
        cacheStatus = hit ? 'HIT' : 'MISS';
        if (hit) cache.noteHit(hit);
        else cache.noteMiss();
      } else {
        cache.noteBypass();
      }
      run.storeKey = key;
      // --- semantic cache (src/cache/semantic): only after an exact miss, so an exact hit costs no embedding call.
      if (!hit && deps.semantic) {
        const s = await deps.semantic.lookup({ format: route.codec.format, body, resolved, requestId: run.requestId, userId: input.userId, cacheMode: input.cacheMode, decision: verdict.decision, signal: input.signal });
        run.semantic = s.pending;
        if (s.hit) {
          hit = s.hit.answer;
          run.similarity = s.hit.similarity;
          cacheStatus = 'SEMANTIC_HIT';
        }
      }
      // --- end semantic cache
      if (!hit) {
        const pending = admitSpend(deps, input.userId, input.caller);
        if (pending) await pending;
      }
      // The provider call's span; a cache hit calls no provider and has none.
      if (!hit) run.llm = startLlmCall(stream ? 'llm.stream' : 'llm.complete', {
        model: resolved.model,
        provider: resolved.providerLabel,
        system: resolved.provider.name === 'anthropic' ? 'anthropic' : 'openai',
        sites: () => route.codec.promptSites(body),
        body,
      });
      // A cached answer was stored only after its prompt passed moderation (when it is on): exact hits skip it. A
      // semantic hit answers a prompt nobody moderated yet: it waits for the verdict (and still saves the provider call).
      const moderation = hit && cacheStatus === 'HIT' ? undefined : startModeration(route.codec.promptSites(body), run, input.signal);
      return { run, resolved, verdict, hit, cacheStatus, body, moderation };
    } catch (err) {
      if (err instanceof AppError && err.code === 'FIREWALL_BLOCKED') throw err;
      const appErr = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
      run.finish({ kind: 'failed', err: appErr, attempts: 0 });
      throw appErr;
    }
  }

  const asAppError = (err: unknown, rm: ResolvedModel | undefined): AppError =>
    err instanceof AppError ? err : err instanceof ProviderError ? toAppError(err, rm) : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });

  /** The answer the client gets: placeholders of redacted values restored in every text. */
  function restored<B, R, C>(route: Route<B, R, C>, value: R, restore: ((t: string) => string) | undefined): R {
    if (!restore) return value;
    const copy = structuredClone(value);
    for (const s of route.codec.answerSites(copy)) s.set(restore(s.text));
    return copy;
  }

  async function complete<B, R, C>(route: Route<B, R, C>, input: PipelineInput<B>): Promise<Answer<R>> {
    const { run, resolved, verdict, hit, cacheStatus, body, moderation } = await prepare(route, input, false);
    const restore = verdict.allowed ? verdict.restore : undefined;

    if (hit) {
      await enforceModeration(moderation, run);
      const summary = hitSummary(hit);
      run.finish({ kind: 'hit', hit, summary });
      const latencyMs = run.elapsed();
      if (restore) return answerOf(input.requestId, hit.model, hit.provider, cacheStatus, undefined, restored(route, JSON.parse(hit.json) as R, restore), summary, 0, latencyMs, latencyMs, latencyMs, 0, run.similarity);
      return new HitAnswer<R>(input.requestId, hit, summary, latencyMs, cacheStatus === 'SEMANTIC_HIT' ? 'SEMANTIC_HIT' : 'HIT', run.similarity);
    }

    let providerMs = 0;
    const tally = { attempts: 0 };
    let used = resolved;
    try {
      const result = await withRetryAndFallback(await candidates(route, resolved), deps.retry, { signal: moderation?.signal ?? input.signal, deadlineAt: run.started + deps.totalTimeoutMs, tally }, async (rm, signal) => {
        const t0 = performance.now();
        try {
          return await route.complete(rm, { ...body, model: rm.upstreamModel }, signal);
        } finally {
          providerMs += performance.now() - t0;
        }
      });
      result.link.dispose();
      used = result.resolved;
      // The answer is neither stored nor delivered before moderation has passed its prompt.
      await enforceModeration(moderation, run);
      const upstream = result.value;
      // Leaks in the answer are masked before it is cached or delivered (placeholders stay for `restore`).
      gate.checkOutput?.(route.codec.answerSites(upstream.value), gateCtx(run));
      const summary = route.codec.summary(upstream.value);
      const latencyMs = run.elapsed();
      const overheadMs = round(latencyMs - providerMs);
      const costUsd = run.finish({ kind: 'success', value: upstream.value, summary, used, attempts: result.attempts, ttftMs: latencyMs, overheadMs, storable: true });
      return answerOf(input.requestId, summary.model || used.model, used.providerLabel, cacheStatus, upstream.upstreamRequestId, restored(route, upstream.value, restore), summary, costUsd, latencyMs, latencyMs, overheadMs, result.attempts);
    } catch (err) {
      if (err instanceof AppError && err.code === 'FIREWALL_BLOCKED') throw err;
      // A call aborted by a flagged prompt is a block, not a cancellation.
      await enforceModeration(moderation, run);
      const appErr = asAppError(err, used);
      run.finish({ kind: 'failed', err: appErr, attempts: tally.attempts, used });
      throw appErr;
    }
  }

  async function stream<B, R, C>(route: Route<B, R, C>, input: PipelineInput<B>): Promise<StreamingAnswer<C, R>> {
    const release = input.userId && deps.acquireStreamSlot ? await deps.acquireStreamSlot(input.userId) : () => undefined;
    let released = false;
    const releaseOnce = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    try {
      return await openStream(route, input, releaseOnce);
    } catch (err) {
      releaseOnce();
      throw err;
    }
  }

  async function openStream<B, R, C>(route: Route<B, R, C>, input: PipelineInput<B>, release: () => void): Promise<StreamingAnswer<C, R>> {
    const { run, resolved, verdict, hit, cacheStatus, body, moderation } = await prepare(route, input, true);
    const restorer = verdict.allowed ? verdict.streamRestorer : undefined;
    const restore = verdict.allowed ? verdict.restore : undefined;
    let settle!: { resolve: (a: Answer<R>) => void; reject: (e: unknown) => void };
    const completed = new Promise<Answer<R>>((resolve, reject) => (settle = { resolve, reject }));
    completed.catch(() => undefined); // front doors may not await it; the failure is recorded and reported in-stream

    if (hit) {
      await enforceModeration(moderation, run);
      const value = JSON.parse(hit.json) as R;
      const summary = hitSummary(hit);
      run.finish({ kind: 'hit', hit, summary });
      const latencyMs = run.elapsed();
      settle.resolve(answerOf(input.requestId, hit.model, hit.provider, cacheStatus, undefined, restored(route, value, restore), summary, 0, latencyMs, latencyMs, latencyMs, 0, run.similarity));
      // A stored answer was masked before it was stored: replay it through the restorer only.
      const events = relayStream({ codec: route.codec, source: toAsync(route.codec.replay(value)), restorer, onEnd: release });
      return { requestId: input.requestId, model: hit.model, provider: hit.provider, cached: true, cacheStatus, similarity: run.similarity, events: events.chunks, completed };
    }

    const tally = { attempts: 0 };
    let attemptStarted = 0;
    let opened;
    try {
      opened = await withRetryAndFallback(await candidates(route, resolved), deps.retry, { signal: moderation?.signal ?? input.signal, deadlineAt: run.started + deps.totalTimeoutMs, tally }, async (rm, attemptSignal) => {
        attemptStarted = performance.now();
        const up = await route.stream(rm, { ...body, model: rm.upstreamModel }, attemptSignal);
        const it = up.value[Symbol.asyncIterator]();
        const first = await it.next();
        if (first.done) throw new ProviderError('stream_broken', 'stream ended before its first event');
        return { it, first: first.value, upstreamRequestId: up.upstreamRequestId };
      });
      // No byte leaves before moderation has passed the prompt: the first chunk waits for the verdict.
      if (moderation) {
        try {
          await enforceModeration(moderation, run);
        } catch (err) {
          opened.link.dispose();
          void opened.value.it.return?.(undefined)?.catch(() => undefined);
          throw err;
        }
      }
    } catch (err) {
      if (err instanceof AppError && err.code === 'FIREWALL_BLOCKED') throw err;
      await enforceModeration(moderation, run);
      const appErr = asAppError(err, resolved);
      run.finish({ kind: 'failed', err: appErr, attempts: tally.attempts, used: resolved });
      throw appErr;
    }
    const { value, resolved: used, attempts, link } = opened;
    const ttftMs = run.elapsed();
    run.llm?.firstToken(ttftMs);
    const overheadMs = round(attemptStarted - run.started);

    const source = (async function* () {
      yield value.first;
      for (;;) {
        const next = await value.it.next();
        if (next.done) return;
        yield next.value;
      }
    })();
    const relay = relayStream({
      codec: route.codec,
      source,
      masker: gate.outputMasker?.(gateCtx(run)),
      restorer,
      onEnd: release,
      onComplete(whole) {
        const summary = route.codec.summary(whole);
        const costUsd = run.finish({ kind: 'success', value: whole, summary, used, attempts, ttftMs, overheadMs, storable: true });
        settle.resolve(answerOf(input.requestId, summary.model || used.model, used.providerLabel, cacheStatus, value.upstreamRequestId, restored(route, whole, restore), summary, costUsd, run.elapsed(), ttftMs, overheadMs, attempts));
      },
      onFail(err, cancelled) {
        link.dispose();
        // Past the first byte the deadline surfaces as an aborted provider stream: say what it was.
        // A request the server stopped says why (SHUTTING_DOWN at the drain deadline), whichever way the stream ended.
        const stoppedBy: unknown = input.signal.reason;
        const appErr = stoppedBy instanceof AppError ? stoppedBy
          : cancelled ? new AppError('CANCELLED', 'stream cancelled by the client')
          : link.deadlineHit ? deadlineError()
          : asAppError(err, used);
        run.finish({ kind: 'failed', err: appErr, attempts, used });
        settle.reject(appErr);
        // Leaving early must release the upstream connection.
        void value.it.return?.(undefined)?.catch(() => undefined);
        return appErr;
      },
      onDone: () => link.dispose(),
    });
    return { requestId: input.requestId, model: used.model, provider: used.providerLabel, cached: false, cacheStatus, upstreamRequestId: value.upstreamRequestId, events: relay.chunks, completed };
  }

  /**
   * Anthropic's count_tokens (Claude Code asks it to size its context). The body goes to the provider, so the
   * firewall sees it first, as it would a prompt. A model without Anthropic's API gets an estimate (~4 characters a
   * token, the usual rule for BPE tokenizers on English), since its own tokenizer is not at hand.
   */
  async function countTokens(input: PipelineInput<MessagesBody>): Promise<{ input_tokens: number; upstreamRequestId?: string; estimated: boolean }> {
    const body = withoutGatewayFields(input.body);
    const resolved = await registry.resolve(body.model);
    const sites = anthropicCodec.promptSites(body);
    const verdict = await tracedFirewallScan(() => gate.checkPrompt(sites, { requestId: input.requestId, userId: input.userId, source: 'anthropic' }, { images: anthropicCodec.hasImages(body) }));
    if (!verdict.allowed) throw new AppError('FIREWALL_BLOCKED', `prompt blocked by the content firewall: ${verdict.reasons.join('; ')}`, { details: { reasons: verdict.reasons } });
    const native = resolved.provider.messages;
    if (!native) {
      const chars = sites.reduce((n, site) => n + site.text.length, 0);
      return { input_tokens: Math.ceil(chars / 4), estimated: true };
    }
    try {
      const result = await withRetryAndFallback([resolved], deps.retry, { signal: input.signal, deadlineAt: performance.now() + deps.totalTimeoutMs }, (rm, signal) =>
        native.countTokens({ body: { ...body, model: rm.upstreamModel }, signal }),
      );
      result.link.dispose();
      return { input_tokens: result.value.value.input_tokens, upstreamRequestId: result.value.upstreamRequestId, estimated: false };
    } catch (err) {
      throw asAppError(err, resolved);
    }
  }

  return {
    /** OpenAI Chat Completions, for every model. */
    chat: {
      complete: (input: PipelineInput<ChatBody>) => complete(chatRoute, input),
      stream: (input: PipelineInput<ChatBody>) => stream(chatRoute, input),
    },
    /** Anthropic Messages spoken natively (Claude models only). */
    messages: {
      complete: (input: PipelineInput<MessagesBody>) => complete(messagesRoute, input),
      stream: (input: PipelineInput<MessagesBody>) => stream(messagesRoute, input),
      countTokens,
    },
    /** Whether a model is answered by a provider that speaks Anthropic's API natively. */
    async speaksMessages(model: string | undefined): Promise<boolean> {
      try {
        return messagesRoute.accepts(await registry.resolve(model));
      } catch {
        return false; // the chat path reports the resolution error with its own record
      }
    },
  };
}

/** What the record and the span need of a stored answer, from its metadata (the answer itself stays text). */
function hitSummary(hit: CachedAnswer): Answer<unknown>['summary'] {
  return { model: hit.model, usage: hit.usage, finishReason: hit.finishReason, refusal: false, text: '' };
}

/** A cache hit with nothing to restore: its JSON text goes out as stored, and is parsed only if someone reads `value`. */
class HitAnswer<R> implements Answer<R> {
  readonly cached = true;
  readonly upstreamRequestId = undefined;
  readonly costUsd = 0;
  readonly attempts = 0;
  readonly model: string;
  readonly provider: string;
  readonly json: string;
  readonly ttftMs: number;
  readonly overheadMs: number;
  #value: R | undefined;

  constructor(
    readonly requestId: string,
    hit: CachedAnswer,
    readonly summary: Answer<R>['summary'],
    readonly latencyMs: number,
    readonly cacheStatus: 'HIT' | 'SEMANTIC_HIT' = 'HIT',
    readonly similarity?: number,
  ) {
    this.model = hit.model;
    this.provider = hit.provider;
    this.json = hit.json;
    this.ttftMs = latencyMs;
    this.overheadMs = latencyMs;
  }

  get value(): R {
    return (this.#value ??= JSON.parse(this.json) as R);
  }
}

/** An Answer written out field by field (a spread with extra fields costs microseconds per request on V8). */
function answerOf<R>(
  requestId: string,
  model: string,
  provider: string,
  cacheStatus: AnswerMeta['cacheStatus'],
  upstreamRequestId: string | undefined,
  value: R,
  summary: Answer<R>['summary'],
  costUsd: number,
  latencyMs: number,
  ttftMs: number,
  overheadMs: number,
  attempts: number,
  similarity?: number,
): Answer<R> {
  const cached = cacheStatus === 'HIT' || cacheStatus === 'SEMANTIC_HIT';
  if (similarity === undefined) return { requestId, model, provider, cached, cacheStatus, upstreamRequestId, value, summary, costUsd, latencyMs, ttftMs, overheadMs, attempts };
  return { requestId, model, provider, cached, cacheStatus, similarity, upstreamRequestId, value, summary, costUsd, latencyMs, ttftMs, overheadMs, attempts };
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export type Pipeline = ReturnType<typeof createPipeline>;
