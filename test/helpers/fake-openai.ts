/**
 * A fake OpenAI server (POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models[/{id}]) for tests and
 * benchmarks, spoken to through the real `openai` SDK with `baseURL`. Behaviour per call is scripted (see FakeStep);
 * openAiChunksFor turns a scripted chat.completion into the chunks OpenAI would stream for it.
 */
import {
  splitInto,
  splitText,
  startFakeServer,
  type Dialect,
  type ErrorDetail,
  type FakeLlmServer,
  type FakeServerOptions,
  type JsonObject,
  type RawFrame,
  type RecordedCall,
  type Reply,
} from './fake-llm-base.js';

import { FAKE_SEMANTIC_DIMENSIONS, fakeSemanticEmbedding, isFakeSemanticModel } from './fake-embedding.js';

export type { ErrorDetail, FakeStep, JsonObject, RawFrame, RecordedCall } from './fake-llm-base.js';

export interface FakeOpenAi extends FakeLlmServer {
  /** url + '/v1', what the OpenAI SDK takes as baseURL. */
  baseURL: string;
}

const CREATED = 1_700_000_000;

const modelBody = (id: string): JsonObject => ({ id, object: 'model', created: CREATED, owned_by: 'fake' });

const openAiDialect: Dialect = {
  chatPath: '/v1/chat/completions',
  endpoints: { '/v1/embeddings': embeddingsAnswer, '/v1/moderations': moderationAnswer },
  idPrefix: 'chatcmpl-fake-',
  modelsBody: (ids) => ({ object: 'list', data: ids.map(modelBody) }),
  modelBody,
  prompt(body) {
    const messages = Array.isArray(body.messages) ? (body.messages as JsonObject[]) : [];
    const text = (m: JsonObject | undefined): string => (typeof m?.content === 'string' ? m.content : '');
    const lastUser = text(messages.findLast((m) => m.role === 'user'));
    return { lastUser, promptChars: messages.reduce((n, m) => n + text(m).length, 0) };
  },
  wantsUsage: (body) => (body.stream_options as JsonObject | undefined)?.include_usage === true || body.stream !== true,
  json: (r) => ({
    id: r.id,
    object: 'chat.completion',
    created: CREATED,
    model: r.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.text, refusal: null },
        finish_reason: r.finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    ...(r.includeUsage ? { usage: usage(r) } : {}),
  }),
  sse(r) {
    const frame = (choices: unknown[], extra: JsonObject = {}): string =>
      `data: ${JSON.stringify({
        id: r.id,
        object: 'chat.completion.chunk',
        created: CREATED,
        model: r.model,
        choices,
        // Real OpenAI sends usage: null on every chunk but the last when include_usage is on.
        ...(r.includeUsage ? { usage: null } : {}),
        ...extra,
      })}\n\n`;
    const choice = (delta: JsonObject, finish: string | null = null): JsonObject => ({
      index: 0,
      delta,
      finish_reason: finish,
      logprobs: null,
    });
    const trailer: string[] = [];
    if (!r.noFinish) trailer.push(frame([choice({}, r.finishReason ?? 'stop')]));
    if (r.includeUsage) trailer.push(frame([], { usage: usage(r) }));
    trailer.push('data: [DONE]\n\n');
    return {
      prelude: [frame([choice({ role: 'assistant', content: '' })])],
      content: r.pieces.map((p) => frame([choice({ content: p })])),
      trailer,
    };
  },
  errorBody: (status, message, detail: ErrorDetail = {}) => ({
    error: {
      message,
      type: detail.type ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: detail.param === undefined ? null : detail.param,
      code: detail.code === undefined ? defaultErrorCode(status) : detail.code,
    },
  }),
  malformedFrame: 'data: {not json\n\n',
  rawFrame: (frame) => `data: ${JSON.stringify(frame)}\n\n`,
  framesFor: (answer, body) => openAiChunksFor(answer, { includeUsage: openAiDialect.wantsUsage(body) }),
};

/** The codes real OpenAI sends with these statuses (a bad key, an unknown model, too many requests). */
function defaultErrorCode(status: number): string | null {
  if (status === 401) return 'invalid_api_key';
  if (status === 404) return 'model_not_found';
  if (status === 429) return 'rate_limit_exceeded';
  return null;
}

function usage(r: Reply): JsonObject {
  return {
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    total_tokens: r.promptTokens + r.completionTokens,
  };
}

