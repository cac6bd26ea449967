import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../src/llm/providers/anthropic.js';
import {
  ProviderError,
  type AnthropicStreamEvent,
  type ChatBody,
  type ChatCompletionChunk,
  type ChatRequest,
  type LlmProvider,
  type MessagesBody,
  type Upstream,
} from '../../src/llm/types.js';
import { anthropicEventsFor, startFakeAnthropic, type FakeAnthropic, type JsonObject } from '../helpers/fake-anthropic.js';
import { sdkTransports } from '../helpers/transports.js';

/** An answer with text and two tool calls, and cache reads in its usage. */
const TOOL_ANSWER: JsonObject = {
  id: 'msg_tools_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'text', text: 'Let me check.', citations: null },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
    { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: {} },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 120, cache_creation_input_tokens: 10, cache_read_input_tokens: 64, output_tokens: 85, service_tier: 'standard' },
};

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/**
 * How long a test waits for the fake to see a connection closed. Generous: only a close that never comes takes this
 * long, and where the upstream stalls forever nothing else would close it.
 */
const CLOSE_WAIT_MS = 15_000;

const contentOf = (chunks: ChatCompletionChunk[]): string[] =>
  chunks.flatMap((c) => c.choices.flatMap((ch) => (ch.delta.content ? [ch.delta.content] : [])));

