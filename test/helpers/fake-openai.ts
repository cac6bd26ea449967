/**
 * A fake OpenAI Chat Completions server (POST /v1/chat/completions, GET /v1/models) for tests and benchmarks,
 * spoken to through the real `openai` SDK with `baseURL`. Behaviour per call is scripted (see FakeStep).
 */
import {
  startFakeServer,
  type Dialect,
  type FakeLlmServer,
  type FakeServerOptions,
  type JsonObject,
  type Reply,
} from './fake-llm-base.js';

export type { FakeStep, RecordedCall } from './fake-llm-base.js';

export interface FakeOpenAi extends FakeLlmServer {
  /** url + '/v1', what the OpenAI SDK takes as baseURL. */
  baseURL: string;
}

const CREATED = 1_700_000_000;

const openAiDialect: Dialect = {
  chatPath: '/v1/chat/completions',
  idPrefix: 'chatcmpl-fake-',
  modelsBody: (ids) => ({
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'fake' })),
  }),
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
  errorBody: (status, message) => ({
    error: {
      message,
      type: status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error',
      param: null,
      code: status === 429 ? 'rate_limit_exceeded' : null,
    },
  }),
  malformedFrame: 'data: {not json\n\n',
};

function usage(r: Reply): JsonObject {
  return {
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    total_tokens: r.promptTokens + r.completionTokens,
  };
}

export async function startFakeOpenAi(opts?: FakeServerOptions): Promise<FakeOpenAi> {
  const server = await startFakeServer(openAiDialect, opts);
  // Object.assign rather than a spread, which would freeze the live closedConnections getter.
  return Object.assign(server, { baseURL: `${server.url}/v1` });
}
