import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatRequest, EmbeddingsResponse, LlmProvider, Upstream } from '../types.js';
import { CallGuard, type SdkErrorClasses } from './errors.js';
import { createDirectCalls } from './openai-direct.js';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Include the `/v1` suffix, as the SDK expects. */
  baseURL?: string;
  /** `openai-compatible` is any server speaking the same API (vLLM, Ollama, LM Studio, a proxy). */
  name: 'openai' | 'openai-compatible';
  /**
   * complete(): the longest the whole call may take. stream(): the longest wait for the headers, then between
   * two stream chunks, so a long but live stream is never cut. Default 120 s.
   */
  timeoutMs?: number;
  /** The SDK's transport (see upstream-fetch.ts); the built-in fetch when absent. */
  fetch?: typeof fetch;
}

/** Generous: a non-streamed completion of a few thousand tokens legitimately takes a minute or more. */
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const SDK_ERRORS: SdkErrorClasses = {
  base: OpenAI.OpenAIError,
  api: OpenAI.APIError,
  userAbort: OpenAI.APIUserAbortError,
  connection: OpenAI.APIConnectionError,
  connectionTimeout: OpenAI.APIConnectionTimeoutError,
};

/**
 * OpenAI and every OpenAI-compatible server. The client's body goes upstream as it came (unknown fields included:
 * the object is serialised as given), and the answer comes back whole; the SDK is the transport, its types
 * the contract. Nothing is renamed: `max_completion_tokens` stays `max_completion_tokens` whatever the base URL.
 */
export function createOpenAiProvider(opts: OpenAiProviderOptions): LlmProvider {
  const { name } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: opts.apiKey,
    // Explicit values (null included) stop the SDK from reading OPENAI_* variables: config is parsed in one place.
    baseURL: opts.baseURL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    // The router owns retries, backoff and fallback; SDK retries would multiply them invisibly.
    maxRetries: 0,
    timeout: timeoutMs,
    // Every failure reaches the caller as a ProviderError; the SDK would otherwise print to the console.
    logLevel: 'off',
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  // Chat calls skip the SDK's request machinery (see openai-direct.ts); embeddings and the model list go through it.
  const direct = createDirectCalls({ apiKey: opts.apiKey, baseURL: opts.baseURL ?? DEFAULT_BASE_URL, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const guard = (signal?: AbortSignal): CallGuard => new CallGuard(name, SDK_ERRORS, signal, timeoutMs);

  return {
    name,

    async complete(req: ChatRequest): Promise<Upstream<ChatCompletion>> {
      const g = guard(req.signal);
      try {
        const { data, requestId } = await direct.post('/chat/completions', { ...req.body, stream: false }, g.signal);
        if (!data || !Array.isArray((data as { choices?: unknown }).choices)) throw g.malformed('answer without a choices array');
        return { value: data as ChatCompletion, upstreamRequestId: requestId };
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },

    async stream(req: ChatRequest): Promise<Upstream<AsyncIterable<ChatCompletionChunk>>> {
      const g = guard(req.signal);
      // Usage is always asked for (cost and quotas need it); the front door drops the usage chunk for a client
      // that did not ask.
      const streamOptions = { ...((req.body as { stream_options?: object }).stream_options ?? {}), include_usage: true };
      const params = { ...req.body, stream: true, stream_options: streamOptions };
      let opened;
      try {
        opened = await direct.stream('/chat/completions', params, g.signal);
      } catch (err) {
        g.dispose();
        throw g.toError(err, 'request');
      }
      const upstream = opened.events;
      async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
        let completed = false;
        try {
          for await (const chunk of upstream) {
            g.pause();
            if (!chunk || !Array.isArray((chunk as { choices?: unknown }).choices)) throw g.malformed('no choices array');
            yield chunk as ChatCompletionChunk;
            g.touch();
          }
          // A fetch body may end quietly (no throw) when our signal aborts it, so look at why it ended.
          const stopped = g.stopped();
          if (stopped) throw stopped;
          // Whether the stream was whole (finish_reason on every choice) is the pipeline's to judge.
          completed = true;
        } catch (err) {
          throw g.toError(err, 'stream');
        } finally {
          if (!completed) g.cancel();
          g.dispose();
        }
      }
      return { value: chunks(), upstreamRequestId: opened.requestId };
    },

    async embed(req): Promise<Upstream<EmbeddingsResponse>> {
      const g = guard(req.signal);
      try {
        const params = req.body as unknown as OpenAI.EmbeddingCreateParams;
        // An explicit encoding_format (float or base64) is relayed as asked; without one the SDK fetches base64
        // and decodes it to floats, which is what OpenAI answers by default.
        const { data, request_id } = await client.embeddings.create(params, { signal: g.signal }).withResponse();
        return { value: data as unknown as EmbeddingsResponse, upstreamRequestId: request_id ?? undefined };
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },

    async listModels(): Promise<string[]> {
      const g = guard();
      try {
        const ids: string[] = [];
        for await (const m of client.models.list({ signal: g.signal })) ids.push(m.id);
        return ids;
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },
  };
}