describe.each(sdkTransports())('SDK transport: $name', ({ fetch }) => {
  let fake: FakeAnthropic;
  let provider: LlmProvider;

  beforeEach(async () => {
    fake = await startFakeAnthropic();
    provider = createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: fake.baseURL, timeoutMs: 2000, fetch });
  });
  afterEach(() => fake.close());

  const messages: ChatBody['messages'] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'hello there' },
    { role: 'assistant', content: 'Hi.' },
    { role: 'system', content: 'Answer in English.' },
    { role: 'user', content: 'how are you' },
  ];
  const req = (extra: Partial<ChatBody> = {}, signal?: AbortSignal): ChatRequest => ({
    body: { model: 'claude-test', messages, ...extra },
    ...(signal ? { signal } : {}),
  });

  async function collect<T>(opened: Promise<Upstream<AsyncIterable<T>>>, seen: T[] = []): Promise<T[]> {
    for await (const c of (await opened).value) seen.push(c);
    return seen;
  }

  async function failure(p: Promise<unknown>): Promise<ProviderError> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }

  describe('anthropic provider: request mapping', () => {
    it('moves system messages to the system param and defaults max_tokens to 1024', async () => {
      await provider.complete(req());
      const call = fake.calls[0]!;
      // SDK 1.x sends the key as a bearer token, no longer as x-api-key.
      expect(call.headers.authorization).toBe('Bearer sk-ant-test');
      expect(call.headers['anthropic-version']).toBeDefined();
      expect(call.body).toEqual({
        model: 'claude-test',
        max_tokens: 1024,
        system: 'Be brief.\n\nAnswer in English.',
        messages: [
          { role: 'user', content: 'hello there' },
          { role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] },
          { role: 'user', content: 'how are you' },
        ],
        stream: false,
      });
    });

    it('passes max_completion_tokens (or max_tokens) and stop sequences, and sends no system param without system messages', async () => {
      const hi: ChatBody['messages'] = [{ role: 'user', content: 'hi' }];
      await provider.complete({ body: { model: 'claude-test', messages: hi, max_completion_tokens: 9, stop: ['END'] } });
      await provider.complete({ body: { model: 'claude-test', messages: hi, max_tokens: 11, stop: 'HALT' } });
      expect(fake.calls[0]!.body).toEqual({ model: 'claude-test', max_tokens: 9, stop_sequences: ['END'], messages: [{ role: 'user', content: 'hi' }], stream: false });
      expect(fake.calls[1]!.body).toMatchObject({ max_tokens: 11, stop_sequences: ['HALT'] });
      expect(fake.calls[1]!.body).not.toHaveProperty('system');
    });

    it('drops OpenAI-platform fields, maps user to metadata.user_id, and passes unknown (Anthropic) fields through', async () => {
      await provider.complete(req({ store: true, service_tier: 'auto', metadata: { a: 'b' }, user: 'u-7', container: 'cnt_1' } as Partial<ChatBody>));
      const body = fake.calls[0]!.body;
      expect(body).toMatchObject({ metadata: { user_id: 'u-7' }, container: 'cnt_1' });
      for (const field of ['store', 'service_tier', 'user']) expect(body).not.toHaveProperty(field);
    });

    it.each([
      ['temperature', { temperature: 0.2 }],
      ['top_p', { top_p: 0.9 }],
    ])('refuses %s with a 400-like bad_request naming the parameter, without calling upstream', async (param, extra) => {
      const err = await failure(provider.complete(req(extra)));
      expect(err.kind).toBe('bad_request');
      expect(err.retryable).toBe(false);
      expect(err.options).toMatchObject({ status: 400, provider: 'anthropic' });
      expect(err.options.upstream).toMatchObject({ type: 'invalid_request_error', param, code: 'unsupported_parameter' });
      expect(err.options.upstream!.message).toContain(param);
      expect(await failure(collect(provider.stream(req(extra))))).toMatchObject({ kind: 'bad_request', options: { upstream: { param } } });
      expect(fake.calls).toHaveLength(0);
    });

    it('refuses other untranslatable fields the same way (n > 1, logprobs, seed)', async () => {
      for (const [param, extra] of [
        ['n', { n: 2 }],
        ['logprobs', { logprobs: true }],
        ['seed', { seed: 1 }],
      ] as const) {
        const err = await failure(provider.complete(req(extra)));
        expect(err.options.upstream).toMatchObject({ param, code: 'unsupported_parameter' });
      }
      // harmless values pass
      await provider.complete(req({ n: 1, logprobs: false }));
      expect(fake.calls).toHaveLength(1);
    });

    it('with dropUnsupported, leaves temperature, top_p and top_k out instead', async () => {
      const lenient = createAnthropicProvider({ apiKey: 'k', baseURL: fake.baseURL, fetch, dropUnsupported: true });
      const result = await lenient.complete(req({ temperature: 0.2, top_p: 0.5, top_k: 5 } as Partial<ChatBody>));
      expect(result.value.choices[0]!.message.content).toBe('Echo: how are you');
      const body = fake.calls[0]!.body;
      for (const field of ['temperature', 'top_p', 'top_k']) expect(body).not.toHaveProperty(field);
    });

    it('translates tools, tool_choice, assistant tool calls, tool results and images', async () => {
      await provider.complete({
        body: {
          model: 'claude-test',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in these, and the weather?' },
                { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
                { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              ],
            },
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
            },
            { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
          ],
          tools: [WEATHER_TOOL, { type: 'function', function: { name: 'get_time' } }],
          tool_choice: 'required',
          parallel_tool_calls: false,
        },
      });
      expect(fake.calls[0]!.body).toEqual({
        model: 'claude-test',
        max_tokens: 1024,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in these, and the weather?' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            ],
          },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"temp":21}' }] },
        ],
        tools: [
          { name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_TOOL.function.parameters },
          { name: 'get_time', input_schema: { type: 'object', properties: {} } },
        ],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        stream: false,
      });
    });

    it('refuses an image it cannot send, naming where it is', async () => {
      const err = await failure(
        provider.complete({
          body: { model: 'claude-test', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }] }] },
        }),
      );
      expect(err).toMatchObject({ kind: 'bad_request', options: { upstream: { param: 'messages[0].content[0].image_url' } } });
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('anthropic provider: complete', () => {
    it('answers with a whole chat.completion: content, usage, stop_reason end_turn', async () => {
      const before = Math.floor(Date.now() / 1000);
      const result = await provider.complete(req());
      const after = Math.ceil(Date.now() / 1000);
      expect(result.value).toEqual({
        id: 'msg_fake_0',
        object: 'chat.completion',
        created: expect.any(Number),
        model: 'claude-test',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Echo: how are you', refusal: null }, logprobs: null, finish_reason: 'stop' }],
        // fake: ceil(chars / 4) of system, joined, + messages (54 chars), and of the answer (17 chars)
        usage: { prompt_tokens: 14, completion_tokens: 5, total_tokens: 19, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } },
      });
      // Unix seconds of the answer (the Messages API has no timestamp): stamped while the call ran.
      expect(result.value.created).toBeGreaterThanOrEqual(before);
      expect(result.value.created).toBeLessThanOrEqual(after);
      expect(result.upstreamRequestId).toBeUndefined();
    });

    it.each([
      ['max_tokens', 'length'],
      ['stop_sequence', 'stop'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
    ])('maps stop_reason %s to %s', async (stopReason, finish) => {
      fake.script({ kind: 'answer', finishReason: stopReason });
      expect((await provider.complete(req())).value.choices[0]!.finish_reason).toBe(finish);
    });

    it('puts a refusal in `refusal`, not in `content`', async () => {
      fake.script({ kind: 'answer', text: 'I cannot help with that.', finishReason: 'refusal' });
      const { message } = (await provider.complete(req())).value.choices[0]!;
      expect(message).toMatchObject({ content: null, refusal: 'I cannot help with that.' });
    });

    it('turns tool_use blocks into tool_calls, with cache tokens in the usage and the upstream request id', async () => {
      fake.script({ kind: 'raw', json: TOOL_ANSWER, headers: { 'request-id': 'req_ant_1' } });
      const result = await provider.complete(req({ tools: [WEATHER_TOOL] }));
      expect(result.upstreamRequestId).toBe('req_ant_1');
      expect(result.value).toMatchObject({ id: 'msg_tools_1', model: 'claude-sonnet-4-5', service_tier: 'default' });
      expect(result.value.choices).toEqual([
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me check.',
            refusal: null,
            tool_calls: [
              { id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","days":[1,2]}' } },
              { id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ]);
      // OpenAI's prompt_tokens counts every input token, cache reads and writes included.
      expect(result.value.usage).toEqual({
        prompt_tokens: 194,
        completion_tokens: 85,
        total_tokens: 279,
        prompt_tokens_details: { cached_tokens: 64, cache_write_tokens: 10 },
      });
    });

    it('refuses a message without content as a broken answer', async () => {
      fake.script({ kind: 'raw', json: { id: 'msg_x', type: 'message', role: 'assistant', model: 'claude-test', stop_reason: 'end_turn' } });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'stream_broken', options: { provider: 'anthropic' } });
    });

    it('lists models', async () => {
      expect(await provider.listModels!()).toEqual(['fake-model-small', 'fake-model-large']);
    });
  });

  describe('anthropic provider: stream', () => {
    it('yields chunks one by one as they arrive, then the finish chunk and the usage chunk from message_start and message_delta', async () => {
      fake.script({ kind: 'answer', text: 'one two three four', chunks: 4, chunkDelayMs: 40, finishReason: 'max_tokens' });
      const arrivals: number[] = [];
      const chunks: ChatCompletionChunk[] = [];
      for await (const c of (await provider.stream(req())).value) {
        arrivals.push(Date.now());
        chunks.push(c);
      }
      // role chunk, 4 content chunks, finish chunk, usage chunk
      expect(chunks).toHaveLength(7);
      for (const c of chunks) expect(c).toMatchObject({ id: 'msg_fake_0', object: 'chat.completion.chunk', model: 'claude-test' });
      expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
      expect(contentOf(chunks)).toEqual(['one t', 'wo th', 'ree f', 'our']);
      expect(chunks[5]!.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }]);
      expect(chunks[6]).toMatchObject({
        choices: [],
        usage: { prompt_tokens: 14, completion_tokens: 5, total_tokens: 19 },
      });
      expect(arrivals[4]! - arrivals[1]!).toBeGreaterThanOrEqual(80);
      expect(fake.calls[0]!.body).toMatchObject({ stream: true, system: 'Be brief.\n\nAnswer in English.', max_tokens: 1024 });
      expect(fake.calls[0]!.body).not.toHaveProperty('stream_options');
    });

    it('streams tool calls as tool-call deltas, indexed among tool calls, with the upstream request id', async () => {
      fake.script({ kind: 'raw', json: TOOL_ANSWER, headers: { 'request-id': 'req_ant_stream' }, chunkDelayMs: 1 });
      const opened = await provider.stream(req({ tools: [WEATHER_TOOL] }));
      expect(opened.upstreamRequestId).toBe('req_ant_stream');
      const chunks = await collect(Promise.resolve(opened));
      const calls = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta.tool_calls ?? []));
      expect(calls[0]).toEqual({ index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '' } });
      const args = (i: number) => calls.filter((t) => t.index === i).map((t) => t.function?.arguments ?? '').join('');
      expect(JSON.parse(args(0))).toEqual({ city: 'Paris', days: [1, 2] });
      expect(calls.filter((t) => t.index === 1)[0]).toEqual({ index: 1, id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '' } });
      expect(JSON.parse(args(1))).toEqual({});
      expect(contentOf(chunks).join('')).toBe('Let me check.');
      const finish = chunks.flatMap((c) => c.choices).filter((ch) => ch.finish_reason !== null);
      expect(finish.map((ch) => ch.finish_reason)).toEqual(['tool_calls']);
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 194, completion_tokens: 85 } });
    });

    it('throws stream_broken when the stream ends without message_stop, after what came', async () => {
      fake.script({ kind: 'answer', noFinish: true });
      const seen: ChatCompletionChunk[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(contentOf(seen).join('')).toBe('Echo: how are you');
    });

    it('throws stream_broken after the chunks received when the connection is cut', async () => {
      fake.script({ kind: 'cut', afterChunks: 2, chunks: 5, chunkDelayMs: 5 });
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err).toMatchObject({ kind: 'stream_broken', retryable: false });
      // the role chunk, then the 2 content chunks
      expect(seen).toHaveLength(3);
      expect(contentOf(seen)).toHaveLength(2);
    });

    it('throws stream_broken on a malformed event', async () => {
      fake.script({ kind: 'malformed', afterChunks: 1, chunkDelayMs: 5 });
      const seen: ChatCompletionChunk[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(seen).toHaveLength(2);
      expect(contentOf(seen)).toHaveLength(1);
    });

    it('maps an overloaded error event mid-stream to upstream_error, and a rate-limit one to rate_limited', async () => {
      const start = anthropicEventsFor({ ...TOOL_ANSWER, content: [{ type: 'text', text: 'abc' }] }).slice(0, 3);
      const errorEvent = (type: string) => ({ event: 'error', data: { type: 'error', error: { type, message: `${type} (fake)` } } });
      fake.script({ kind: 'raw', frames: [...start, errorEvent('overloaded_error')] }, { kind: 'raw', frames: [...start, errorEvent('rate_limit_error')] });
      const seen: ChatCompletionChunk[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'upstream_error', retryable: true });
      expect(seen).toHaveLength(1); // the role chunk
      expect(await failure(collect(provider.stream(req())))).toMatchObject({ kind: 'rate_limited', retryable: true });
    });
  });

  describe('anthropic provider: native messages', () => {
    const native: MessagesBody = {
      model: 'claude-test',
      max_tokens: 77,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }],
      // Not translated: temperature goes to Anthropic as sent (the client speaks Anthropic).
      temperature: 0.3,
      top_k: 4,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      some_future_field: { a: [1] },
    };

    it('messages.complete forwards the body unchanged and returns the message whole', async () => {
      fake.script({ kind: 'raw', json: TOOL_ANSWER, headers: { 'request-id': 'req_native' } });
      const res = await provider.messages!.complete({ body: native });
      expect(fake.calls[0]!.body).toEqual({ ...native, stream: false });
      expect(res.value).toEqual(TOOL_ANSWER);
      expect(res.upstreamRequestId).toBe('req_native');
    });

    it('messages.stream forwards the body unchanged and yields the events as they came (pings aside)', async () => {
      const frames = anthropicEventsFor(TOOL_ANSWER);
      fake.script({ kind: 'raw', frames, headers: { 'request-id': 'req_native_s' }, chunkDelayMs: 1 });
      const opened = await provider.messages!.stream({ body: native });
      expect(opened.upstreamRequestId).toBe('req_native_s');
      const events = await collect<AnthropicStreamEvent>(Promise.resolve(opened));
      expect(fake.calls[0]!.body).toEqual({ ...native, stream: true });
      // The SDK skips keep-alive pings.
      expect(events).toEqual(frames.filter((f) => (f as JsonObject).type !== 'ping'));
    });

    it('messages.stream throws stream_broken without message_stop', async () => {
      fake.script({ kind: 'raw', frames: anthropicEventsFor(TOOL_ANSWER).slice(0, -1) });
      const seen: AnthropicStreamEvent[] = [];
      expect(await failure(collect(provider.messages!.stream({ body: native }), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(seen.at(-1)!.type).toBe('message_delta');
    });

    it('messages.complete maps upstream errors like the translated path', async () => {
      fake.script({ kind: 'error', status: 400, message: 'temperature: not supported' });
      const err = await failure(provider.messages!.complete({ body: native }));
      expect(err).toMatchObject({ kind: 'bad_request', options: { status: 400 } });
      expect(err.options.upstream).toEqual({ message: 'temperature: not supported', type: 'invalid_request_error', param: null, code: null });
    });
  });

  describe('anthropic provider: errors', () => {
    it('maps 429 to rate_limited with Retry-After in ms, without SDK retries', async () => {
      fake.script({ kind: 'rate_limit', retryAfterSeconds: 4 });
      const err = await failure(provider.complete(req()));
      expect(err).toMatchObject({ kind: 'rate_limited', retryable: true });
      expect(err.options).toMatchObject({ status: 429, retryAfterMs: 4000, provider: 'anthropic' });
      expect(fake.calls).toHaveLength(1);
    });

    it('maps a 429 on a stream the same way', async () => {
      fake.script({ kind: 'rate_limit', retryAfterSeconds: 1 });
      const err = await failure(collect(provider.stream(req())));
      expect(err).toMatchObject({ kind: 'rate_limited' });
      expect(err.options.retryAfterMs).toBe(1000);
    });

    it('maps 500 and 529 (overloaded) to upstream_error', async () => {
      fake.script({ kind: 'error', status: 500 }, { kind: 'error', status: 529 });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'upstream_error', retryable: true });
      expect(await failure(collect(provider.stream(req())))).toMatchObject({ kind: 'upstream_error', options: { status: 529 } });
      expect(fake.calls).toHaveLength(2);
    });

    it('maps 401 and 403 to auth, 400 to bad_request with the upstream error, 404 to bad_request with status 404', async () => {
      fake.script(
        { kind: 'error', status: 401 },
        { kind: 'error', status: 403 },
        { kind: 'error', status: 400, message: 'messages: roles must alternate' },
        { kind: 'error', status: 404, message: 'model: claude-nope' },
      );
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'auth', retryable: false, options: { status: 401 } });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'auth', retryable: false, options: { status: 403 } });
      const bad = await failure(provider.complete(req()));
      expect(bad).toMatchObject({ kind: 'bad_request', retryable: false, options: { status: 400 } });
      expect(bad.options.upstream).toEqual({ message: 'messages: roles must alternate', type: 'invalid_request_error', param: null, code: null });
      const missing = await failure(provider.complete(req()));
      expect(missing).toMatchObject({ kind: 'bad_request', options: { status: 404 } });
      expect(missing.options.upstream).toMatchObject({ message: 'model: claude-nope', type: 'not_found_error' });
    });

    it('times out on an upstream that never answers, and on a stream that stalls mid-way', async () => {
      const slow = createAnthropicProvider({ apiKey: 'k', baseURL: fake.baseURL, timeoutMs: 150, fetch });
      fake.script({ kind: 'stall' }, { kind: 'stall', afterChunks: 1 });
      // The upstream never answers, or stops: only the timeout can end these calls (a missing one hangs the test).
      expect(await failure(slow.complete(req()))).toMatchObject({ kind: 'timeout', retryable: true });
      const seen: ChatCompletionChunk[] = [];
      expect(await failure(collect(slow.stream(req()), seen))).toMatchObject({ kind: 'timeout' });
      // the role chunk and one content chunk
      expect(seen).toHaveLength(2);
      // Each gave up on its upstream connection, and nothing was retried behind the caller's back.
      await fake.waitForClose(0, CLOSE_WAIT_MS);
      await fake.waitForClose(1, CLOSE_WAIT_MS);
      expect(fake.calls).toHaveLength(2);
    });

    it('maps a refused connection to connection', async () => {
      const url = fake.baseURL;
      await fake.close();
      const gone = createAnthropicProvider({ apiKey: 'k', baseURL: url, fetch });
      expect(await failure(gone.complete(req()))).toMatchObject({ kind: 'connection', retryable: true });
      fake = await startFakeAnthropic(); // for afterEach
    });
  });

  describe('anthropic provider: abort', () => {
    // The upstream stalls forever and the provider's idle timeout outlasts the test: nothing but the abort (or the
    // consumer leaving) can close the upstream connection, so its closing at all is the behaviour under test.
    let patient: LlmProvider;
    beforeEach(() => {
      patient = createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: fake.baseURL, timeoutMs: 600_000, fetch });
    });

    it('aborting mid-stream throws aborted and closes the upstream connection', async () => {
      fake.script({ kind: 'stall', afterChunks: 2 }); // two content deltas, then silence
      const ctl = new AbortController();
      const err = await failure(
        (async () => {
          for await (const c of (await patient.stream(req({}, ctl.signal))).value) {
            if (c.choices[0]?.delta.content) ctl.abort();
          }
        })(),
      );
      expect(err.kind).toBe('aborted');
      await fake.waitForClose(0, CLOSE_WAIT_MS);
      expect(fake.closedConnections).toBe(1);
    });

    it('aborting a pending complete closes the upstream connection', async () => {
      fake.script({ kind: 'stall' });
      const ctl = new AbortController();
      const pending = patient.complete(req({}, ctl.signal));
      await fake.waitForCall(0, CLOSE_WAIT_MS);
      ctl.abort();
      expect(await failure(pending)).toMatchObject({ kind: 'aborted' });
      await fake.waitForClose(0, CLOSE_WAIT_MS);
    });

    it('a consumer that stops reading releases the upstream connection', async () => {
      fake.script({ kind: 'stall', afterChunks: 1 });
      for await (const c of (await patient.stream(req())).value) {
        expect(c.choices[0]!.delta.role).toBe('assistant');
        break;
      }
      await fake.waitForClose(0, CLOSE_WAIT_MS);
    });
  });
});
