/**
 * What the semantic cache compares in a request: the text of the last user turn (embedded and compared by meaning)
 * and the context, everything else that changes the answer (compared byte for byte through its hash). A request
 * that should not be answered by meaning is refused here with a reason, before any embedding call.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a request is not looked up or stored semantically (also the label of the skip counter). */
export type SkipReason = 'not_last_user_turn' | 'tool_use' | 'too_deep' | 'sampled' | 'binary_input' | 'too_long' | 'empty';

export type RequestParts = { ok: true; query: string; context: string } | { ok: false; reason: SkipReason };

export interface PartsOptions {
  /** Most user turns (the last one included) a cached conversation may have. */
  maxTurns: number;
  /** Cache requests with temperature > 0 or n > 1 too. */
  allowSampled: boolean;
}

/** Longest last turn compared by meaning: a long text is a document, not a question that others ask again. */
export const MAX_QUERY_CHARS = 4_000;

/**
 * Fields that do not change the answer (delivery, bookkeeping, the gateway's own), as the exact cache leaves them
 * out. Keeping a field in the context when it does not matter only costs hits; leaving one out that matters would
 * serve wrong answers, so this list only ever shrinks.
 */
const NOT_IN_CONTEXT = new Set(['model', 'stream', 'stream_options', 'user', 'metadata', 'store', 'service_tier', 'safety_identifier', 'prompt_cache_key', 'cache']);

/** Content blocks that carry tool traffic: a conversation with any of them is never answered by meaning. */
const TOOL_BLOCKS = new Set(['tool_use', 'tool_result', 'server_tool_use', 'web_search_tool_result', 'mcp_tool_use', 'mcp_tool_result', 'function_call', 'function_call_output']);

function sampled(body: Obj): boolean {
  const t = body.temperature;
  const n = body.n;
  return (typeof t === 'number' && t > 0) || (typeof n === 'number' && n > 1);
}

/** The text of a content that is a string or text parts only; undefined when it holds anything else. */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const part of content) {
    if (!isObj(part) || part.type !== 'text' || typeof part.text !== 'string') return undefined;
    texts.push(part.text);
  }
  return texts.join('\n');
}

function otherFields(body: Obj, skip: string): [string, unknown][] {
  return Object.keys(body)
    .filter((k) => !NOT_IN_CONTEXT.has(k) && k !== skip)
    .sort()
    .map((k) => [k, body[k]]);
}

function finish(body: Obj, messages: unknown[], last: Obj, text: string | undefined, tag: string, opts: PartsOptions): RequestParts {
  if (text === undefined) return { ok: false, reason: 'binary_input' };
  const query = text.trim();
  if (!query) return { ok: false, reason: 'empty' };
  if (query.length > MAX_QUERY_CHARS) return { ok: false, reason: 'too_long' };
  // Postgres text cannot hold U+0000: such a question could not be stored, so it is not looked up either.
  if (query.includes('\0')) return { ok: false, reason: 'binary_input' };
  if (!opts.allowSampled && sampled(body)) return { ok: false, reason: 'sampled' };
  const turns = messages.filter((m) => isObj(m) && m.role === 'user').length;
  if (turns > opts.maxTurns) return { ok: false, reason: 'too_deep' };
  // The last turn without its text (its role, a name…), the earlier turns whole, every other answer-changing field.
  const { content: _text, ...lastRest } = last;
  const context = JSON.stringify([tag, messages.slice(0, -1), lastRest, otherFields(body, 'messages')]);
  return { ok: true, query, context };
}

/** OpenAI Chat Completions: system and developer messages, earlier turns, tools, response_format… are context. */
export function chatParts(body: Obj, opts: PartsOptions): RequestParts {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const last = messages.at(-1);
  if (!isObj(last) || last.role !== 'user') return { ok: false, reason: 'not_last_user_turn' };
  for (const m of messages) {
    if (!isObj(m)) continue;
    if (m.role === 'tool' || m.role === 'function' || m.tool_calls !== undefined || m.function_call !== undefined) return { ok: false, reason: 'tool_use' };
  }
  return finish(body, messages, last, textOf(last.content), 'sc-openai-1', opts);
}

/** Anthropic Messages: `system` and the rest of the body are context; tool blocks anywhere refuse the request. */
export function messagesParts(body: Obj, opts: PartsOptions): RequestParts {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const last = messages.at(-1);
  if (!isObj(last) || last.role !== 'user') return { ok: false, reason: 'not_last_user_turn' };
  for (const m of messages) {
    if (!isObj(m) || !Array.isArray(m.content)) continue;
    for (const b of m.content as unknown[]) if (isObj(b) && TOOL_BLOCKS.has(b.type as string)) return { ok: false, reason: 'tool_use' };
  }
  return finish(body, messages, last, textOf(last.content), 'sc-anthropic-1', opts);
}

export function requestParts(format: 'openai' | 'anthropic', body: Obj, opts: PartsOptions): RequestParts {
  return format === 'openai' ? chatParts(body, opts) : messagesParts(body, opts);
}
