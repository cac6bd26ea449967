/**
 * Shared pieces of the OpenAI-compatibility suite: a gateway with three upstreams (OpenAI through OPENAI_BASE_URL,
 * an OpenAI-compatible server through OPENAI_COMPATIBLE_ENDPOINTS, Claude through Anthropic), an `openai` client
 * that records the exact bodies it sent, and builders for the answers the fakes are scripted with.
 */
import OpenAI from 'openai';
import { expect } from 'vitest';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { startFakeOpenAi, type FakeOpenAi, type JsonObject } from '../helpers/fake-openai.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

export type { JsonObject };
export const CLAUDE = 'claude-sonnet-4-5';

/** An upstream that speaks Chat Completions: the client's body must reach it unchanged. */
export interface OpenAiTarget {
  label: 'OpenAI' | 'OpenAI-compatible';
  /** What the client asks for. */
  model: string;
  /** What the upstream must see in `model`. */
  upstreamModel: string;
  via: 'openai' | 'local';
}

export const OPENAI: OpenAiTarget = { label: 'OpenAI', model: 'gpt-4o-mini', upstreamModel: 'gpt-4o-mini', via: 'openai' };
/** A named OpenAI-compatible server (vLLM, Ollama…): `local/<model>` routes there with the prefix removed. */
export const COMPATIBLE: OpenAiTarget = { label: 'OpenAI-compatible', model: 'local/llama-3.1-8b', upstreamModel: 'llama-3.1-8b', via: 'local' };
export const OPENAI_TARGETS = [OPENAI, COMPATIBLE];

/** Every feature is asked both ways. */
export const STREAM_MODES = [
  { label: 'not streamed', stream: false },
  { label: 'streamed', stream: true },
] as const;

export interface SentRequest {
  path: string;
  headers: Headers;
  body: JsonObject;
}

export interface RecordingClient {
  client: OpenAI;
  /** Every JSON body the client sent, in order. */
  sent: SentRequest[];
  /** The last body the client sent. */
  last(): JsonObject;
}

/** An `openai` client whose fetch notes what it sends, so a test compares the client's body with the upstream's. */
export function recordingClient(apiKey: string, baseURL: string): RecordingClient {
  const sent: SentRequest[] = [];
  const client = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: 0,
    fetch: async (input, init) => {
      if (typeof init?.body === 'string') {
        sent.push({ path: new URL(String(input instanceof Request ? input.url : input)).pathname, headers: new Headers(init.headers), body: JSON.parse(init.body) as JsonObject });
      }
      return fetch(input, init);
    },
  });
  return {
    client,
    sent,
    last() {
      const b = sent.at(-1);
      if (!b) throw new Error('the client sent nothing');
      return b.body;
    },
  };
}

export interface Compat extends RecordingClient {
  gw: Gateway;
  /** The server behind OPENAI_COMPATIBLE_ENDPOINTS `local=`. */
  local: FakeOpenAi;
  token: string;
  fake(target: OpenAiTarget): FakeOpenAi;
  close(): Promise<void>;
}

export async function startCompat(env: Record<string, string> = {}): Promise<Compat> {
  const local = await startFakeOpenAi();
  const gw = await startGateway({ OPENAI_COMPATIBLE_ENDPOINTS: `local=${local.baseURL}`, ...env }, { listen: true });
  const token = await gw.login('dinakar_developer');
  const rc = recordingClient(token, `${gw.url}/v1`);
  return {
    ...rc,
    gw,
    local,
    token,
    fake: (t) => (t.via === 'local' ? local : gw.openai),
    async close() {
      await gw.close();
      await local.close();
    },
  };
}

/**
 * The body an OpenAI upstream must get for a body the client sent: the same, with the resolved model, `stream`
 * set by the gateway, `include_usage` asked for on streams, and the gateway's own `cache` field gone.
 */
export function expectedUpstream(clientBody: JsonObject, upstreamModel: string): JsonObject {
  const b = structuredClone(clientBody);
  delete b.cache;
  b.model = upstreamModel;
  if (b.stream === true) {
    b.stream_options = { ...((b.stream_options as JsonObject | undefined) ?? {}), include_usage: true };
  } else {
    b.stream = false;
    delete b.stream_options;
  }
  return b;
}

/** Awaits a call that must fail and returns its error as the SDK raised it. */
export async function apiError(p: Promise<unknown> | (() => Promise<unknown>)): Promise<InstanceType<typeof OpenAI.APIError>> {
  const err = await (typeof p === 'function' ? p() : p).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OpenAI.APIError)) throw new Error(`expected an APIError, got ${String(err)}`);
  return err;
}

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

/** The whole answer the SDK's own stream accumulator makes of these chunks (what `finalChatCompletion()` gives). */
export function assemble(chunks: ChatCompletionChunk[]): Promise<ChatCompletion> {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (const c of chunks) ctl.enqueue(enc.encode(`${JSON.stringify(c)}\n`));
      ctl.close();
    },
  });
  return ChatCompletionStream.fromReadableStream(body).finalChatCompletion();
}

