/**
 * Chat Completions `messages` → Anthropic `system` + `messages`, modelled on LiteLLM's translation.
 *
 * A message's `name` has no Anthropic equivalent and is ignored (LiteLLM does the same); the model never saw it as
 * text on OpenAI either, so nothing the client wrote is lost from the conversation.
 */
import type {
  AssistantMessageParam,
  CacheControlEphemeral,
  ContentBlockParam,
  ImageBlockParam,
  RedactedThinkingBlockParam,
  TextBlockParam,
  ThinkingBlockParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
  UserMessageParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { UnsupportedParameterError } from './unsupported.js';

type Turn = UserMessageParam | AssistantMessageParam;
type SystemPart = string | TextBlockParam[];

export interface TranslatedMessages {
  system?: string | TextBlockParam[];
  messages: Turn[];
}

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
const IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set<ImageMediaType>(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
// `data:<media type>[;param=value…];base64,<data>`; the `s` flag because long base64 may be wrapped.
const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(?:;[^;,]*)*;base64,(.*)$/is;

export function translateMessages(input: readonly ChatCompletionMessageParam[]): TranslatedMessages {
  const system: SystemPart[] = [];
  const turns: Turn[] = [];
  input.forEach((m, i) => {
    switch (m.role) {
      case 'system':
      case 'developer':
        // Anthropic has one system prompt, not system turns: wherever they stand, they join it in order.
        system.push(typeof m.content === 'string' ? m.content : m.content.map(textBlock));
        break;
      case 'user':
        addTurn(turns, 'user', typeof m.content === 'string' ? m.content : m.content.map((p, j) => userPart(p, i, j)));
        break;
      case 'assistant': {
        const blocks = assistantBlocks(m, i);
        // An assistant turn with nothing in it is refused upstream ("non-empty content"); it carried nothing.
        if (blocks.length > 0) addTurn(turns, 'assistant', blocks);
        break;
      }
      case 'tool': {
        const result: ToolResultBlockParam = {
          type: 'tool_result',
          tool_use_id: m.tool_call_id,
          content: typeof m.content === 'string' ? m.content : m.content.map(textBlock),
        };
        // Tool results travel in a user turn; addTurn merges consecutive ones (and a following user message).
        addTurn(turns, 'user', [result]);
        break;
      }
      default:
        // 'function' (deprecated before tools existed) and anything newer than this code.
        throw new UnsupportedParameterError(
          `messages[${i}].role`,
          `messages[${i}].role "${(m as { role: string }).role}" is not supported for Claude models; use "tool" messages`,
        );
    }
  });
  const joined = joinSystem(system);
  return joined === undefined ? { messages: turns } : { system: joined, messages: turns };
}

/** Anthropic wants user and assistant turns to alternate, so consecutive same-role turns become one. */
function addTurn(turns: Turn[], role: Turn['role'], content: string | ContentBlockParam[]): void {
  const last = turns.at(-1);
  if (last?.role === role) last.content = [...asBlocks(last.content), ...asBlocks(content)];
  else turns.push({ role, content });
}

const asBlocks = (c: string | ContentBlockParam[]): ContentBlockParam[] => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);

function joinSystem(parts: SystemPart[]): string | TextBlockParam[] | undefined {
  if (parts.length === 0) return undefined;
  if (parts.every((p): p is string => typeof p === 'string')) {
    const text = parts.filter((p) => p !== '').join('\n\n');
    return text === '' ? undefined : text;
  }
  // Empty text blocks are refused upstream; an empty system part said nothing.
  const blocks = parts.flatMap((p) => (typeof p === 'string' ? [{ type: 'text' as const, text: p }] : p)).filter((b) => b.text !== '');
  return blocks.length > 0 ? blocks : undefined;
}

/**
 * `cache_control` on a content part is LiteLLM's extension for Anthropic prompt caching; clients written against
 * LiteLLM send it, so it is kept. (OpenAI's own `prompt_cache_breakpoint` is not mapped: its TTL and limits differ.)
 */
function cacheControlOf(part: object): { cache_control?: CacheControlEphemeral } {
  const cc = (part as { cache_control?: unknown }).cache_control;
  return typeof cc === 'object' && cc !== null ? { cache_control: cc as CacheControlEphemeral } : {};
}

function textBlock(part: ChatCompletionContentPartText): TextBlockParam {
  return { type: 'text', text: part.text, ...cacheControlOf(part) };
}

function userPart(part: ChatCompletionContentPart, i: number, j: number): ContentBlockParam {
  const at = `messages[${i}].content[${j}]`;
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'image_url':
      // `detail` has no Anthropic equivalent (Claude sizes images itself).
      return { ...imageBlock(part.image_url.url, `${at}.image_url`), ...cacheControlOf(part) };
    case 'file': {
      const data = part.file.file_data ? DATA_URL.exec(part.file.file_data) : null;
      if (data?.[1]?.toLowerCase() !== 'application/pdf' || data[2] === undefined) {
        throw new UnsupportedParameterError(`${at}.file`, `${at}.file: Claude models take files only as a PDF data URL in file_data`);
      }
      return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data[2] }, ...cacheControlOf(part) };
    }
    case 'input_audio':
      throw new UnsupportedParameterError(at, `${at}: Claude models do not take audio input`);
    default:
      throw new UnsupportedParameterError(
        `${at}.type`,
        `${at}.type "${(part as { type: string }).type}" is not supported for Claude models`,
      );
  }
}

