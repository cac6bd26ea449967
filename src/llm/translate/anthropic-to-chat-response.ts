/**
 * An Anthropic Message → a Chat Completions answer, with LiteLLM's extensions for Claude's reasoning
 * (`reasoning_content`, `thinking_blocks`) so clients written against LiteLLM keep working through the gateway.
 */
import type {
  Message,
  OutputTokensDetails,
  RedactedThinkingBlock,
  StopReason,
  ThinkingBlock,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import type { FinishReason } from '../types.js';

/** Thinking as Anthropic returned it, signature included, so the client can send it back on the next turn. */
export type ChatThinkingBlock = Pick<ThinkingBlock, 'type' | 'thinking' | 'signature'> | Pick<RedactedThinkingBlock, 'type' | 'data'>;

export interface ChatMessageWithThinking extends ChatCompletionMessage {
  /** All thinking text of the answer, joined (LiteLLM's field). */
  reasoning_content?: string;
  thinking_blocks?: ChatThinkingBlock[];
}

export interface ChatCompletionWithThinking extends ChatCompletion {
  choices: Array<ChatCompletion.Choice & { message: ChatMessageWithThinking }>;
}

/** The finish reasons an Anthropic answer can have (never 'error' or 'cancelled': those are the gateway's). */
export type AnthropicFinishReason = Extract<FinishReason, 'stop' | 'length' | 'tool_calls' | 'content_filter'>;

export function mapStopReason(reason: StopReason | null): AnthropicFinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop'; // end_turn, stop_sequence, pause_turn (and null, which a whole message never has)
  }
}

/** What both Anthropic usage shapes (a Message's and message_delta's cumulative one) have in common. */
export interface AnthropicUsageLike {
  input_tokens: number | null;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: OutputTokensDetails | null;
}

export function anthropicUsageToChat(u: AnthropicUsageLike): CompletionUsage {
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  // OpenAI's prompt_tokens counts every input token; Anthropic's input_tokens excludes cache reads and writes.
  const prompt = (u.input_tokens ?? 0) + cacheRead + cacheWrite;
  const usage: CompletionUsage = {
    prompt_tokens: prompt,
    completion_tokens: u.output_tokens,
    total_tokens: prompt + u.output_tokens,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
  };
  if (u.output_tokens_details) usage.completion_tokens_details = { reasoning_tokens: u.output_tokens_details.thinking_tokens };
  return usage;
}

/** Anthropic's tier names in OpenAI's words; 'batch' has no Chat Completions counterpart and is left out. */
export function mapServiceTier(tier: AnthropicUsage['service_tier'] | undefined): ChatCompletion['service_tier'] | undefined {
  if (tier === 'standard') return 'default';
  if (tier === 'priority') return 'priority';
  return undefined;
}

export function anthropicToChat(msg: Message, opts: { created?: number } = {}): ChatCompletionWithThinking {
  const texts: string[] = [];
  const thinking: ChatThinkingBlock[] = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const block of msg.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'thinking') thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') thinking.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
    }
    // Server-tool blocks (web search results, code execution…) have no Chat Completions form.
  }
  const finish = mapStopReason(msg.stop_reason);
  const text = texts.length > 0 ? texts.join('') : null;
  const message: ChatMessageWithThinking = { role: 'assistant', content: text, refusal: null };
  if (finish === 'content_filter') {
    // OpenAI puts a refusal in `refusal`, never in `content`.
    message.content = null;
    message.refusal = text ?? msg.stop_details?.explanation ?? '';
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const reasoning = thinking.flatMap((b) => (b.type === 'thinking' ? [b.thinking] : []));
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  if (thinking.length > 0) message.thinking_blocks = thinking;

  const completion: ChatCompletionWithThinking = {
    id: msg.id,
    object: 'chat.completion',
    created: opts.created ?? Math.floor(Date.now() / 1000),
    model: msg.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage: anthropicUsageToChat(msg.usage),
  };
  const tier = mapServiceTier(msg.usage.service_tier);
  if (tier) completion.service_tier = tier;
  return completion;
}
