import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions';
import type { ChatBody, FinishReason, Usage } from '../types.js';
import type { StreamAccumulator, TextSite, WireCodec } from './codec.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fields that do not change the answer, left out of the cache key: delivery (stream), bookkeeping (user, metadata,
 * store, safety_identifier, prompt_cache_key), billing lane (service_tier), and the gateway's own `cache`. The model
 * is added by the caller, which knows the resolved name.
 */
const NOT_IN_KEY = new Set(['model', 'stream', 'stream_options', 'user', 'metadata', 'store', 'service_tier', 'safety_identifier', 'prompt_cache_key', 'cache']);

/** Content part types that carry binary input the text scanners cannot read. */
const BINARY_PARTS = new Set(['image_url', 'input_audio', 'file', 'input_image']);

/** A site over `holder[key]`, a string field of some object inside the body. */
function site(role: TextSite['role'], path: string, holder: Obj, key: string): TextSite {
  return {
    role,
    path,
    text: holder[key] as string,
    set(text) {
      holder[key] = text;
      this.text = text;
    },
  };
}

const siteRole = (role: unknown): TextSite['role'] =>
  role === 'system' || role === 'developer' ? 'system' : role === 'assistant' ? 'assistant' : role === 'tool' || role === 'function' ? 'tool' : 'user';

export function mapFinish(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'stop';
  }
}

export function usageFromOpenAi(u: ChatCompletion['usage'] | null | undefined): Usage | undefined {
  if (!u) return undefined;
  const out: Usage = {
    promptTokens: u.prompt_tokens ?? 0,
    completionTokens: u.completion_tokens ?? 0,
    totalTokens: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
  };
  const cached = u.prompt_tokens_details?.cached_tokens;
  if (cached) out.cachedTokens = cached;
  const written = (u.prompt_tokens_details as { cache_write_tokens?: number } | undefined)?.cache_write_tokens;
  if (written) out.cacheWriteTokens = written;
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (reasoning) out.reasoningTokens = reasoning;
  return out;
}

/** Channel names of the first choices, made once: a stream asks for them on every chunk. */
const CHANNELS: Record<string, string[]> = { c: [], r: [], t: [] };
for (const k of ['c', 'r', 't']) for (let i = 0; i < 8; i++) CHANNELS[k]!.push(`${k}${i}`);
const channelName = (kind: 'c' | 'r' | 't', index: number): string => CHANNELS[kind]![index] ?? `${kind}${index}`;

