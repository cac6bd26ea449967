/**
 * The provider-neutral shape of an LLM call. Every front door (REST prompt API, OpenAI-compatible API, WebSocket)
 * translates its wire format into a ChatRequest; every provider translates a ChatRequest into its own SDK call.
 */

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

export interface ChatRequest {
  /** The model name the provider is called with (already resolved from aliases). */
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  /** Aborts the upstream call: client gone, cancel, or timeout. */
  signal?: AbortSignal;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'cancelled';

export interface ChatResult {
  content: string;
  model: string;
  usage: Usage;
  finishReason: FinishReason;
}

/** One piece of a streamed answer. The last event of a successful stream is always `done`. */
export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; model: string; usage: Usage; finishReason: FinishReason };

export type ProviderName = 'openai' | 'anthropic' | 'openai-compatible';

export interface LlmProvider {
  readonly name: ProviderName;
  complete(req: ChatRequest): Promise<ChatResult>;
  /** Yields deltas as they arrive, then one `done`. Throws ProviderError on failure (before or during the stream). */
  stream(req: ChatRequest): AsyncIterable<StreamEvent>;
  listModels?(): Promise<string[]>;
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
  | 'bad_request' // 400/404/422 from upstream: our request is wrong, do not retry
  | 'auth' // 401/403 from upstream: key wrong, do not retry
  | 'aborted' // our own AbortSignal fired (client gone / cancel)
  | 'stream_broken'; // a stream ended without its terminal event or sent garbage

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; provider?: ProviderName; cause?: unknown } = {},
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
