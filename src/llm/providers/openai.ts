import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ChatRequest, ChatResult, FinishReason, LlmProvider, StreamEvent, Usage } from '../types.js';
import { CallGuard, type SdkErrorClasses } from './errors.js';

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

const SDK_ERRORS: SdkErrorClasses = {
  base: OpenAI.OpenAIError,
  api: OpenAI.APIError,
  userAbort: OpenAI.APIUserAbortError,
  connection: OpenAI.APIConnectionError,
  connectionTimeout: OpenAI.APIConnectionTimeoutError,
};

export function createOpenAiProvider(opts: OpenAiProviderOptions): LlmProvider {
  const { name } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: opts.apiKey,
    // Explicit values (null included) stop the SDK from reading OPENAI_* variables: config is parsed in one place.
    baseURL: opts.baseURL ?? 'https://api.openai.com/v1',
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
  const guard = (signal?: AbortSignal): CallGuard => new CallGuard(name, SDK_ERRORS, signal, timeoutMs);

  return {
    name,

    async complete(req: ChatRequest): Promise<ChatResult> {
      const g = guard(req.signal);
      try {
        const res = await client.chat.completions.create({ ...toParams(req, name), stream: false }, { signal: g.signal });
        const choice = res.choices[0];
        const content = choice?.message.content ?? '';
        return {
          content,
          model: res.model || req.model,
          usage: res.usage ? fromUsage(res.usage) : estimateUsage(req, content.length),
          finishReason: mapFinish(choice?.finish_reason),
        };
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },

    async *stream(req: ChatRequest): AsyncIterable<StreamEvent> {
      const g = guard(req.signal);
      let finish: FinishReason | undefined;
      let usage: Usage | undefined;
      let model = req.model;
      let completionChars = 0;
      let completed = false;
      try {
        const upstream = await client.chat.completions.create(
          { ...toParams(req, name), stream: true, stream_options: { include_usage: true } },
          { signal: g.signal },
        );
        for await (const chunk of upstream) {
          g.pause();
          if (!isChunk(chunk)) throw g.malformed('no choices array');
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = fromUsage(chunk.usage);
          // With include_usage the finish_reason chunk is followed by a usage-only chunk with empty choices.
          const choice = chunk.choices[0];
          const text = choice?.delta?.content;
          if (text) {
            completionChars += text.length;
            yield { type: 'delta', text };
          }
          if (choice?.finish_reason) finish = mapFinish(choice.finish_reason);
          g.touch();
        }
        // The SDK ends the iteration quietly (no throw) when our signal aborts it, so look at why it ended.
        if (!finish) throw g.ended('a finish_reason');
        completed = true;
      } catch (err) {
        throw g.toError(err, 'stream');
      } finally {
        if (!completed) g.cancel();
        g.dispose();
      }
      yield { type: 'done', model, usage: usage ?? estimateUsage(req, completionChars), finishReason: finish };
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

function toParams(req: ChatRequest, name: OpenAiProviderOptions['name']): ChatCompletionCreateParamsBase {
  const params: ChatCompletionCreateParamsBase = {
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (req.maxTokens !== undefined) {
    // OpenAI's reasoning models reject max_tokens; many compatible servers only know max_tokens.
    if (name === 'openai') params.max_completion_tokens = req.maxTokens;
    else params.max_tokens = req.maxTokens;
  }
  if (req.temperature !== undefined) params.temperature = req.temperature;
  if (req.topP !== undefined) params.top_p = req.topP;
  if (req.stop?.length) params.stop = req.stop;
  return params;
}

function isChunk(chunk: unknown): chunk is ChatCompletionChunk {
  return typeof chunk === 'object' && chunk !== null && Array.isArray((chunk as { choices?: unknown }).choices);
}

function fromUsage(u: { prompt_tokens: number; completion_tokens: number; total_tokens?: number }): Usage {
  return {
    promptTokens: u.prompt_tokens,
    completionTokens: u.completion_tokens,
    totalTokens: u.total_tokens ?? u.prompt_tokens + u.completion_tokens,
  };
}

/**
 * Some OpenAI-compatible servers ignore `stream_options.include_usage`. Reporting zero would make such calls free
 * in cost accounting and quotas, so approximate instead: ~4 characters per token is the usual rule of thumb for
 * BPE tokenizers on English text. It is an estimate (off by maybe ±30%), not a count.
 */
function estimateUsage(req: ChatRequest, completionChars: number): Usage {
  const promptChars = req.messages.reduce((n, m) => n + m.content.length, 0);
  const promptTokens = Math.ceil(promptChars / 4);
  const completionTokens = Math.ceil(completionChars / 4);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function mapFinish(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'stop';
  }
}