/** Splits text into word-sized pieces, so a replayed answer streams like the original did. */
export function wordPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** The OpenAI Chat Completions wire format. */
export const openAiCodec: WireCodec<ChatBody, ChatCompletion, ChatCompletionChunk> = {
  format: 'openai',

  promptSites(body) {
    const sites: TextSite[] = [];
    const messages = body.messages as unknown[];
    messages.forEach((raw, i) => {
      if (!isObj(raw)) return;
      const role = siteRole(raw.role);
      const at = `messages[${i}]`;
      if (typeof raw.content === 'string') sites.push(site(role, `${at}.content`, raw, 'content'));
      else if (Array.isArray(raw.content)) {
        raw.content.forEach((part: unknown, j) => {
          if (!isObj(part)) return;
          if (typeof part.text === 'string') sites.push(site(role, `${at}.content[${j}].text`, part, 'text'));
          if (typeof part.refusal === 'string') sites.push(site(role, `${at}.content[${j}].refusal`, part, 'refusal'));
        });
      }
      if (Array.isArray(raw.tool_calls)) {
        raw.tool_calls.forEach((call: unknown, j) => {
          const fn = isObj(call) && isObj(call.function) ? call.function : undefined;
          if (fn && typeof fn.arguments === 'string') sites.push(site('assistant', `${at}.tool_calls[${j}].function.arguments`, fn, 'arguments'));
        });
      }
      if (isObj(raw.function_call) && typeof raw.function_call.arguments === 'string') {
        sites.push(site('assistant', `${at}.function_call.arguments`, raw.function_call, 'arguments'));
      }
    });
    return sites;
  },

  hasImages(body) {
    for (const m of body.messages as unknown[]) {
      if (!isObj(m) || !Array.isArray(m.content)) continue;
      for (const part of m.content as unknown[]) if (isObj(part) && BINARY_PARTS.has(part.type as string)) return true;
    }
    return false;
  },

  cacheMaterial(body) {
    const b = body as Obj;
    const rest = Object.keys(b)
      .filter((k) => !NOT_IN_KEY.has(k) && k !== 'messages')
      .sort();
    // A fixed-order array: canonical by construction, an absent field is simply not there.
    return JSON.stringify(['oa1', b.messages, rest.map((k) => [k, b[k]])]);
  },

  answerSites(res) {
    const sites: TextSite[] = [];
    for (const choice of res.choices) {
      const msg = choice.message as unknown as Obj;
      const at = `choices[${choice.index}].message`;
      if (typeof msg.content === 'string') sites.push(site('output', `${at}.content`, msg, 'content'));
      if (typeof msg.reasoning_content === 'string') sites.push(site('output', `${at}.reasoning_content`, msg, 'reasoning_content'));
      const calls = msg.tool_calls as ChatCompletionMessageToolCall[] | undefined;
      calls?.forEach((call, j) => {
        if (call.type === 'function') sites.push(site('output', `${at}.tool_calls[${j}].function.arguments`, call.function as unknown as Obj, 'arguments'));
      });
    }
    return sites;
  },

  summary(res) {
    const first = res.choices[0];
    const refusal = res.choices.some((c) => typeof c.message?.refusal === 'string' && c.message.refusal.length > 0);
    return {
      model: res.model,
      usage: usageFromOpenAi(res.usage) ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      finishReason: refusal ? 'content_filter' : mapFinish(first?.finish_reason),
      refusal,
      text: first?.message?.content ?? first?.message?.refusal ?? '',
      toolCalls: (first?.message?.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [])),
    };
  },

  accumulator: () => new ChunkAccumulator(),

  chunkSites(chunk) {
    const out: { channel: string; site: TextSite }[] = [];
    for (const choice of chunk.choices) {
      const delta = choice.delta as unknown as Obj | undefined;
      if (!delta) continue;
      const i = choice.index;
      if (typeof delta.content === 'string' && delta.content) out.push({ channel: `c${i}`, site: site('output', 'delta.content', delta, 'content') });
      if (typeof delta.refusal === 'string' && delta.refusal) out.push({ channel: `r${i}`, site: site('output', 'delta.refusal', delta, 'refusal') });
      if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) {
        out.push({ channel: `t${i}`, site: site('output', 'delta.reasoning_content', delta, 'reasoning_content') });
      }
      const calls = delta.tool_calls as { index: number; function?: Obj }[] | undefined;
      for (const call of calls ?? []) {
        if (call.function && typeof call.function.arguments === 'string' && call.function.arguments) {
          out.push({ channel: `a${i}.${call.index}`, site: site('output', 'delta.tool_calls.function.arguments', call.function, 'arguments') });
        }
      }
    }
    return out;
  },

  // A tool call's opening delta (id, no arguments yet) also ends the text before it: held content must go out
  // ahead of the call, or an Anthropic client gets text after a tool_use block and the call's arguments cannot follow.
  mapTexts(chunk, fn) {
    for (const choice of chunk.choices) {
      const delta = choice.delta as unknown as Obj | undefined;
      if (!delta) continue;
      const i = choice.index;
      if (typeof delta.content === 'string' && delta.content) delta.content = fn(channelName('c', i), delta.content);
      if (typeof delta.refusal === 'string' && delta.refusal) delta.refusal = fn(channelName('r', i), delta.refusal);
      if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) delta.reasoning_content = fn(channelName('t', i), delta.reasoning_content);
      const calls = delta.tool_calls as { index: number; function?: Obj }[] | undefined;
      if (calls) {
        for (const call of calls) {
          const f = call.function;
          if (f && typeof f.arguments === 'string' && f.arguments) f.arguments = fn(`a${i}.${call.index}`, f.arguments);
        }
      }
    }
  },

  isEmpty(chunk) {
    if (chunk.choices.length === 0 || chunk.usage) return false;
    for (const choice of chunk.choices) {
      if (choice.finish_reason != null || choice.logprobs != null) return false;
      const d = choice.delta as unknown as Obj | undefined;
      if (!d) continue;
      for (const k in d) {
        const v = d[k];
        // Only text emptied by the masker counts as nothing; a role, a tool call's id or name is something.
        if (k === 'tool_calls') {
          for (const call of v as { id?: string; function?: { name?: string; arguments?: string } }[]) {
            if (call.id || call.function?.name || call.function?.arguments) return false;
          }
        } else if (v !== '' && v != null) return false;
      }
    }
    return true;
  },

  closesText: (chunk) =>
    chunk.choices.length === 0 ||
    chunk.choices.some((c) => c.finish_reason != null || (c.delta?.tool_calls ?? []).some((t) => t.id && !t.function?.arguments)),

  textChunk(channel, text, like) {
    const kind = channel[0];
    const [choice, call] = channel.slice(1).split('.').map(Number) as [number, number | undefined];
    const delta: Obj =
      kind === 'a' ? { tool_calls: [{ index: call, function: { arguments: text } }] }
      : kind === 'r' ? { refusal: text }
      : kind === 't' ? { reasoning_content: text }
      : { content: text };
    return { ...header(like), choices: [{ index: choice, delta, finish_reason: null, logprobs: null }] } as ChatCompletionChunk;
  },

  replay(res) {
    const head = header(res as unknown as ChatCompletionChunk);
    const chunks: ChatCompletionChunk[] = [];
    const push = (index: number, delta: Obj, finish: string | null = null, logprobs: unknown = null) =>
      chunks.push({ ...head, choices: [{ index, delta, finish_reason: finish, logprobs }] } as ChatCompletionChunk);
    for (const choice of res.choices) {
      const msg = choice.message as unknown as Obj;
      push(choice.index, { role: 'assistant', content: typeof msg.content === 'string' ? '' : null });
      if (typeof msg.reasoning_content === 'string') for (const p of wordPieces(msg.reasoning_content)) push(choice.index, { reasoning_content: p });
      if (typeof msg.content === 'string' && msg.content) {
        const pieces = wordPieces(msg.content);
        // Logprobs ride on the first content piece: a replay keeps them, if not their original split.
        pieces.forEach((p, k) => push(choice.index, { content: p }, null, k === 0 ? (choice.logprobs ?? null) : null));
      }
      if (typeof msg.refusal === 'string' && msg.refusal) for (const p of wordPieces(msg.refusal)) push(choice.index, { refusal: p });
      const calls = (msg.tool_calls as ChatCompletionMessageToolCall[] | undefined) ?? [];
      calls.forEach((call, k) => {
        if (call.type !== 'function') return;
        push(choice.index, { tool_calls: [{ index: k, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }] });
      });
      push(choice.index, {}, choice.finish_reason);
    }
    if (res.usage) chunks.push({ ...head, choices: [], usage: res.usage } as ChatCompletionChunk);
    return chunks;
  },
};

