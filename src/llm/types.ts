/**
 * The shapes of an LLM call. The canonical request is the OpenAI Chat Completions request, whole: the client's JSON
 * body, typed by the `openai` package, with every field it sent (unknown ones included). The gateway reads what it
 * needs from it (model, texts to scan, cache key) and forwards the rest untouched. Anthropic is a translation at the
 * provider edge (llm/translate/), both ways.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
} from 'openai/resources/chat/completions';
import type { Message, MessageCreateParamsBase, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';

export type { ChatCompletion, ChatCompletionChunk };

/**
 * A Chat Completions body as a client sent it: the SDK's typed fields plus anything newer. `stream` and
 * `stream_options` are the provider's to set (the pipeline asks for usage on every stream).
 */
export type ChatBody = Omit<ChatCompletionCreateParamsBase, 'stream' | 'stream_options' | 'model'> & {
  /** Absent: the gateway's default model. The pipeline sets the resolved upstream name. */
  model?: string;
  [field: string]: unknown;
};

/** An Anthropic Messages body as a client of /v1/messages sent it, whole. */
export type MessagesBody = Omit<MessageCreateParamsBase, 'stream' | 'model'> & { model?: string; [field: string]: unknown };
export type { Message as AnthropicMessage, RawMessageStreamEvent as AnthropicStreamEvent };

/** A plain text turn, as conversations store them (the chat's history). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest<B = ChatBody> {
  /** The body to send, with `model` already the upstream name. */
  body: B;
  /** Aborts the upstream call: client gone, cancel, or timeout. */
  signal?: AbortSignal;
}

export interface Usage {
  /** Every input token, cached ones included (Anthropic's cache reads and writes are added in). */
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at a discount). */
  cachedTokens?: number;
  /** Input tokens written to the provider's prompt cache (Anthropic bills them at a premium). */
  cacheWriteTokens?: number;
  /** Output tokens spent on reasoning (included in completionTokens). */
  reasoningTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'cancelled';

/** A provider's answer in one wire format, with the upstream's request id (sent to the client in a header). */
export interface Upstream<T> {
  value: T;
  upstreamRequestId?: string;
}

export type ProviderName = 'openai' | 'anthropic' | 'openai-compatible';

export interface LlmProvider {
  readonly name: ProviderName;
  /** Chat Completions, whole answer. Anthropic translates both ways. */
  complete(req: ChatRequest): Promise<Upstream<ChatCompletion>>;
  /**
   * Chat Completions chunks as they arrive (with a usage chunk at the end). Throws ProviderError on failure, before
   * or during the stream; a stream that ends without its terminal event throws `stream_broken`.
   */
  stream(req: ChatRequest): Promise<Upstream<AsyncIterable<ChatCompletionChunk>>>;
  /** Anthropic's Messages API spoken natively (only the Anthropic provider has it). */
  messages?: {
    complete(req: ChatRequest<MessagesBody>): Promise<Upstream<Message>>;
    stream(req: ChatRequest<MessagesBody>): Promise<Upstream<AsyncIterable<RawMessageStreamEvent>>>;
    /** POST /v1/messages/count_tokens: the input tokens a Messages body would cost. */
    countTokens(req: ChatRequest<MessagesBody>): Promise<Upstream<{ input_tokens: number }>>;
  };
  /** OpenAI embeddings (OpenAI and OpenAI-compatible servers). */
  embed?(req: ChatRequest<Record<string, unknown>>): Promise<Upstream<EmbeddingsResponse>>;
  listModels?(): Promise<string[]>;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: unknown[];
  model: string;
  usage?: { prompt_tokens: number; total_tokens: number };
  [field: string]: unknown;
}

/**
 * Why a provider call failed, normalised across SDKs so the router can decide on retry/fallback without knowing
 * which SDK threw.
 */
export type ProviderErrorKind =
  | 'rate_limited' // 429
  | 'upstream_error' // 5xx
  | 'timeout' // no answer / no first token in time
  | 'connection' // refused, reset, DNS
  | 'bad_request' // 4xx from upstream (400/404/422…): the request is wrong, do not retry
  | 'auth' // 401/403 from upstream: the gateway's key is wrong, do not retry
  | 'aborted' // our own AbortSignal fired (client gone / cancel)
  | 'stream_broken'; // a stream ended without its terminal event or sent garbage

/** What an upstream said about a rejected request, relayed to the client (never for 401/403). */
export interface UpstreamErrorBody {
  message: string;
  type?: string;
  param?: string | null;
  code?: string | null;
}

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly options: {
      status?: number;
      retryAfterMs?: number;
      provider?: ProviderName;
      /** The upstream's own error (4xx), as it said it. */
      upstream?: UpstreamErrorBody;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return (
      this.kind === 'rate_limited' || this.kind === 'upstream_error' || this.kind === 'timeout' || this.kind === 'connection'
    );
  }
}