// ---- Streaming a scripted chat.completion ------------------------------------------------------------------------

/** Keys of a message that are streamed piece by piece; everything else goes out whole in one delta. */
const STREAMED_KEYS = new Set(['role', 'content', 'refusal', 'tool_calls']);

/**
 * The chunks OpenAI would stream for `completion`: per choice a role chunk, the content pieces (with their share of
 * logprobs.content), refusal pieces likewise, per tool call a delta with id/type/name and empty arguments then the
 * arguments in 2 pieces, the remaining non-empty message fields in one delta, and a finish chunk. Choices are
 * interleaved by index, one per chunk as OpenAI does, so a shorter choice finishes while another still streams;
 * then the usage chunk (`choices: []`) if includeUsage, then [DONE]. Fed to the SDK's stream accumulator, the
 * chunks rebuild `completion` (less empty `annotations` and other empty fields, which OpenAI does not stream).
 */
export function openAiChunksFor(completion: JsonObject, opts: { includeUsage?: boolean } = {}): RawFrame[] {
  const includeUsage = opts.includeUsage === true;
  const head: JsonObject = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created ?? CREATED,
    model: completion.model,
  };
  // OpenAI repeats these on every chunk.
  for (const key of ['service_tier', 'system_fingerprint']) if (key in completion) head[key] = completion[key];
  const chunk = (choices: JsonObject[], extra: JsonObject = {}): JsonObject => ({
    ...head,
    choices,
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });

  const choices = Array.isArray(completion.choices) ? (completion.choices as JsonObject[]) : [];
  const lanes = choices.map((c, i) => choiceDeltas(c, typeof c.index === 'number' ? c.index : i));
  const frames: RawFrame[] = [];
  const longest = Math.max(0, ...lanes.map((lane) => lane.length));
  for (let step = 0; step < longest; step++) {
    for (const entry of lanes.map((lane) => lane[step])) if (entry) frames.push(chunk([entry]));
  }
  if (includeUsage) frames.push(chunk([], { usage: completion.usage ?? null }));
  frames.push('[DONE]');
  return frames;
}

/** The `choices[0]` entries of one choice's chunks, in order. */
function choiceDeltas(choice: JsonObject, index: number): JsonObject[] {
  const message = (choice.message ?? {}) as JsonObject;
  const logprobs = (choice.logprobs ?? null) as JsonObject | null;
  const entry = (delta: JsonObject, lp: JsonObject | null = null, finish: unknown = null): JsonObject => ({
    index,
    delta,
    logprobs: lp,
    finish_reason: finish,
  });
  const out = [entry({ role: message.role ?? 'assistant', content: typeof message.content === 'string' ? '' : null, refusal: null })];
  for (const field of ['content', 'refusal'] as const) {
    const text = message[field];
    if (typeof text !== 'string' || text === '') continue;
    const tokens = Array.isArray(logprobs?.[field]) ? (logprobs[field] as JsonObject[]) : undefined;
    for (const piece of textPieces(text, tokens)) {
      const lp = piece.tokens ? { content: null, refusal: null, [field]: piece.tokens } : null;
      out.push(entry({ [field]: piece.text }, lp));
    }
  }
  const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as JsonObject[]) : [];
  toolCalls.forEach((call, i) => out.push(...toolCallDeltas(call, i).map((d) => entry({ tool_calls: [d] }))));
  const rest = Object.entries(message).filter(([k, v]) => !STREAMED_KEYS.has(k) && v != null && !(Array.isArray(v) && !v.length));
  if (rest.length) out.push(entry(Object.fromEntries(rest)));
  out.push(entry({}, null, choice.finish_reason ?? 'stop'));
  return out;
}

/**
 * Up to 3 pieces of a streamed text, each with its share of the logprob tokens. When the tokens spell the text,
 * pieces end on token boundaries as OpenAI's do; otherwise text and tokens are split evenly side by side.
 */
function textPieces(text: string, tokens: JsonObject[] | undefined): { text: string; tokens?: JsonObject[] }[] {
  if (!tokens?.length) return splitText(text, 3).map((t) => ({ text: t }));
  const groups = splitInto(tokens, Math.min(3, tokens.length));
  const spell = (list: JsonObject[]): string => list.map((t) => String(t.token ?? '')).join('');
  const texts = spell(tokens) === text ? groups.map(spell) : splitInto(text, groups.length);
  return groups.map((group, i) => ({ text: texts[i] ?? '', tokens: group }));
}