/** The fields every chunk of one answer repeats. */
function header(like: ChatCompletionChunk): Omit<ChatCompletionChunk, 'choices'> {
  const h: Obj = { id: like.id, object: 'chat.completion.chunk', created: like.created, model: like.model };
  if (like.system_fingerprint !== undefined) h.system_fingerprint = like.system_fingerprint;
  if (like.service_tier !== undefined) h.service_tier = like.service_tier;
  return h as unknown as Omit<ChatCompletionChunk, 'choices'>;
}

interface ChoiceAcc {
  index: number;
  content: string | null;
  refusal: string | null;
  reasoning: string | null;
  calls: { id?: string; type?: string; name: string; arguments: string }[];
  logprobs: { content: unknown[] | null; refusal: unknown[] | null } | null;
  finish: string | null;
  extra: Obj;
}

const KNOWN_DELTA = new Set(['content', 'refusal', 'reasoning_content', 'tool_calls', 'role']);

/** Rebuilds a whole chat.completion from its chunks, as the SDK's ChatCompletionStream does. */
class ChunkAccumulator implements StreamAccumulator<ChatCompletionChunk, ChatCompletion> {
  private readonly choices = new Map<number, ChoiceAcc>();
  private head: Obj | undefined;
  private usage: ChatCompletion['usage'] | undefined;

