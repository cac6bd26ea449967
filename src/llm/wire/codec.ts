import type { FinishReason, Usage } from '../types.js';

/**
 * A place in a request or an answer where text lives. The firewall reads `text` and, when it redacts or masks,
 * writes the new text back through `set` (which edits the body in place).
 */
export interface TextSite {
  /** Who wrote it: the provider sees system/user/assistant/tool text; `output` is an answer's text. */
  role: 'system' | 'user' | 'assistant' | 'tool' | 'input' | 'output';
  /** Where it sits, for error messages and findings (e.g. `messages[2].content[0].text`). */
  path: string;
  text: string;
  set(text: string): void;
}

/** What the pipeline needs to know about an answer, whatever its wire format. */
export interface AnswerSummary {
  /** The model that answered (the upstream's snapshot name when it sent one). */
  model: string;
  usage: Usage;
  /** Of the first choice; `content_filter` for a refusal. */
  finishReason: FinishReason;
  /** The model refused (OpenAI `refusal`, Anthropic `stop_reason: refusal`): never cached. */
  refusal: boolean;
  /** The answer's text (first choice's content), for records and traces. */
  text: string;
  /** The first choice's tool calls, for traces. */
  toolCalls?: { id: string; name: string; arguments: string }[];
}

/**
 * One wire format (OpenAI Chat Completions or Anthropic Messages) as the pipeline sees it. The pipeline never looks
 * inside a body, an answer or a chunk itself: it asks the codec. Bodies are the client's JSON objects, whole.
 */
export interface WireCodec<Body, Res, Chunk> {
  readonly format: 'openai' | 'anthropic';
  /** Every text the provider will see, in order: every message role, every text part, tool results, tool-call arguments. */
  promptSites(body: Body): TextSite[];
  /** Whether the request carries image (or other binary) input, which the firewall cannot scan. */
  hasImages(body: Body): boolean;
  /**
   * Canonical JSON text of everything in the body that changes the answer (messages, tools, sampling parameters…),
   * without what does not (stream, stream_options, user, metadata, gateway fields). The model is added by the caller.
   */
  cacheMaterial(body: Body): string;
  /** Texts of an answer the firewall checks and may mask: content, tool-call arguments, reasoning. */
  answerSites(res: Res): TextSite[];
  summary(res: Res): AnswerSummary;
  /** Builds the whole answer from a stream's chunks (events), in order. */
  accumulator(): StreamAccumulator<Chunk, Res>;
  /**
   * Text deltas in one chunk, keyed by channel (one channel per choice's content, per tool call's arguments, per
   * reasoning stream), so a stream masker can hold back and release text per channel.
   */
  chunkSites(chunk: Chunk): { channel: string; site: TextSite }[];
  /**
   * Rewrites every text delta of a chunk in place: `fn(channel, text)` returns the text to keep. The per-chunk hot
   * path of the stream relay, so it allocates nothing per text (chunkSites is its general, allocating form).
   */
  mapTexts(chunk: Chunk, fn: (channel: string, text: string) => string): void;
  /**
   * The chunk carries nothing once held-back text is taken out of it (only empty text deltas): the relay leaves it
   * out rather than send a client empty deltas.
   */
  isEmpty(chunk: Chunk): boolean;
  /**
   * The chunk ends text on its channels (a finish_reason, the usage chunk; Anthropic's content_block_stop,
   * message_delta): whatever a masker still holds must go out before it.
   */
  closesText(chunk: Chunk): boolean;
  /** A chunk that carries `text` on `channel` (text a masker held back and releases at the end of the stream). */
  textChunk(channel: string, text: string, like: Chunk): Chunk;
  /** A stored answer replayed as a stream, chunk by chunk (tool calls as tool-call deltas). */
  replay(res: Res): Chunk[];
}

export interface StreamAccumulator<Chunk, Res> {
  push(chunk: Chunk): void;
  /** The answer so far; complete once the stream ended with its terminal event. */
  result(): Res;
  /** The stream carried its terminal event (finish_reason on every choice / message_stop). */
  readonly finished: boolean;
}
