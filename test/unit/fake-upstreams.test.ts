/**
 * The fake upstreams themselves, driven by the real `openai` and `@anthropic-ai/sdk` clients with no gateway in
 * between: what a `raw` step scripts must be exactly what the SDK hands back, streamed or not, so the compatibility
 * suite can trust "the upstream said X" when it checks that the client got X through the gateway.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsFor, startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import type { JsonObject } from '../helpers/fake-llm-base.js';
import { openAiChunksFor, startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';

const lp = (token: string, logprob: number): JsonObject => ({
  token,
  logprob,
  bytes: [...Buffer.from(token)],
  top_logprobs: [{ token, logprob, bytes: [...Buffer.from(token)] }],
});

const USAGE = {
  prompt_tokens: 31,
  completion_tokens: 47,
  total_tokens: 78,
  prompt_tokens_details: { cached_tokens: 16, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 12, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};

/** n=2: tool calls in one choice, text with logprobs in the other. */
const TOOLS_AND_TEXT: JsonObject = {
  id: 'chatcmpl-scripted-1',
  object: 'chat.completion',
  created: 1_717_171_717,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_0ddba11',
  service_tier: 'default',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          { id: 'call_weather', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } },
          { id: 'call_time', type: 'function', function: { name: 'get_time', arguments: '{"tz":"Europe/Paris"}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
    {
      index: 1,
      message: { role: 'assistant', content: 'It is sunny in Paris.', refusal: null },
      finish_reason: 'stop',
      logprobs: {
        content: [lp('It', -0.01), lp(' is', -0.2), lp(' sunny', -1.5), lp(' in', -0.02), lp(' Paris', -0.3), lp('.', -0.001)],
        refusal: null,
      },
    },
  ],
  usage: USAGE,
};

const REFUSAL: JsonObject = {
  id: 'chatcmpl-scripted-2',
  object: 'chat.completion',
  created: 1_717_171_718,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_0ddba11',
  service_tier: 'default',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." },
      finish_reason: 'stop',
      logprobs: { content: null, refusal: [lp("I'm", -0.1), lp(' sorry', -0.2), lp(',', -0.3), lp(" I can't help with that.", -0.4)] },
    },
  ],
  usage: USAGE,
};

const THINKING_AND_TOOL: JsonObject = {
  id: 'msg_scripted_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: 'The user wants the weather; I should call the tool.', signature: 'EqQBCkYIARgCIkD-sig' },
    { type: 'text', text: 'Let me check the weather.', citations: null },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris', days: [1, 2], deep: { unit: 'c' } } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: {
    input_tokens: 120,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 64,
    output_tokens: 85,
    service_tier: 'standard',
  },
};

/** The stream helper adds `parsed: null` to every message; nothing an upstream sends. */
function withoutParsed(completion: OpenAI.ChatCompletion): unknown {
  const { choices, ...rest } = completion;
  return {
    ...rest,
    choices: choices.map(({ message, ...choice }) => {
      const { parsed: _parsed, ...plain } = message as typeof message & { parsed?: unknown };
      return { ...choice, message: plain };
    }),
  };
}

const chatParams = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'weather in Paris?' }] };

