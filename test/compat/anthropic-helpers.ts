/** Fixtures and small helpers shared by the /v1/messages compatibility tests. */
import Anthropic from '@anthropic-ai/sdk';
import type { Gateway } from '../helpers/gateway.js';
import { parseSse } from '../helpers/gateway.js';
import type { JsonObject, RawFrame } from '../helpers/fake-anthropic.js';

/** A Claude model the SDK does not warn about (it prints a deprecation notice for claude-sonnet-4-5). */
export const CLAUDE = 'claude-haiku-4-5';
export const GPT = 'gpt-4o-mini';

/** A 1×1 transparent PNG. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
export const IMAGE_URL = 'https://example.com/cat.png';

export const weatherTool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

/** What Claude answers: whole fields as the real API sends them. */
export function claudeMessage(id: string, content: JsonObject[], stopReason = 'end_turn'): JsonObject {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5-20251001',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 21, output_tokens: 13, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
  };
}

/** A chat.completion with one tool call, as OpenAI answers it. */
export function gptToolCompletion(id: string): JsonObject {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        logprobs: null,
        message: {
          role: 'assistant',
          content: 'Checking the weather.',
          refusal: null,
          tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
      },
    ],
    usage: { prompt_tokens: 40, completion_tokens: 11, total_tokens: 51 },
  };
}

/** The Anthropic SDK as a client would point it at the gateway. */
export function anthropicClient(gw: Gateway, apiKey: string): Anthropic {
  return new Anthropic({ apiKey, baseURL: gw.url, maxRetries: 0 });
}

/** POSTs a Messages body with raw fetch; `headers` carries the key in whichever header is tested. */
export function postMessages(gw: Gateway, body: unknown, headers: Record<string, string> = {}, path = '/v1/messages'): Promise<Response> {
  return fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The SSE events of a raw response, data parsed. */
export async function sseEvents(res: Response): Promise<{ event: string; data: JsonObject }[]> {
  return parseSse(await res.text()).map((e) => ({ event: e.event, data: JSON.parse(e.data) as JsonObject }));
}

/** Collects every event an SDK stream yields. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

/** The bare objects of scripted frames (the fake's frames are bare objects named after their type). */
export const frameData = (frames: RawFrame[]): JsonObject[] => frames.filter((f): f is JsonObject => typeof f === 'object');

/**
 * A stream as the client can compare it with what the upstream sent: the output masker may hold text back and
 * release it in a later delta of the same block, so deltas are compared joined per block, and every other event
 * exactly. The SDK (ours and the client's) drops `ping`, which carries nothing.
 */
export function normalizeStream(events: readonly object[]): { types: string[]; others: unknown[]; text: Record<number, string> } {
  const evs = (events as JsonObject[]).filter((e) => e.type !== 'ping');
  const text: Record<number, string> = {};
  for (const e of evs) {
    if (e.type !== 'content_block_delta') continue;
    const d = e.delta as JsonObject;
    const piece = d.type === 'text_delta' ? d.text : d.type === 'input_json_delta' ? d.partial_json : '';
    text[e.index as number] = (text[e.index as number] ?? '') + String(piece);
  }
  const types = evs.filter((e, i) => e.type !== 'content_block_delta' || evs[i - 1]?.type !== 'content_block_delta').map((e) => String(e.type));
  return { types, others: evs.filter((e) => e.type !== 'content_block_delta'), text };
}

let seq = 0;
/** A prompt no other test sends, so the response cache never answers it. */
export const fresh = (text: string): string => `${text} (#${++seq}-${Date.now().toString(36)})`;

/** The error a call fails with (the test fails if it succeeds); E is the SDK's error type the caller expects. */
export function failure<E>(call: Promise<unknown>): Promise<E> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as E,
  );
}

/** An error body in either API's shape (Anthropic: `type` + `error.type`; OpenAI: `error.code`, `error.param`). */
export interface ErrorJson {
  type?: string;
  error: { type: string; message: string; code?: string | null; param?: string | null };
}

export const errorJson = async (res: Response): Promise<ErrorJson> => (await res.json()) as ErrorJson;
