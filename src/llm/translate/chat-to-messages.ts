/**
 * OpenAI Chat Completions answer → Anthropic Message, for a /v1/messages call answered by a non-Claude model.
 * Fields OpenAI has no counterpart for (container, diagnostics, server tool use, inference geo…) are null, which
 * is what Anthropic itself sends when they do not apply.
 */
import type {
  ContentBlock,
  Message,
  MessageDeltaUsage,
  RefusalStopDetails,
  StopReason,
  ToolUseBlock,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';

type FinishReasonOfChat = ChatCompletion.Choice['finish_reason'] | ChatCompletionChunk.Choice['finish_reason'];

export function chatToMessages(c: ChatCompletion): Message {
  const choice = c.choices[0];
  const msg = choice?.message;
  const content: ContentBlock[] = [];
  if (msg?.content) content.push({ type: 'text', text: msg.content, citations: null });
  const refused = msg?.refusal != null;
  if (msg?.refusal) content.push({ type: 'text', text: msg.refusal, citations: null });
  for (const call of msg?.tool_calls ?? []) {
    // Custom (free-text) tools are never requested by the translated body; a server that sends one anyway still
    // gets its text through, under `input`.
    if (call.type === 'function') content.push(toolUse(call.id, call.function.name, parseArguments(call.function.arguments)));
    else content.push(toolUse(call.id, call.custom.name, { input: call.custom.input }));
  }
  const hasToolUse = content.some((b) => b.type === 'tool_use');
  const stopReason = stopReasonOf(choice?.finish_reason ?? null, refused, hasToolUse);
  return {
    id: c.id,
    type: 'message',
    role: 'assistant',
    model: c.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: stopDetailsOf(stopReason),
    container: null,
    diagnostics: null,
    usage: usageOf(c.usage),
  };
}

export function toolUse(id: string, name: string, input: unknown): ToolUseBlock {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
}

/** Tool arguments are the model's JSON; when it produced broken JSON the call still reaches the client, empty. */
function parseArguments(args: string): unknown {
  if (!args) return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return {};
  }
}

/**
 * OpenAI cannot say which stop sequence ended the answer, so `stop` is always `end_turn`. Some OpenAI-compatible
 * servers finish a tool-calling answer with `stop`; Anthropic clients run tools only on `tool_use`, so tool calls
 * win.
 */
export function stopReasonOf(finish: FinishReasonOfChat | null, refused: boolean, hasToolUse: boolean): StopReason {
  if (refused || finish === 'content_filter') return 'refusal';
  if (finish === 'length') return 'max_tokens';
  if (finish === 'tool_calls' || finish === 'function_call' || hasToolUse) return 'tool_use';
  return 'end_turn';
}

/** OpenAI gives no category or explanation for a refusal; the shape still tells clients it was one. */
export function stopDetailsOf(reason: StopReason): RefusalStopDetails | null {
  return reason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null;
}

/** OpenAI counts cached and cache-written tokens inside prompt_tokens; Anthropic counts them apart. */
function tokenCounts(u: CompletionUsage | null | undefined) {
  const cached = u?.prompt_tokens_details?.cached_tokens ?? 0;
  const written = u?.prompt_tokens_details?.cache_write_tokens ?? 0;
  const reasoning = u?.completion_tokens_details?.reasoning_tokens;
  return {
    input_tokens: Math.max(0, (u?.prompt_tokens ?? 0) - cached - written),
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cached,
    output_tokens: u?.completion_tokens ?? 0,
    output_tokens_details: reasoning != null ? { thinking_tokens: reasoning } : null,
  };
}

export function usageOf(u: CompletionUsage | null | undefined): AnthropicUsage {
  const t = tokenCounts(u);
  return {
    input_tokens: t.input_tokens,
    cache_creation_input_tokens: t.cache_creation_input_tokens,
    cache_read_input_tokens: t.cache_read_input_tokens,
    cache_creation: null,
    output_tokens: t.output_tokens,
    output_tokens_details: t.output_tokens_details,
    inference_geo: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  };
}

export function deltaUsageOf(u: CompletionUsage | null | undefined): MessageDeltaUsage {
  return { ...tokenCounts(u), server_tool_use: null };
}