describe('fake OpenAI', () => {
  let fake: FakeOpenAi;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  describe.each([
    ['tool calls, logprobs, n=2', TOOLS_AND_TEXT],
    ['a refusal with its logprobs', REFUSAL],
  ])('raw answer: %s', (_name, completion) => {
    it('non-streamed: the client gets the scripted completion', async () => {
      fake.script({ kind: 'raw', json: completion, headers: { 'x-request-id': 'req_scripted' } });
      const { data, response } = await client.chat.completions.create({ ...chatParams, n: 2, logprobs: true }).withResponse();
      expect(data).toEqual(completion);
      expect(response.headers.get('x-request-id')).toBe('req_scripted');
    });

    it('streamed (frames derived from json): the assembled stream is the scripted completion', async () => {
      fake.script({ kind: 'raw', json: completion });
      const stream = client.chat.completions.stream({ ...chatParams, n: 2, stream_options: { include_usage: true } });
      expect(withoutParsed(await stream.finalChatCompletion())).toEqual(completion);
    });

    it('streamed (explicit frames, delayed): the same', async () => {
      fake.script({ kind: 'raw', frames: openAiChunksFor(completion, { includeUsage: true }), chunkDelayMs: 2 });
      const stream = client.chat.completions.stream({ ...chatParams, stream_options: { include_usage: true } });
      expect(withoutParsed(await stream.finalChatCompletion())).toEqual(completion);
    });
  });

  it('openAiChunksFor streams like OpenAI: metadata on every chunk, tool calls in 3 deltas, choices interleaved', () => {
    const frames = openAiChunksFor(TOOLS_AND_TEXT, { includeUsage: true });
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1) as JsonObject[];
    for (const c of chunks) {
      expect(c).toMatchObject({ id: 'chatcmpl-scripted-1', object: 'chat.completion.chunk', model: 'gpt-4o-2024-08-06' });
      expect(c).toMatchObject({ system_fingerprint: 'fp_0ddba11', service_tier: 'default', created: 1_717_171_717 });
    }
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: USAGE });
    const entries = chunks.slice(0, -1).map((c) => (c.choices as JsonObject[])[0]!);
    expect(entries.slice(0, 4).map((e) => e.index)).toEqual([0, 1, 0, 1]);
    const weather = entries.filter((e) => e.index === 0).flatMap((e) => ((e.delta as JsonObject).tool_calls as JsonObject[] | undefined) ?? []);
    const [first, ...args] = weather.filter((d) => d.index === 0);
    expect(first).toEqual({ index: 0, id: 'call_weather', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(args).toHaveLength(2);
    expect(args.map((d) => Object.keys(d).sort().join())).toEqual(['function,index', 'function,index']);
    expect(args.map((d) => (d.function as JsonObject).arguments).join('')).toBe('{"city":"Paris","unit":"celsius"}');
    // Each choice finishes on its own, the shorter one first, as OpenAI's do with n > 1.
    expect(entries.filter((e) => e.finish_reason !== null).map((e) => [e.index, e.finish_reason])).toEqual([
      [1, 'stop'],
      [0, 'tool_calls'],
    ]);
    // The text pieces end on token boundaries, each with its own tokens.
    const text = entries.filter((e) => e.index === 1 && (e.delta as JsonObject).content);
    expect(text.map((e) => (e.delta as JsonObject).content)).toEqual(['It is', ' sunny in', ' Paris.']);
    expect(text.map((e) => ((e.logprobs as JsonObject).content as JsonObject[]).length)).toEqual([2, 2, 2]);
  });

  it('writes raw frames byte for byte: bare objects as data, named events, [DONE]', async () => {
    fake.script({ kind: 'raw', frames: [{ a: 1 }, { event: 'odd', data: { b: 2 } }, '[DONE]'], headers: { 'x-extra': 'yes' } });
    const res = await fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...chatParams, stream: true }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-extra')).toBe('yes');
    expect(await res.text()).toBe('data: {"a":1}\n\nevent: odd\ndata: {"b":2}\n\ndata: [DONE]\n\n');
  });

  it('a raw step with a failing status fails a stream with its JSON before any event', async () => {
    const body = { error: { message: 'scripted outage', type: 'server_error', param: null, code: 'overloaded' } };
    fake.script({ kind: 'raw', status: 503, json: body });
    const err = await client.chat.completions.create({ ...chatParams, stream: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: 503, code: 'overloaded', error: body.error });
  });

  it('a raw step without json answers normally, with its status and headers', async () => {
    fake.script({ kind: 'raw', status: 203, headers: { 'x-extra': 'yes' } });
    const { data, response } = await client.chat.completions.create(chatParams).withResponse();
    expect(response.status).toBe(203);
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(data.choices[0]!.message.content).toBe('Echo: weather in Paris?');
  });

  it('an error step carries the upstream detail: the SDK error class with param, code, type and headers', async () => {
    fake.script({
      kind: 'error',
      status: 400,
      message: "This model's maximum context length is 128000 tokens.",
      param: 'messages',
      code: 'context_length_exceeded',
      headers: { 'x-request-id': 'req_err' },
    });
    const err = await client.chat.completions.create(chatParams).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const e = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect([e.param, e.code, e.type, e.requestID]).toEqual(['messages', 'context_length_exceeded', 'invalid_request_error', 'req_err']);
    expect(e.message).toBe("400 This model's maximum context length is 128000 tokens.");
  });

  it.each([
    [401, OpenAI.AuthenticationError, 'invalid_request_error', 'invalid_api_key'],
    [404, OpenAI.NotFoundError, 'invalid_request_error', 'model_not_found'],
    [429, OpenAI.RateLimitError, 'requests', 'rate_limit_exceeded'],
    [500, OpenAI.InternalServerError, 'server_error', null],
  ] as const)('default error detail for %i', async (status, cls, type, code) => {
    fake.script({ kind: 'error', status });
    const err = await client.chat.completions.create(chatParams).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ status, type, code, param: null });
  });

  it('an explicit null replaces a default code', async () => {
    fake.script({ kind: 'error', status: 404, code: null, type: 'not_found' });
    const err = await client.chat.completions.create(chatParams).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, type: 'not_found', code: null });
  });

  describe('embeddings', () => {
    afterEach(() => fake.setDefault({ kind: 'answer' }));

    it('float: deterministic unit vectors of `dimensions` floats, one per input, recorded like chat calls', async () => {
      const before = fake.calls.length;
      const params = { model: 'text-embedding-3-small', input: ['alpha', 'beta'], encoding_format: 'float' as const, dimensions: 5 };
      const a = await client.embeddings.create(params);
      const b = await client.embeddings.create(params);
      expect(a).toEqual(b);
      expect(a).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 3, total_tokens: 3 } }); // ceil(chars / 4) per input
      expect(a.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
        ['embedding', 0, 5],
        ['embedding', 1, 5],
      ]);
      expect(a.data[0]!.embedding).not.toEqual(a.data[1]!.embedding);
      expect(Math.hypot(...a.data[0]!.embedding)).toBeCloseTo(1, 5);
      const call = fake.calls[before]!;
      expect(call).toMatchObject({ path: '/v1/embeddings', stream: false, body: params });
      expect(JSON.parse(call.rawBody)).toEqual(params);
    });

    it('base64 is the Float32Array of the same vector; the SDK default (base64, decoded) gives the float answer', async () => {
      const input = 'some text to embed';
      const floats = await client.embeddings.create({ model: 'e', input, encoding_format: 'float' });
      expect(floats.data[0]!.embedding).toHaveLength(8);
      const raw = await client.embeddings.create({ model: 'e', input, encoding_format: 'base64' });
      const b64 = raw.data[0]!.embedding as unknown as string;
      const bytes = Buffer.from(b64, 'base64');
      expect([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)]).toEqual(floats.data[0]!.embedding);
      const decoded = await client.embeddings.create({ model: 'e', input });
      expect(fake.calls.at(-1)!.body.encoding_format).toBe('base64');
      expect(decoded.data[0]!.embedding).toEqual(floats.data[0]!.embedding);
    });

    it('token inputs: one embedding per token list', async () => {
      const res = await client.embeddings.create({ model: 'e', input: [[1, 2, 3], [4, 5]], encoding_format: 'float' });
      expect(res.data).toHaveLength(2);
      expect(res.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    });

    it('consumes scripted steps: an error fails it, raw json wins over the computed answer', async () => {
      fake.script({ kind: 'error', status: 400, message: 'bad input', param: 'input', code: 'invalid_input' }, { kind: 'raw', json: { object: 'list', data: [], model: 'x', usage: { prompt_tokens: 0, total_tokens: 0 } } });
      const err = await client.embeddings.create({ model: 'e', input: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err).toMatchObject({ param: 'input', code: 'invalid_input' });
      const res = await client.embeddings.create({ model: 'e', input: 'x', encoding_format: 'float' });
      expect(res).toEqual({ object: 'list', data: [], model: 'x', usage: { prompt_tokens: 0, total_tokens: 0 } });
    });
  });

  it('records the request body byte for byte', async () => {
    const text = '{"model":"gpt-4o",  "messages":[{"role":"user","content":"h\\u00e9"}]}';
    const index = fake.calls.length;
    await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(fake.calls[index]!.rawBody).toBe(text);
    expect(fake.calls[index]!.body).toEqual(JSON.parse(text));
  });

  it('GET /v1/models/{id}: the model object, or 404 model_not_found', async () => {
    expect(await client.models.retrieve('fake-model-small')).toEqual({
      id: 'fake-model-small',
      object: 'model',
      created: 1_700_000_000,
      owned_by: 'fake',
    });
    const err = await client.models.retrieve('gpt-nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ code: 'model_not_found', param: 'model', message: "404 The model 'gpt-nope' does not exist" });
  });
});

