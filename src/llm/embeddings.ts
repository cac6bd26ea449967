import { AppError } from '../errors/app-error.js';
import { startLlmCall } from '../telemetry/openinference.js';
import { tracedCacheGet, tracedFirewallScan } from '../telemetry/pipeline-spans.js';
import { admitSpend, assertCallerMayUse, type PipelineDeps, type PipelineInput } from './pipeline.js';
import { round, RequestRun, type Answer } from './request-run.js';
import { toAppError, withRetryAndFallback } from './router.js';
import { ProviderError, type EmbeddingsResponse } from './types.js';
import type { AnswerSummary, TextSite } from './wire/codec.js';

/** An OpenAI embeddings body: `input` is a string, strings, token ids or arrays of token ids. */
export type EmbeddingsBody = { model?: string; input: unknown; [field: string]: unknown };

/** Fields that do not change the vectors (and the gateway's own). */
const NOT_IN_KEY = new Set(['model', 'user', 'cache']);

/** The texts of `input` as firewall sites (token-id input carries no text the scanners could read). */
function inputSites(body: EmbeddingsBody): TextSite[] {
  const site = (holder: Record<string | number, unknown>, key: string | number, path: string): TextSite => ({
    role: 'input',
    path,
    text: holder[key] as string,
    set(text) {
      holder[key] = text;
      this.text = text;
    },
  });
  if (typeof body.input === 'string') return [site(body, 'input', 'input')];
  if (Array.isArray(body.input)) {
    const list = body.input as unknown[];
    return list.flatMap((v, i) => (typeof v === 'string' ? [site(list as unknown as Record<number, unknown>, i, `input[${i}]`)] : []));
  }
  return [];
}

/** The input's texts, for stored prompt text. */
const EMBEDDINGS_TEXTS = { promptSites: inputSites };

function summaryOf(res: EmbeddingsResponse, model: string): AnswerSummary {
  const prompt = res.usage?.prompt_tokens ?? 0;
  return { model: res.model || model, usage: { promptTokens: prompt, completionTokens: 0, totalTokens: res.usage?.total_tokens ?? prompt }, finishReason: 'stop', refusal: false, text: '' };
}

/**
 * POST /v1/embeddings on the same steps as chat: resolve, firewall (the input texts), exact cache, provider with
 * retry and fallback-free routing (an embedding model has no drop-in substitute: vectors of another model are not
 * comparable), and the one finish step (record with tokens and cost, cache store, span).
 */
export function createEmbeddings(deps: PipelineDeps) {
  return async function create(input: PipelineInput<EmbeddingsBody>): Promise<Answer<EmbeddingsResponse>> {
    const body = input.body;
    const requested = typeof body.model === 'string' ? body.model : undefined;
    const run = new RequestRun(deps, input.requestId, 'embeddings', input.userId, false, requested, input.clientRequestId ?? null, input.caller?.apiKeyId ?? null);
    run.format = 'embeddings';
    run.body = body; // stored prompt text reads the input's texts (pointers only)
    run.texts = EMBEDDINGS_TEXTS;
    const tally = { attempts: 0 };
    try {
      if (!requested) throw new AppError('VALIDATION_ERROR', 'model: required for embeddings', { details: { fields: [{ path: 'model', message: 'required' }] } });
      const resolved = await deps.registry.resolve(requested);
      run.resolved = resolved;
      assertCallerMayUse(input.caller, requested, resolved);
      if (!resolved.provider.embed) throw new AppError('VALIDATION_ERROR', `model: ${resolved.model} is served by ${resolved.providerLabel}, which has no embeddings API`, { details: { fields: [{ path: 'model', message: 'no embeddings API' }] } });
      const verdict = await tracedFirewallScan(() => deps.gate.checkPrompt(inputSites(body), { requestId: run.requestId, userId: run.userId, source: 'embeddings' }));
      run.decision = verdict.decision;
      run.verdict = verdict;
      if (!verdict.allowed) {
        const err = new AppError('FIREWALL_BLOCKED', `input blocked by the content firewall: ${verdict.reasons.join('; ')}`, { details: { reasons: verdict.reasons } });
        run.finish({ kind: 'blocked', err });
        throw err;
      }
      const material = JSON.stringify(Object.keys(body).filter((k) => !NOT_IN_KEY.has(k)).sort().map((k) => [k, body[k]]));
      const key = deps.cache.enabled ? deps.cache.key({ provider: resolved.providerLabel, model: resolved.model, format: 'embeddings', material }) : undefined;
      const meta = { requestId: input.requestId, provider: resolved.providerLabel };
      if (key && input.cacheMode === 'use') {
        const hit = await tracedCacheGet(() => deps.cache.get(key));
        if (hit && hit.format === 'embeddings') {
          deps.cache.noteHit(hit);
          const value = JSON.parse(hit.json) as EmbeddingsResponse;
          const summary = summaryOf(value, resolved.model);
          run.finish({ kind: 'hit', hit, summary });
          const ms = run.elapsed();
          return { ...meta, model: hit.model, cached: true, cacheStatus: 'HIT', value, summary, costUsd: 0, latencyMs: ms, ttftMs: ms, overheadMs: ms, attempts: 0 };
        }
        deps.cache.noteMiss();
      } else deps.cache.noteBypass();
      run.storeKey = key && input.cacheMode !== 'bypass' ? key : undefined;
      const pending = admitSpend(deps, input.userId, input.caller);
      if (pending) await pending;
      run.llm = startLlmCall('llm.embeddings', { model: resolved.model, provider: resolved.providerLabel, system: 'openai', sites: () => inputSites(body), body });
      let providerMs = 0;
      const result = await withRetryAndFallback([resolved], deps.retry, { signal: input.signal, deadlineAt: run.started + deps.totalTimeoutMs, tally }, async (rm, signal) => {
        const t0 = performance.now();
        try {
          return await rm.provider.embed!({ body: { ...body, model: rm.upstreamModel }, signal });
        } finally {
          providerMs += performance.now() - t0;
        }
      });
      result.link.dispose();
      const value = result.value.value;
      const summary = summaryOf(value, resolved.model);
      const latencyMs = run.elapsed();
      const overheadMs = round(latencyMs - providerMs);
      const costUsd = run.finish({ kind: 'success', value, summary, used: resolved, attempts: result.attempts, ttftMs: latencyMs, overheadMs, storable: true });
      return { ...meta, model: summary.model, cached: false, cacheStatus: key && input.cacheMode === 'use' ? 'MISS' : 'BYPASS', upstreamRequestId: result.value.upstreamRequestId, value, summary, costUsd, latencyMs, ttftMs: latencyMs, overheadMs, attempts: result.attempts };
    } catch (err) {
      if (err instanceof AppError && err.code === 'FIREWALL_BLOCKED') throw err;
      const appErr = err instanceof AppError ? err : err instanceof ProviderError ? toAppError(err, run.resolved) : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
      run.finish({ kind: 'failed', err: appErr, attempts: tally.attempts });
      throw appErr;
    }
  };
}

export type Embeddings = ReturnType<typeof createEmbeddings>;