/** A function call as OpenAI streams it: id/type/name with empty arguments, then the arguments in 2 pieces. */
function toolCallDeltas(call: JsonObject, index: number): JsonObject[] {
  const fn = call.function as JsonObject | undefined;
  if (call.type !== 'function' || !fn) return [{ index, ...call }]; // other tool kinds: whole, in one delta
  const { arguments: args, ...fnRest } = fn;
  const first = { index, id: call.id, type: 'function', function: { ...fnRest, arguments: '' } };
  const parts = splitInto(typeof args === 'string' ? args : '', 2).filter(Boolean);
  return [first, ...parts.map((part) => ({ index, function: { arguments: part } }))];
}

// ---- Embeddings ------------------------------------------------------------------------------------------------

const DEFAULT_DIMENSIONS = 8;

/** POST /v1/embeddings: a deterministic unit vector per input, as floats or as base64 of a Float32Array. */
/** Every category OpenAI's omni-moderation model reports. */
export const MODERATION_CATEGORIES = ['harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent', 'self-harm', 'self-harm/instructions', 'self-harm/intent', 'sexual', 'sexual/minors', 'violence', 'violence/graphic'];

/**
 * POST /v1/moderations. A classifier by convention: an input flags the categories it names as `FAKE-FLAG:<category>`
 * (e.g. `FAKE-FLAG:hate`), with score 0.9; everything else scores 0.01. Tests choose what the classifier says
 * without depending on what our own rules catch.
 */
function moderationAnswer(call: RecordedCall): JsonObject {
  const inputs = Array.isArray(call.body.input) ? call.body.input : [call.body.input];
  const results = inputs.map((input) => {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    const flagged = new Set([...text.matchAll(/FAKE-FLAG:([a-z/-]+)/g)].map((m) => m[1]!));
    const categories = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, flagged.has(c)]));
    const scores = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, flagged.has(c) ? 0.9 : 0.01]));
    const types = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, flagged.has(c) ? ['text'] : []]));
    return { flagged: flagged.size > 0, categories, category_scores: scores, category_applied_input_types: types };
  });
  return { id: `modr-fake-${call.index}`, model: call.body.model, results };
}

function embeddingsAnswer(call: RecordedCall): JsonObject {
  const body = call.body;
  // *fake-semantic* models (text-embedding-fake-semantic) place paraphrases close together (fake-embedding.ts); any other model hashes the text.
  const semantic = isFakeSemanticModel(body.model);
  const dims = typeof body.dimensions === 'number' && body.dimensions >= 1 ? Math.floor(body.dimensions) : semantic ? FAKE_SEMANTIC_DIMENSIONS : DEFAULT_DIMENSIONS;
  const inputs = embeddingInputs(body.input);
  const data = inputs.map(({ key }, index) => {
    const vector = semantic && !key.startsWith('tokens:') ? fakeSemanticEmbedding(key, dims) : embed(key, dims);
    const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const promptTokens = inputs.reduce((n, i) => n + i.tokens, 0);
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } };
}

/** `input` is a string, a list of strings, a token list or a list of token lists: one entry per embedding. */
function embeddingInputs(input: unknown): { key: string; tokens: number }[] {
  const one = (x: unknown): { key: string; tokens: number } =>
    Array.isArray(x) ? { key: `tokens:${x.join(',')}`, tokens: x.length } : { key: String(x), tokens: Math.ceil(String(x).length / 4) };
  if (!Array.isArray(input)) return input === undefined ? [] : [one(input)];
  if (input.length > 0 && input.every((x) => typeof x === 'number')) return [one(input)];
  return input.map(one);
}

/**
 * FNV-1a over the text seeds a small PRNG (mulberry32) that draws the components; values are float32-exact so
 * the float and base64 encodings of one input decode to the same numbers.
 */
function embed(key: string, dims: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) seed = Math.imul(seed ^ key.charCodeAt(i), 0x01000193);
  const next = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  const raw = Array.from({ length: dims }, () => next() * 2 - 1);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => Math.fround(v / norm));
}

export async function startFakeOpenAi(opts?: FakeServerOptions): Promise<FakeOpenAi> {
  const server = await startFakeServer(openAiDialect, opts);
  // Object.assign rather than a spread, which would freeze the live closedConnections getter.
  return Object.assign(server, { baseURL: `${server.url}/v1` });
}
