/**
 * Anthropic's Messages format spoken natively (/v1/messages to a Claude model). Thinking blocks are never text
 * sites, in requests or answers: Anthropic signs them, and a block changed by a mask fails the signature check on
 * the client's next turn. The firewall still sees everything the model is asked and says in the other blocks.
 */
import type {
  ContentBlockParam,
  Message,
  RawMessageStreamEvent,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { mapStopReason } from '../translate/anthropic-to-chat-response.js';
import type { MessagesBody, Usage } from '../types.js';
import type { TextSite, WireCodec } from './codec.js';
import { MessageAccumulator, parseToolInput, replayMessage } from './anthropic-stream.js';

type Obj = Record<string, unknown>;

/** A site over `holder[key]`, a string field of some object inside the body or answer. */
function site(role: TextSite['role'], path: string, holder: object, key: string): TextSite {
  const h = holder as Obj;
  return {
    role,
    path,
    text: h[key] as string,
    set(text) {
      h[key] = text;
      this.text = text;
    },
  };
}

/** Tool input is an object; the firewall reads and rewrites it as JSON text. */
function inputSite(role: TextSite['role'], path: string, block: { input: unknown }): TextSite {
  return {
    role,
    path,
    text: JSON.stringify(block.input ?? {}),
    set(text) {
      block.input = parseToolInput(text);
      this.text = text;
    },
  };
}

function textBlockSites(role: TextSite['role'], path: string, blocks: readonly { type: string }[]): TextSite[] {
  return blocks.flatMap((b, k) => (b.type === 'text' ? [site(role, `${path}[${k}].text`, b as TextBlockParam, 'text')] : []));
}

function blockSites(role: TextSite['role'], at: string, b: ContentBlockParam): TextSite[] {
  switch (b.type) {
    case 'text':
      return [site(role, `${at}.text`, b, 'text')];
    case 'tool_use':
      return [inputSite(role, `${at}.input`, b)];
    case 'search_result':
      return textBlockSites(role, `${at}.content`, b.content);
    case 'tool_result':
      if (typeof b.content === 'string') return [site('tool', `${at}.content`, b, 'content')];
      return b.content ? textBlockSites('tool', `${at}.content`, b.content) : [];
    default:
      return [];
  }
}

/** Blocks whose content the text scanners cannot read. */
const isBinary = (b: { type: string }): boolean => b.type === 'image' || b.type === 'document';

/**
 * Fields that do not change the answer, left out of the cache key: delivery (stream), bookkeeping (metadata),
 * capacity lane (service_tier) and the gateway's own `cache`. The model is added by the caller. When in doubt a
 * field stays in: a needless cache miss costs less than a wrong hit.
 */
const NOT_IN_KEY = new Set(['stream', 'metadata', 'service_tier', 'model', 'cache']);
const KEYED = ['system', 'messages', 'tools', 'tool_choice', 'max_tokens', 'stop_sequences', 'thinking', 'output_config', 'temperature', 'top_p', 'top_k'];
const KEYED_SET = new Set(KEYED);


function usageOf(u: Message['usage']): Usage {
  const cacheRead = u.cache_read_input_tokens;
  const cacheWrite = u.cache_creation_input_tokens;
  const promptTokens = u.input_tokens + (cacheRead ?? 0) + (cacheWrite ?? 0);
  const out: Usage = { promptTokens, completionTokens: u.output_tokens, totalTokens: promptTokens + u.output_tokens };
  if (cacheRead != null) out.cachedTokens = cacheRead;
  if (cacheWrite != null) out.cacheWriteTokens = cacheWrite;
  if (u.output_tokens_details) out.reasoningTokens = u.output_tokens_details.thinking_tokens;
  return out;
}

/** The Anthropic Messages wire format. */
export const anthropicCodec: WireCodec<MessagesBody, Message, RawMessageStreamEvent> = {
  format: 'anthropic',

  promptSites(body) {
    const sites: TextSite[] = [];
    if (typeof body.system === 'string') sites.push(site('system', 'system', body, 'system'));
    else if (Array.isArray(body.system)) sites.push(...textBlockSites('system', 'system', body.system));
    body.messages.forEach((m, i) => {
      const at = `messages[${i}]`;
      if (typeof m.content === 'string') sites.push(site(m.role, `${at}.content`, m, 'content'));
      else if (Array.isArray(m.content)) m.content.forEach((b: ContentBlockParam, j) => sites.push(...blockSites(m.role, `${at}.content[${j}]`, b)));
    });
    return sites;
  },

  hasImages(body) {
    return body.messages.some(
      (m) =>
        Array.isArray(m.content) &&
        m.content.some((b: ContentBlockParam) => isBinary(b) || (b.type === 'tool_result' && Array.isArray(b.content) && b.content.some(isBinary))),
    );
  },

  cacheMaterial(body) {
    const b = body as Obj;
    const others = Object.keys(b)
      .filter((k) => !KEYED_SET.has(k) && !NOT_IN_KEY.has(k))
      .sort()
      .map((k) => [k, b[k]]);
    // A fixed-order array: canonical by construction; the tag keeps it apart from the OpenAI codec's material.
    return JSON.stringify(['an1', ...KEYED.map((k) => b[k] ?? null), others]);
  },

  answerSites(res) {
    return res.content.flatMap((b, j): TextSite[] => {
      if (b.type === 'text') return [site('output', `content[${j}].text`, b, 'text')];
      if (b.type === 'tool_use') return [inputSite('output', `content[${j}].input`, b)];
      return [];
    });
  },

  summary(res) {
    return {
      model: res.model,
      usage: usageOf(res.usage),
      finishReason: mapStopReason(res.stop_reason),
      refusal: res.stop_reason === 'refusal',
      text: res.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
      toolCalls: res.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: JSON.stringify(b.input) }] : [])),
    };
  },

  accumulator: () => new MessageAccumulator(),

  // A block is text or tool input for its whole life, so its channel names both: `b<index>` for text, `j<index>`
  // for tool input JSON. The kind cannot come from `like`: held text is released ahead of a content_block_stop.
  chunkSites(ev) {
    if (ev.type !== 'content_block_delta') return [];
    const d = ev.delta;
    if (d.type === 'text_delta') return [{ channel: `b${ev.index}`, site: site('output', `content[${ev.index}].text`, d, 'text') }];
    if (d.type === 'input_json_delta') return [{ channel: `j${ev.index}`, site: site('output', `content[${ev.index}].input`, d, 'partial_json') }];
    return [];
  },

  mapTexts(ev, fn) {
    if (ev.type !== 'content_block_delta') return;
    const d = ev.delta;
    if (d.type === 'text_delta') d.text = fn(`b${ev.index}`, d.text);
    else if (d.type === 'input_json_delta') d.partial_json = fn(`j${ev.index}`, d.partial_json);
  },

  isEmpty: (ev) =>
    ev.type === 'content_block_delta' &&
    ((ev.delta.type === 'text_delta' && ev.delta.text === '') || (ev.delta.type === 'input_json_delta' && ev.delta.partial_json === '')),

  closesText: (ev) => ev.type === 'content_block_stop' || ev.type === 'message_delta' || ev.type === 'message_stop',

  textChunk(channel, text) {
    const m = /^([bj])(\d+)$/.exec(channel);
    if (!m) throw new RangeError(`not an Anthropic stream channel: ${channel}`);
    const index = Number(m[2]);
    return { type: 'content_block_delta', index, delta: m[1] === 'j' ? { type: 'input_json_delta', partial_json: text } : { type: 'text_delta', text } };
  },

  replay: replayMessage,
};
