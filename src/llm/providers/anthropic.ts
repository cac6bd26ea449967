import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase, StopReason } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatRequest, ChatResult, FinishReason, LlmProvider, StreamEvent, Usage } from '../types.js';
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

  return {
    name: 'anthropic',

    async complete(req: ChatRequest): Promise<ChatResult> {
      const g = guard(req.signal);
      try {
        const res = await client.messages.create({ ...toParams(req), stream: false }, { signal: g.signal });
        let content = '';
        for (const block of res.content) if (block.type === 'text') content += block.text;
        return {
          content,
          model: res.model || req.model,
          usage: toUsage(res.usage.input_tokens, res.usage.output_tokens),
          finishReason: mapStop(res.stop_reason),
        };
      } catch (err) {
        throw g.toError(err, 'request');
      } finally {
        g.dispose();
      }
    },

    async *stream(req: ChatRequest): AsyncIterable<StreamEvent> {
      const g = guard(req.signal);
      let model = req.model;
      let inputTokens = 0;
      let outputTokens = 0;
      let finish: FinishReason = 'stop';
      let stopped = false;
      try {
        const upstream = await client.messages.create({ ...toParams(req), stream: true }, { signal: g.signal });
        for await (const event of upstream) {
          g.pause();
          if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
            throw g.malformed('event without a type');
          }
          switch (event.type) {
            case 'message_start':
              model = event.message.model || model;
              inputTokens = event.message.usage.input_tokens;
              outputTokens = event.message.usage.output_tokens;
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'delta', text: event.delta.text };
              break;
            case 'message_delta':
              // Both counts in message_delta are cumulative; input_tokens is only sent when it changed.
              if (event.usage.input_tokens != null) inputTokens = event.usage.input_tokens;
              outputTokens = event.usage.output_tokens;
              finish = mapStop(event.delta.stop_reason);
              break;
            case 'message_stop':
              stopped = true;
              break;
            default:
              break; // content_block_start/stop, and event types newer than this code
          }
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
      yield { type: 'done', model, usage: toUsage(inputTokens, outputTokens), finishReason: finish };
    },

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

function toParams(req: ChatRequest): MessageCreateParamsBase {
  // Anthropic takes the system prompt as a parameter, not as a message; several system messages are joined.
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const params: MessageCreateParamsBase = {
    model: req.model,
    max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: req.messages.flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }])),
  };
  if (system) params.system = system;
  // temperature and topP are not sent: API version 2026-10-21 (the one SDK 1.x speaks) dropped them from the
  // Messages API, and the SDK's types no longer have them.
  if (req.stop?.length) params.stop_sequences = req.stop;
  return params;
}

function toUsage(promptTokens: number, completionTokens: number): Usage {
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function mapStop(reason: StopReason | null): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop'; // end_turn, stop_sequence, pause_turn
  }
}
