/**
 * Anthropic stream events → Chat Completions chunks. Stateful because the two protocols number things
 * differently: Anthropic indexes content blocks (text, thinking and tool calls share one sequence), OpenAI indexes
 * tool calls among themselves; and OpenAI's usage chunk needs the input counts of message_start together with the
 * output counts of message_delta.
 */
import type { ContentBlock, RawContentBlockDelta, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ErrorResponse } from '@anthropic-ai/sdk/resources/shared';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import {
  anthropicUsageToChat,
  mapServiceTier,
  mapStopReason,
  type AnthropicUsageLike,
  type ChatThinkingBlock,
} from './anthropic-to-chat-response.js';

/** A streamed delta with LiteLLM's reasoning fields. */
export interface ChatDeltaWithThinking extends ChatCompletionChunk.Choice.Delta {
  reasoning_content?: string;
  thinking_blocks?: ChatThinkingBlock[];
}

/** Events the SDK's union leaves out but the wire carries: keep-alives and an error in the middle of a stream. */
export type AnthropicWireEvent = RawMessageStreamEvent | { type: 'ping' } | ErrorResponse;

/**
 * The stream failed upstream (an `error` event: `errorType` is Anthropic's, e.g. `overloaded_error`) or broke the
 * protocol (`errorType` 'malformed_stream').
 */
export class AnthropicStreamError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnthropicStreamError';
  }
}

export interface AnthropicToChatStream {
  push(ev: AnthropicWireEvent): ChatCompletionChunk[];
  /** message_stop has arrived: the stream is complete. */
  readonly finished: boolean;
}

interface ToolState {
  ordinal: number;
  /** Sent at the block's end when no input_json_delta came, so clients always get parseable arguments. */
  initialArguments: string;
  argumentsSent: boolean;
}

export function createAnthropicToChatStream(opts: { created?: number } = {}): AnthropicToChatStream {
  const created = opts.created ?? Math.floor(Date.now() / 1000);
  let base: Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model' | 'service_tier'> | undefined;
  let startUsage: AnthropicUsageLike | undefined;
  let finished = false;
  const tools = new Map<number, ToolState>(); // by Anthropic content-block index

  const started = () => {
    if (!base) throw new AnthropicStreamError('malformed_stream', 'anthropic stream event before message_start');
    return base;
  };
  const chunk = (delta: ChatDeltaWithThinking): ChatCompletionChunk => ({
    ...started(),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
  });

  const onBlockStart = (index: number, block: ContentBlock): ChatCompletionChunk[] => {
    switch (block.type) {
      case 'text':
        return block.text ? [chunk({ content: block.text })] : [];
      case 'thinking':
        return block.thinking ? [chunk({ reasoning_content: block.thinking })] : [];
      case 'redacted_thinking':
        return [chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] })];
      case 'tool_use': {
        const ordinal = tools.size;
        tools.set(index, { ordinal, initialArguments: JSON.stringify(block.input ?? {}), argumentsSent: false });
        return [
          chunk({ tool_calls: [{ index: ordinal, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] }),
        ];
      }
      default:
        return []; // server-tool blocks have no Chat Completions form
    }
  };

  const onBlockDelta = (index: number, delta: RawContentBlockDelta): ChatCompletionChunk[] => {
    switch (delta.type) {
      case 'text_delta':
        return delta.text ? [chunk({ content: delta.text })] : [];
      case 'thinking_delta':
        return delta.thinking ? [chunk({ reasoning_content: delta.thinking })] : [];
      case 'signature_delta':
        // The signature closes a thinking block; the client needs it to send the thinking back.
        return [chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: delta.signature }] })];
      case 'input_json_delta': {
        const tool = tools.get(index);
        if (!tool || !delta.partial_json) return [];
        tool.argumentsSent = true;
        return [chunk({ tool_calls: [{ index: tool.ordinal, function: { arguments: delta.partial_json } }] })];
      }
      default:
        return []; // citations_delta: no Chat Completions form
    }
  };

  return {
    get finished() {
      return finished;
    },
    push(ev: AnthropicWireEvent): ChatCompletionChunk[] {
      switch (ev.type) {
        case 'message_start': {
          const tier = mapServiceTier(ev.message.usage.service_tier);
          base = { id: ev.message.id, object: 'chat.completion.chunk', created, model: ev.message.model, ...(tier ? { service_tier: tier } : {}) };
          startUsage = ev.message.usage;
          return [chunk({ role: 'assistant', content: '' })];
        }
        case 'content_block_start':
          return onBlockStart(ev.index, ev.content_block);
        case 'content_block_delta':
          return onBlockDelta(ev.index, ev.delta);
        case 'content_block_stop': {
          const tool = tools.get(ev.index);
          if (!tool || tool.argumentsSent) return [];
          tool.argumentsSent = true;
          return [chunk({ tool_calls: [{ index: tool.ordinal, function: { arguments: tool.initialArguments } }] })];
        }
        case 'message_delta': {
          const head = started();
          // message_delta's counts are cumulative; its input counts are only present when they changed.
          const u = ev.usage;
          const usage = anthropicUsageToChat({
            input_tokens: u.input_tokens ?? startUsage?.input_tokens ?? 0,
            output_tokens: u.output_tokens,
            cache_read_input_tokens: u.cache_read_input_tokens ?? startUsage?.cache_read_input_tokens ?? null,
            cache_creation_input_tokens: u.cache_creation_input_tokens ?? startUsage?.cache_creation_input_tokens ?? null,
            output_tokens_details: u.output_tokens_details ?? startUsage?.output_tokens_details ?? null,
          });
          return [
            { ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: mapStopReason(ev.delta.stop_reason) }] },
            { ...head, choices: [], usage },
          ];
        }
        case 'message_stop':
          finished = true;
          return [];
        case 'error':
          throw new AnthropicStreamError(ev.error.type, ev.error.message);
        default:
          return []; // ping, and event types newer than this code
      }
    },
  };
}