export interface Asked {
  /** Non-streamed: the answer; streamed: what the SDK's accumulator made of the chunks. */
  completion: ChatCompletion;
  /** Streamed only: every chunk as the client got it. */
  chunks: ChatCompletionChunk[];
  headers: Headers;
}

/** One chat.completions.create call, streamed or not, with the response headers. */
export async function ask(client: OpenAI, body: JsonObject, stream: boolean): Promise<Asked> {
  if (!stream) {
    const { data, response } = await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
    return { completion: data, chunks: [], headers: response.headers };
  }
  const params = { ...body, stream: true } as unknown as OpenAI.ChatCompletionCreateParamsStreaming;
  const { data, response } = await client.chat.completions.create(params).withResponse();
  const chunks = await collect(data);
  return { completion: await assemble(chunks), chunks, headers: response.headers };
}

/** The chunks an upstream sent for a raw step (its frames without the [DONE] terminator). */
export const framesOf = (frames: unknown[]): unknown[] => frames.filter((f) => f !== '[DONE]');

/**
 * LiteLLM's reasoning fields of a streamed answer, put together: reasoning_content is streamed in pieces (the SDK's
 * accumulator keeps only the last unknown-field value, so a client joins them itself), thinking_blocks deltas carry
 * each block's signature.
 */
export function streamedReasoning(chunks: ChatCompletionChunk[]): { reasoning: string; blocks: JsonObject[] } {
  let reasoning = '';
  const blocks: JsonObject[] = [];
  for (const c of chunks) {
    const d = c.choices[0]?.delta as (JsonObject & { reasoning_content?: string; thinking_blocks?: JsonObject[] }) | undefined;
    if (typeof d?.reasoning_content === 'string') reasoning += d.reasoning_content;
    if (Array.isArray(d?.thinking_blocks)) blocks.push(...d.thinking_blocks);
  }
  return { reasoning, blocks };
}

/** POSTs to the gateway without the SDK and returns the raw answer (for SSE framing). */
export async function rawPost(c: Compat, path: string, body: JsonObject): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${c.gw.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

// ---- scripted answers -------------------------------------------------------------------------------------------

let seq = 0;
const nextId = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A chat.completion as OpenAI answers it, with its snapshot name, fingerprint and tier. */
export function completion(message: JsonObject, extra: JsonObject = {}): JsonObject {
  const finish = Array.isArray(message.tool_calls) ? 'tool_calls' : 'stop';
  return {
    id: nextId('chatcmpl-up'),
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_0ba0d124f1',
    service_tier: 'default',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, annotations: [], ...message }, logprobs: null, finish_reason: finish }],
    usage: {
      prompt_tokens: 31,
      completion_tokens: 12,
      total_tokens: 43,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    ...extra,
  };
}

export const textCompletion = (text: string, extra: JsonObject = {}): JsonObject => completion({ content: text }, extra);

export const toolCall = (id: string, name: string, args: JsonObject): JsonObject => ({
  id,
  type: 'function',
  function: { name, arguments: JSON.stringify(args) },
});

/** An Anthropic Message as the API answers it (a dated snapshot model, full usage). */
export function claudeMessage(content: JsonObject[], extra: JsonObject = {}): JsonObject {
  const stop = content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
  const { usage, ...rest } = extra;
  return {
    id: nextId('msg_up'),
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: 25,
      output_tokens: 11,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
      ...(usage as JsonObject | undefined),
    },
    ...rest,
  };
}

export const claudeText = (text: string): JsonObject => ({ type: 'text', text, citations: null });
export const claudeToolUse = (id: string, name: string, input: JsonObject): JsonObject => ({ type: 'tool_use', id, name, input });

/**
 * The chat.completion a Claude message must come back as, per the documented mapping. `streamed`: as the SDK's
 * stream accumulator rebuilds it (it adds `parsed: null`).
 */
export function expectedFromClaude(msg: JsonObject, message: JsonObject, finish: string, usage: JsonObject, streamed = false): JsonObject {
  return {
    id: msg.id,
    object: 'chat.completion',
    created: expect.any(Number) as unknown,
    model: msg.model,
    service_tier: 'default',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, ...message, ...(streamed ? { parsed: null } : {}) }, logprobs: null, finish_reason: finish }],
    usage,
  };
}

/** OpenAI usage for Anthropic's default usage in claudeMessage (no prompt caching). */
export const CLAUDE_USAGE = {
  prompt_tokens: 25,
  completion_tokens: 11,
  total_tokens: 36,
  prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
};

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  },
};

export const timeTool = {
  type: 'function' as const,
  function: {
    name: 'get_time',
    description: 'Local time in a time zone',
    parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] },
  },
};

/** The Anthropic form of a Chat Completions function tool. */
export function anthropicTool(t: typeof weatherTool | typeof timeTool): JsonObject {
  const fn = t.function as { name: string; description: string; parameters: JsonObject; strict?: boolean };
  return { name: fn.name, description: fn.description, input_schema: fn.parameters, ...(fn.strict === undefined ? {} : { strict: fn.strict }) };
}
