import Anthropic from '@anthropic-ai/sdk';
import type { Stream } from '@anthropic-ai/sdk/core/streaming';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { anthropicToChat, chatToAnthropic, createAnthropicToChatStream } from '../translate/chat-to-anthropic.js';
import { UnsupportedParameterError } from '../translate/unsupported.js';
import { ProviderError, type ChatRequest, type LlmProvider, type MessagesBody, type Upstream } from '../types.js';
import { CallGuard, type SdkErrorClasses } from './errors.js';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Without the `/v1` suffix: the SDK adds `/v1/messages` itself. */
  baseURL?: string;
  /**
   * complete(): the longest the whole call may take. stream(): the longest wait for the headers, then between
   * two stream events, so a long but live stream is never cut. Default 120 s.
   */
  timeoutMs?: number;
  /** The SDK's transport (see upstream-fetch.ts); the built-in fetch when absent. */
  fetch?: typeof fetch;
  /**
   * Leave out the sampling parameters API version 2026-10-21 refuses (temperature, top_p, top_k) instead of
   * answering 400 (LLM_DROP_UNSUPPORTED_PARAMS).
   */
  dropUnsupported?: boolean;
}

/** Anthropic requires max_tokens; 1024 covers a chat answer without reserving a huge budget. */
export const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_TIMEOUT_MS = 120_000;

const SDK_ERRORS: SdkErrorClasses = {
  base: Anthropic.AnthropicError,
  api: Anthropic.APIError,
  userAbort: Anthropic.APIUserAbortError,
  connection: Anthropic.APIConnectionError,
  connectionTimeout: Anthropic.APIConnectionTimeoutError,
};

/** A request that cannot be said in Anthropic's API: a 400 naming the parameter, as OpenAI would name it. */
function untranslatable(err: UnsupportedParameterError): ProviderError {
  return new ProviderError('bad_request', err.message, {
    status: 400,
    provider: 'anthropic',
    upstream: { message: err.message, type: 'invalid_request_error', param: err.param, code: 'unsupported_parameter' },
  });
}

/**
 * Claude through Anthropic's Messages API: natively for /v1/messages, and translated both ways (llm/translate/)
 * for Chat Completions clients. The SDK is the transport; bodies are passed through whole.
 */
