/**
 * A fake Anthropic Messages server (POST /v1/messages, GET /v1/models[/{id}]) for tests and benchmarks, spoken to
 * through the real `@anthropic-ai/sdk` with `baseURL: fake.baseURL`. Streams use the real event sequence:
 * message_start, content_block_start, ping, content_block_delta…, content_block_stop, message_delta, message_stop;
 * anthropicEventsFor turns a scripted message into that sequence.
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
} from './fake-llm-base.js';

export type { ErrorDetail, FakeStep, JsonObject, RawFrame, RecordedCall } from './fake-llm-base.js';

export interface FakeAnthropic extends FakeLlmServer {
  /** What the Anthropic SDK takes as baseURL: the bare url, since the SDK adds `/v1/messages` itself. */
  baseURL: string;
}

/** Text of a `content` / `system` value, which is a string or an array of blocks. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return (value as JsonObject[]).map((b) => (typeof b.text === 'string' ? b.text : '')).join('');
}

const event = (type: string, data: JsonObject): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

const modelBody = (id: string): JsonObject => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' });

const anthropicDialect: Dialect = {
  chatPath: '/v1/messages',
  // Anthropic's token count: the fake's usual estimate of the prompt (system and every message's text).
  endpoints: { '/v1/messages/count_tokens': (call) => ({ input_tokens: Math.ceil(anthropicDialect.prompt(call.body).promptChars / 4) }) },
  idPrefix: 'msg_fake_',
  modelsBody: (ids) => ({
    data: ids.map(modelBody),
    has_more: false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  }),
  modelBody,
  prompt(body) {
    const messages = Array.isArray(body.messages) ? (body.messages as JsonObject[]) : [];
    const lastUser = textOf(messages.findLast((m) => m.role === 'user')?.content);
    const promptChars = messages.reduce((n, m) => n + textOf(m.content).length, textOf(body.system).length);
    return { lastUser, promptChars };
  },
  wantsUsage: () => true,
  json: (r) => ({
    id: r.id,
    type: 'message',
    role: 'assistant',
    model: r.model,
    content: [{ type: 'text', text: r.text, citations: null }],
    stop_reason: r.finishReason ?? 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: r.promptTokens, output_tokens: r.completionTokens },
  }),
  sse(r) {
    const trailer = [
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: r.finishReason ?? 'end_turn', stop_sequence: null },
        usage: { output_tokens: r.completionTokens },
      }),
    ];
    if (!r.noFinish) trailer.push(event('message_stop', {}));
    return {
      prelude: [
        event('message_start', {
          message: {
            id: r.id,
            type: 'message',
            role: 'assistant',
            model: r.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: r.promptTokens, output_tokens: 1 },
          },
        }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('ping', {}),
      ],
      content: r.pieces.map((text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
      trailer,
    };
  },
  // Anthropic errors have no param or code.
  errorBody: (status, message, detail: ErrorDetail = {}) => ({
    type: 'error',
    error: { type: detail.type ?? errorType(status), message },
  }),
  malformedFrame: 'event: content_block_delta\ndata: {not json\n\n',
  rawFrame: (frame) => `event: ${String(frame.type)}\ndata: ${JSON.stringify(frame)}\n\n`,
  framesFor: (answer) => anthropicEventsFor(answer),
};

// ---- Streaming a scripted message ------------------------------------------------------------------------------

/**
 * The events Anthropic would stream for `message`: message_start (no content, no stop reason, the usage with
 * output_tokens at most 1), ping, per content block its start/deltas/stop, message_delta (stop reason, stop
 * sequence, output_tokens), message_stop. Fed to the SDK's MessageStream, they rebuild `message`.
 */
export function anthropicEventsFor(message: JsonObject): RawFrame[] {
  const usage = (message.usage ?? {}) as JsonObject;
  const outputTokens = typeof usage.output_tokens === 'number' ? usage.output_tokens : 0;
  const blocks = Array.isArray(message.content) ? (message.content as JsonObject[]) : [];
  // stop_details only when the message has it: the SDK copies the delta's value, so an absent one stays absent.
  const stopDetails = 'stop_details' in message;
  const start: JsonObject = {
    ...message,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    ...(stopDetails ? { stop_details: null } : {}),
    usage: { ...usage, output_tokens: Math.min(1, outputTokens) },
  };
  const delta: JsonObject = {
    stop_reason: 'stop_reason' in message ? message.stop_reason : 'end_turn',
    stop_sequence: message.stop_sequence ?? null,
    ...(stopDetails ? { stop_details: message.stop_details } : {}),
  };
  return [
    { type: 'message_start', message: start },
    { type: 'ping' },
    ...blocks.flatMap(blockEvents),
    { type: 'message_delta', delta, usage: { output_tokens: outputTokens } },
    { type: 'message_stop' },
  ];
}

/** One content block: text in text_delta pieces (then its citations), tool input as 2 pieces of JSON, thinking then its signature. */
function blockEvents(block: JsonObject, index: number): JsonObject[] {
  const start = (contentBlock: JsonObject): JsonObject => ({ type: 'content_block_start', index, content_block: contentBlock });
  const delta = (d: JsonObject): JsonObject => ({ type: 'content_block_delta', index, delta: d });
  const stop = { type: 'content_block_stop', index };
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  switch (block.type) {
    case 'text': {
      const { text, citations, ...rest } = block;
      const cites = Array.isArray(citations) ? citations : [];
      const first = { ...rest, text: '', ...(citations === undefined ? {} : { citations: cites.length ? [] : citations }) };
      const texts = splitText(str(text), 3).map((t) => delta({ type: 'text_delta', text: t }));
      return [start(first), ...texts, ...cites.map((citation) => delta({ type: 'citations_delta', citation })), stop];
    }
    case 'tool_use':
    case 'server_tool_use': {
      const parts = splitInto(JSON.stringify(block.input ?? {}), 2).filter(Boolean);
      return [start({ ...block, input: {} }), ...parts.map((p) => delta({ type: 'input_json_delta', partial_json: p })), stop];
    }
    case 'thinking': {
      const thoughts = splitText(str(block.thinking), 3).map((t) => delta({ type: 'thinking_delta', thinking: t }));
      const signature = delta({ type: 'signature_delta', signature: str(block.signature) });
      return [start({ ...block, thinking: '', signature: '' }), ...thoughts, signature, stop];
    }
    default:
      return [start(block), stop]; // redacted_thinking, tool results…: whole in the start event
  }
}

export async function startFakeAnthropic(opts?: FakeServerOptions): Promise<FakeAnthropic> {
  const server = await startFakeServer(anthropicDialect, opts);
  // Object.assign rather than a spread, which would freeze the live closedConnections getter.
  return Object.assign(server, { baseURL: server.url });
}
