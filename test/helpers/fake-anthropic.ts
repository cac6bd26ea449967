/**
 * A fake Anthropic Messages server (POST /v1/messages, GET /v1/models) for tests and benchmarks, spoken to through
 * the real `@anthropic-ai/sdk` with `baseURL: fake.baseURL`. Streams use the real event sequence: message_start,
 * content_block_start, ping, content_block_delta…, content_block_stop, message_delta, message_stop.
 */
import {
  startFakeServer,
  type Dialect,
  type FakeLlmServer,
  type FakeServerOptions,
  type JsonObject,
} from './fake-llm-base.js';

export type { FakeStep, RecordedCall } from './fake-llm-base.js';

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

const anthropicDialect: Dialect = {
  chatPath: '/v1/messages',
  idPrefix: 'msg_fake_',
  modelsBody: (ids) => ({
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' })),
    has_more: false,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
  }),
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
  errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
  malformedFrame: 'event: content_block_delta\ndata: {not json\n\n',
};

export async function startFakeAnthropic(opts?: FakeServerOptions): Promise<FakeAnthropic> {
  const server = await startFakeServer(anthropicDialect, opts);
  // Object.assign rather than a spread, which would freeze the live closedConnections getter.
  return Object.assign(server, { baseURL: server.url });
}