describe('fake Anthropic', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  const params = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'weather?' }] };

  it('non-streamed raw message: the client gets it unchanged', async () => {
    fake.script({ kind: 'raw', json: THINKING_AND_TOOL });
    expect(await client.messages.create(params)).toEqual(THINKING_AND_TOOL);
  });

  it('thinking + tool_use streamed from json: finalMessage() is the scripted message', async () => {
    fake.script({ kind: 'raw', json: THINKING_AND_TOOL, chunkDelayMs: 1 });
    // The SDK adds parsed_output (its structured-output helper): nothing an upstream sends.
    const { parsed_output: _parsed, ...message } = await client.messages.stream(params).finalMessage();
    expect(message).toEqual(THINKING_AND_TOOL);
  });

  it('anthropicEventsFor: the real event sequence', () => {
    const frames = anthropicEventsFor(THINKING_AND_TOOL) as JsonObject[];
    const shape = frames.map((f) => (f.type === 'content_block_delta' ? `${f.index}:${(f.delta as JsonObject).type}` : f.type));
    expect(shape).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      '0:thinking_delta',
      '0:thinking_delta',
      '0:thinking_delta',
      '0:signature_delta',
      'content_block_stop',
      'content_block_start',
      '1:text_delta',
      '1:text_delta',
      '1:text_delta',
      'content_block_stop',
      'content_block_start',
      '2:input_json_delta',
      '2:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[0]).toMatchObject({
      message: { content: [], stop_reason: null, usage: { input_tokens: 120, cache_read_input_tokens: 64, output_tokens: 1 } },
    });
    expect(frames.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 85 },
    });
  });

  it('writes a bare frame as an event named by its type', async () => {
    fake.script({ kind: 'raw', frames: [{ type: 'ping' }, { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'x' } } }] });
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, stream: true }),
    });
    expect(await res.text()).toBe(
      'event: ping\ndata: {"type":"ping"}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"x"}}\n\n',
    );
  });

  it('an error step: the SDK error class with the scripted type and message', async () => {
    fake.script({ kind: 'error', status: 400, type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' });
    const err = await client.messages.create(params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
    });
    fake.script({ kind: 'error', status: 529 });
    const overloaded = await client.messages.create(params).catch((e: unknown) => e);
    expect(overloaded).toMatchObject({ status: 529, error: { error: { type: 'overloaded_error' } } });
  });

  it('GET /v1/models/{id}', async () => {
    expect(await client.models.retrieve('fake-model-large')).toMatchObject({ type: 'model', id: 'fake-model-large' });
    const err = await client.models.retrieve('claude-nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