export function createAnthropicProvider(opts: AnthropicProviderOptions): LlmProvider {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Anthropic({
    apiKey: opts.apiKey,
    // Explicit values (null included) stop the SDK from reading ANTHROPIC_* variables: config is parsed in one place.
    baseURL: opts.baseURL ?? 'https://api.anthropic.com',
    webhookKey: null,
    // The router owns retries, backoff and fallback; SDK retries would multiply them invisibly.
    maxRetries: 0,
    // Also keeps the SDK from refusing non-streamed calls with a large max_tokens (it computes its own timeout).
    timeout: timeoutMs,
    logLevel: 'off',
    // The SDK makes its own spans when a tracer provider is registered; ours already wraps every provider call,
    // with the same attributes for both providers, so SDK spans would only duplicate them.
    openTelemetry: false,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const guard = (signal?: AbortSignal): CallGuard => new CallGuard('anthropic', SDK_ERRORS, signal, timeoutMs);

  function translate(req: ChatRequest): MessagesBody {
    try {
      return chatToAnthropic(req.body, { defaultMaxTokens: DEFAULT_MAX_TOKENS, dropUnsupported: opts.dropUnsupported }).params as MessagesBody;
    } catch (err) {
      if (err instanceof UnsupportedParameterError) throw untranslatable(err);
      throw err;
    }
  }

  /**
   * POST /v1/messages through the SDK's transport, without `messages.create`: that method writes deprecation
   * warnings to the console on every call for some models (past pino, straight to stderr) and changes nothing else a
   * gateway needs. The two header-borne fields are moved to their headers as it would.
   */
  function post<T>(body: MessagesBody, stream: boolean, signal: AbortSignal, path = '/v1/messages') {
    const { user_profile_id, workspace_id, ...rest } = body as MessagesBody & { user_profile_id?: string; workspace_id?: string };
    const headers: Record<string, string> = {};
    if (user_profile_id != null) headers['anthropic-user-profile-id'] = user_profile_id;
    if (workspace_id != null) headers['anthropic-workspace-id'] = workspace_id;
    return client.post<T>(path, { body: path === '/v1/messages' ? { ...rest, stream } : rest, stream, signal, timeout: timeoutMs, headers });
  }

  async function countTokens(req: ChatRequest<MessagesBody>): Promise<Upstream<{ input_tokens: number }>> {
    const g = guard(req.signal);
    try {
      const { data, request_id } = await post<{ input_tokens: number }>(req.body, false, g.signal, '/v1/messages/count_tokens').withResponse();
      if (typeof data?.input_tokens !== 'number') throw g.malformed('count without input_tokens');
      return { value: data, upstreamRequestId: request_id ?? undefined };
    } catch (err) {
      throw g.toError(err, 'request');
    } finally {
      g.dispose();
    }
  }

  async function completeNative(req: ChatRequest<MessagesBody>): Promise<Upstream<Message>> {
    const g = guard(req.signal);
    try {
      const { data, request_id } = await post<Message>(req.body, false, g.signal).withResponse();
      if (!data || !Array.isArray((data as { content?: unknown }).content)) throw g.malformed('message without content');
      return { value: data, upstreamRequestId: request_id ?? undefined };
    } catch (err) {
      throw g.toError(err, 'request');
    } finally {
      g.dispose();
    }
  }

  async function streamNative(req: ChatRequest<MessagesBody>): Promise<Upstream<AsyncIterable<RawMessageStreamEvent>>> {
    const g = guard(req.signal);
    let opened;
    try {
      opened = await post<Stream<RawMessageStreamEvent>>(req.body, true, g.signal).withResponse();
    } catch (err) {
      g.dispose();
      throw g.toError(err, 'request');
    }
    const upstream = opened.data;
    async function* events(): AsyncGenerator<RawMessageStreamEvent> {
      let stopped = false;
      try {
        for await (const event of upstream) {
          g.pause();
          if (typeof event !== 'object' || event === null || typeof event.type !== 'string') throw g.malformed('event without a type');
          if (event.type === 'message_stop') stopped = true;
          yield event;
          g.touch();
        }
        // The SDK ends the iteration quietly (no throw) when our signal aborts it, so look at why it ended.
        if (!stopped) throw g.ended('message_stop');
      } catch (err) {
        throw g.toError(err, 'stream');
      } finally {
        if (!stopped) g.cancel();
        g.dispose();
      }
    }
    return { value: events(), upstreamRequestId: opened.request_id ?? undefined };
  }

  return {
    name: 'anthropic',

    async complete(req): Promise<Upstream<ChatCompletion>> {
      const res = await completeNative({ body: translate(req), signal: req.signal });
      return { value: anthropicToChat(res.value), upstreamRequestId: res.upstreamRequestId };
    },

    async stream(req): Promise<Upstream<AsyncIterable<ChatCompletionChunk>>> {
      const res = await streamNative({ body: translate(req), signal: req.signal });
      async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
        const tr = createAnthropicToChatStream();
        for await (const ev of res.value) {
          let out: ChatCompletionChunk[];
          try {
            out = tr.push(ev);
          } catch (err) {
            // An event the translator cannot place (before message_start, an error event) breaks the stream.
            if (err instanceof ProviderError) throw err;
            throw new ProviderError('stream_broken', `anthropic: ${(err as Error).message}`, { provider: 'anthropic', cause: err });
          }
          yield* out;
        }
      }
      return { value: chunks(), upstreamRequestId: res.upstreamRequestId };
    },

    messages: { complete: completeNative, stream: streamNative, countTokens },

    async listModels(): Promise<string[]> {
      const g = guard();
      try {
        const ids: string[] = [];
        for await (const m of client.models.list({}, { signal: g.signal })) ids.push(m.id);
        return ids;
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },
  };
}
