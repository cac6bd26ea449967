/**
 * Anthropic Messages → OpenAI Chat Completions, for a /v1/messages call answered by a non-Claude model. This file
 * translates the request; the answer comes back through chat-to-messages.ts (whole) and chat-to-messages-stream.ts
 * (streamed), re-exported here so callers import one module.
 *
 * Anything the target cannot honour is refused with UnsupportedParameterError rather than dropped, because a
 * silently ignored field changes the answer the client asked for. Fields that only steer Anthropic's own plumbing
 * (cache breakpoints, capacity, diagnostics, header params) are dropped: they do not change the answer.
 */
import type {
  ContentBlockParam,
  ImageBlockParam,
  MessageParam,
  TextBlockParam,
  ThinkingConfigParam,
  ToolChoice,
  ToolResultBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartImage,
  ChatCompletionContentPartText,
  ChatCompletionFunctionTool,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import type { ChatBody, MessagesBody } from '../types.js';
import { UnsupportedParameterError } from './unsupported.js';

export { chatToMessages } from './chat-to-messages.js';
export { createChatToMessagesStream, type ChatToMessagesStream } from './chat-to-messages-stream.js';

export function messagesToChat(body: MessagesBody): ChatBody {
  const {
    model,
    messages,
    system,
    max_tokens,
    stop_sequences,
    metadata,
    tools,
    tool_choice,
    thinking,
    output_config,
    top_k,
    container,
    inference_geo,
    // The provider decides streaming.
    stream: _stream,
    // Cache breakpoints: OpenAI caches prompt prefixes by itself, and OpenAI-compatible servers reject the field.
    cache_control: _cacheControl,
    // Anthropic's own prompt-cache report, capacity lane and speed mode: none changes the answer.
    diagnostics: _diagnostics,
    service_tier: _serviceTier,
    speed: _speed,
    // Header params of Anthropic's SDK (workspace and profile attribution), meaningless elsewhere.
    user_profile_id: _userProfileId,
    workspace_id: _workspaceId,
    ...rest
  } = body;

  if (top_k != null) throw new UnsupportedParameterError('top_k', 'top_k is not supported by this model; use temperature or top_p.');
  if (container != null) throw new UnsupportedParameterError('container', 'Containers exist only for Anthropic server tools, which this model does not have.');
  // A data-residency requirement the target cannot promise: refused, not ignored.
  if (inference_geo != null) throw new UnsupportedParameterError('inference_geo', 'inference_geo cannot be honoured by this model.');

  // Unknown top-level fields (temperature, top_p and anything newer) go through as the client sent them.
  const out: ChatBody = { ...rest, model, messages: [...systemMessages(system), ...messages.flatMap(toChatMessages)] };
  out.max_completion_tokens = max_tokens;
  if (stop_sequences !== undefined) out.stop = stop_sequences;
  if (metadata?.user_id) out.user = metadata.user_id; // deprecated by OpenAI, but every compatible server reads it
  if (tools !== undefined) out.tools = tools.map(toChatTool);
  if (tool_choice !== undefined) Object.assign(out, toChatToolChoice(tool_choice));
  const effort = output_config?.effort ?? effortOfThinking(thinking);
  if (effort) out.reasoning_effort = effort;
  if (output_config) {
    for (const key of Object.keys(output_config)) {
      if (key !== 'effort' && key !== 'format') throw new UnsupportedParameterError(`output_config.${key}`, `output_config.${key} is not supported by this model.`);
    }
    const format = output_config.format;
    if (format != null) {
      if (format.type !== 'json_schema') throw new UnsupportedParameterError('output_config.format', `Output format '${String(format.type)}' is not supported by this model.`);
      out.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema, strict: true } };
    }
  }
  return out;
}

function systemMessages(system: MessagesBody['system']): ChatCompletionMessageParam[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  return [{ role: 'system', content: system.map((b, j) => textPart(b, `system[${j}]`)) }];
}

/** One Anthropic turn becomes one chat message, or several when a user turn carries tool results. */
function toChatMessages(m: MessageParam, i: number): ChatCompletionMessageParam[] {
  const at = `messages[${i}]`;
  if (typeof m.content === 'string') return [{ role: m.role, content: m.content } as ChatCompletionMessageParam];
  const blocks: ContentBlockParam[] = m.content;
  switch (m.role) {
    case 'system':
      return [{ role: 'system', content: blocks.map((b, j) => textPart(b, `${at}.content[${j}]`)) }];
    case 'user':
      return userMessages(blocks, at);
    case 'assistant':
      return [assistantMessage(blocks, at)];
  }
}