function imageBlock(url: string, at: string): ImageBlockParam {
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  const data = DATA_URL.exec(url);
  const mediaType = data?.[1]?.toLowerCase();
  if (mediaType === undefined || !IMAGE_MEDIA_TYPES.has(mediaType) || data?.[2] === undefined) {
    throw new UnsupportedParameterError(
      at,
      `${at}: Claude models take an http(s) URL or a base64 data URL of image/jpeg, image/png, image/gif or image/webp`,
    );
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType as ImageMediaType, data: data[2] } };
}

function assistantBlocks(m: ChatCompletionAssistantMessageParam, i: number): ContentBlockParam[] {
  if (m.function_call != null) {
    throw new UnsupportedParameterError(`messages[${i}].function_call`, `messages[${i}].function_call is deprecated; send tool_calls`);
  }
  if (m.audio != null) {
    throw new UnsupportedParameterError(`messages[${i}].audio`, `messages[${i}].audio: Claude models do not take audio`);
  }
  // Thinking blocks go back first and byte for byte: the API checks their signatures.
  const blocks: ContentBlockParam[] = [...thinkingBlocks(m, i)];
  const texts: string[] = [];
  if (typeof m.content === 'string') texts.push(m.content);
  else if (m.content) {
    m.content.forEach((p, j) => {
      if (p.type === 'text') texts.push(p.text);
      else if (p.type === 'refusal') texts.push(p.refusal);
      else {
        const at = `messages[${i}].content[${j}].type`;
        throw new UnsupportedParameterError(at, `${at} "${(p as { type: string }).type}" is not supported in an assistant message`);
      }
    });
  }
  // An earlier refusal (content null, refusal set) is still what the assistant said.
  if (!texts.some((t) => t !== '') && m.refusal) texts.push(m.refusal);
  for (const text of texts) if (text !== '') blocks.push({ type: 'text', text });
  (m.tool_calls ?? []).forEach((tc, j) => {
    if (tc.type !== 'function') {
      const at = `messages[${i}].tool_calls[${j}].type`;
      throw new UnsupportedParameterError(at, `${at} "${tc.type}" is not supported for Claude models`);
    }
    const toolUse: ToolUseBlockParam = {
      type: 'tool_use',
      id: tc.id,
      name: tc.function.name,
      input: parseArguments(tc.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`),
    };
    blocks.push(toolUse);
  });
  return blocks;
}

/** Anthropic takes a tool call's input as an object; OpenAI carries it as JSON text. */
function parseArguments(args: string, at: string): Record<string, unknown> {
  // Some clients send "" for a call without arguments.
  if (args.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UnsupportedParameterError(at, `${at} must be a JSON object for Claude models`);
  }
  return parsed as Record<string, unknown>;
}

/** `thinking_blocks` is LiteLLM's extension: the blocks of an earlier answer, sent back so Claude can continue. */
function thinkingBlocks(m: ChatCompletionAssistantMessageParam, i: number): Array<ThinkingBlockParam | RedactedThinkingBlockParam> {
  const raw = (m as { thinking_blocks?: unknown }).thinking_blocks;
  if (raw == null) return [];
  const valid =
    Array.isArray(raw) &&
    raw.every(
      (b: unknown) =>
        typeof b === 'object' &&
        b !== null &&
        ((b as { type?: unknown }).type === 'thinking' || (b as { type?: unknown }).type === 'redacted_thinking'),
    );
  if (!valid) {
    const at = `messages[${i}].thinking_blocks`;
    throw new UnsupportedParameterError(at, `${at} must be an array of thinking or redacted_thinking blocks`);
  }
  return raw as Array<ThinkingBlockParam | RedactedThinkingBlockParam>;
}