  get finished(): boolean {
    if (!this.choices.size) return false;
    for (const c of this.choices.values()) if (!c.finish) return false;
    return true;
  }

  push(chunk: ChatCompletionChunk): void {
    if (!this.head) this.head = { id: chunk.id, created: chunk.created, model: chunk.model };
    if (chunk.model) this.head.model = chunk.model;
    if (chunk.system_fingerprint != null) this.head.system_fingerprint = chunk.system_fingerprint;
    if (chunk.service_tier != null) this.head.service_tier = chunk.service_tier;
    if (chunk.usage) this.usage = chunk.usage;
    for (const ch of chunk.choices) {
      let acc = this.choices.get(ch.index);
      if (!acc) {
        acc = { index: ch.index, content: null, refusal: null, reasoning: null, calls: [], logprobs: null, finish: null, extra: {} };
        this.choices.set(ch.index, acc);
      }
      const d = (ch.delta ?? {}) as Obj;
      if (typeof d.content === 'string') acc.content = (acc.content ?? '') + d.content;
      if (typeof d.refusal === 'string') acc.refusal = (acc.refusal ?? '') + d.refusal;
      if (typeof d.reasoning_content === 'string') acc.reasoning = (acc.reasoning ?? '') + d.reasoning_content;
      for (const tc of (d.tool_calls as { index: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }[] | undefined) ?? []) {
        const call = (acc.calls[tc.index] ??= { name: '', arguments: '' });
        if (tc.id) call.id = tc.id;
        if (tc.type) call.type = tc.type;
        if (tc.function?.name) call.name += tc.function.name;
        if (tc.function?.arguments) call.arguments += tc.function.arguments;
      }
      // Delta fields this code does not know (audio, annotations, a field added tomorrow) are kept as sent.
      for (const k in d) {
        if (KNOWN_DELTA.has(k)) continue;
        const v = d[k];
        if (v != null) acc.extra[k] = v;
      }
      if (ch.logprobs) {
        acc.logprobs ??= { content: null, refusal: null };
        if (ch.logprobs.content) acc.logprobs.content = [...(acc.logprobs.content ?? []), ...ch.logprobs.content];
        if (ch.logprobs.refusal) acc.logprobs.refusal = [...(acc.logprobs.refusal ?? []), ...ch.logprobs.refusal];
      }
      if (ch.finish_reason) acc.finish = ch.finish_reason;
    }
  }

  result(): ChatCompletion {
    const choices = [...this.choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((c) => {
        const message: Obj = { role: 'assistant', content: c.content, refusal: c.refusal, ...c.extra };
        if (c.reasoning !== null) message.reasoning_content = c.reasoning;
        if (c.calls.length) {
          message.tool_calls = c.calls.map((t) => ({ id: t.id ?? '', type: t.type ?? 'function', function: { name: t.name, arguments: t.arguments } }));
        }
        return { index: c.index, message, finish_reason: c.finish ?? 'stop', logprobs: c.logprobs };
      });
    const out: Obj = { ...this.head, object: 'chat.completion', choices };
    if (this.usage) out.usage = this.usage;
    return out as unknown as ChatCompletion;
  }
}