/**
 * Tool results become `tool` messages placed before the rest of the turn: OpenAI wants them right after the
 * assistant message that made the calls.
 */
function userMessages(blocks: ContentBlockParam[], at: string): ChatCompletionMessageParam[] {
  const toolMessages: ChatCompletionToolMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  blocks.forEach((b, j) => {
    const path = `${at}.content[${j}]`;
    if (b.type === 'tool_result') toolMessages.push(toolMessage(b, path));
    else if (b.type === 'image') parts.push(imagePart(b, path));
    else parts.push(textPart(b, path));
  });
  if (parts.length === 0 && toolMessages.length > 0) return toolMessages;
  return [...toolMessages, { role: 'user', content: parts }];
}

function assistantMessage(blocks: ContentBlockParam[], at: string): ChatCompletionMessageParam {
  const parts: ChatCompletionContentPartText[] = [];
  const calls: ChatCompletionMessageFunctionToolCall[] = [];
  blocks.forEach((b, j) => {
    // Thinking is signed by Anthropic and has no Chat Completions counterpart; the other model never sees it.
    if (b.type === 'thinking' || b.type === 'redacted_thinking') return;
    if (b.type === 'tool_use') {
      calls.push({ id: b.id, type: 'function', function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } });
    } else parts.push(textPart(b, `${at}.content[${j}]`));
  });
  const content = parts.length > 0 ? parts : calls.length > 0 ? null : '';
  return calls.length > 0 ? { role: 'assistant', content, tool_calls: calls } : { role: 'assistant', content };
}

function toolMessage(b: ToolResultBlockParam, path: string): ChatCompletionToolMessageParam {
  let content = '';
  if (typeof b.content === 'string') content = b.content;
  else if (b.content) content = b.content.map((c, k) => textPart(c, `${path}.content[${k}]`).text).join('\n');
  // `is_error` has no field in OpenAI; the error text itself tells the model what went wrong.
  return { role: 'tool', tool_call_id: b.tool_use_id, content };
}

/** A text block as a text part; any other block here has no Chat Completions form. */
function textPart(b: { type: string }, path: string): ChatCompletionContentPartText {
  if (b.type === 'text') return { type: 'text', text: (b as TextBlockParam).text };
  throw new UnsupportedParameterError(path, `Content blocks of type '${b.type}' are not supported by this model.`);
}

function imagePart(b: ImageBlockParam, path: string): ChatCompletionContentPartImage {
  const src = b.source;
  if (src.type === 'base64') return { type: 'image_url', image_url: { url: `data:${src.media_type};base64,${src.data}` } };
  if (src.type === 'url') return { type: 'image_url', image_url: { url: src.url } };
  throw new UnsupportedParameterError(`${path}.source`, 'Images from the Anthropic Files API are not supported by this model; send base64 or a URL.');
}

function toChatTool(t: ToolUnion, i: number): ChatCompletionFunctionTool {
  if (t.type != null && t.type !== 'custom') {
    throw new UnsupportedParameterError(`tools[${i}]`, `Anthropic tool '${t.type}' is not supported by this model; only custom tools are.`);
  }
  if (!('input_schema' in t)) throw new UnsupportedParameterError(`tools[${i}]`, 'A custom tool needs an input_schema.');
  const fn: ChatCompletionFunctionTool['function'] = { name: t.name, parameters: t.input_schema };
  if (t.description !== undefined) fn.description = t.description;
  if (t.strict !== undefined) fn.strict = t.strict;
  return { type: 'function', function: fn };
}

function toChatToolChoice(c: ToolChoice): { tool_choice: ChatCompletionToolChoiceOption; parallel_tool_calls?: false } {
  const choice: ChatCompletionToolChoiceOption =
    c.type === 'auto' ? 'auto'
    : c.type === 'any' ? 'required'
    : c.type === 'none' ? 'none'
    : { type: 'function', function: { name: c.name } };
  return c.type !== 'none' && c.disable_parallel_tool_use ? { tool_choice: choice, parallel_tool_calls: false } : { tool_choice: choice };
}

/** A thinking budget as the nearest effort level; adaptive thinking leaves the model's default. */
function effortOfThinking(t: ThinkingConfigParam | undefined): ReasoningEffort | undefined {
  if (t?.type !== 'enabled') return undefined;
  return t.budget_tokens <= 1024 ? 'low' : t.budget_tokens <= 4096 ? 'medium' : 'high';
}
