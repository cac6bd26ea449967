import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiProvider } from '../../src/llm/providers/openai.js';
import {
  ProviderError,
  type ChatBody,
  type ChatCompletionChunk,
  type ChatRequest,
  type LlmProvider,
  type Upstream,
} from '../../src/llm/types.js';
import { openAiChunksFor, startFakeOpenAi, type FakeOpenAi, type JsonObject } from '../helpers/fake-openai.js';
import { sdkTransports } from '../helpers/transports.js';

const lp = (token: string, logprob: number): JsonObject => ({
  token,
  logprob,
  bytes: [...Buffer.from(token)],
  top_logprobs: [{ token, logprob, bytes: [...Buffer.from(token)] }],
});

/** Everything an upstream answer can carry besides text: n=2, tool calls, logprobs, a fingerprint, usage details. */
const RICH_ANSWER: JsonObject = {
  id: 'chatcmpl-rich-1',
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
      message: { role: 'assistant', content: 'It is sunny.', refusal: null, annotations: [] },
      finish_reason: 'stop',
      logprobs: { content: [lp('It', -0.01), lp(' is', -0.2), lp(' sunny', -1.5), lp('.', -0.001)], refusal: null },
    },
  ],
  usage: {
    prompt_tokens: 31,
    completion_tokens: 47,
    total_tokens: 78,
    prompt_tokens_details: { cached_tokens: 16, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 12, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
};

const REFUSAL_ANSWER: JsonObject = {
  id: 'chatcmpl-refusal-1',
  object: 'chat.completion',
  created: 1_717_171_718,
  model: 'gpt-4o-2024-08-06',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." },
      finish_reason: 'stop',
      logprobs: { content: null, refusal: [lp("I'm", -0.1), lp(' sorry', -0.2)] },
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 8, total_tokens: 17 },
};

/**
 * How long a test waits for the fake to see a connection closed. Generous: only a close that never comes takes this
 * long, and where the upstream stalls forever nothing else would close it.
 */
const CLOSE_WAIT_MS = 15_000;

const contentOf = (chunks: ChatCompletionChunk[]): string[] =>
  chunks.flatMap((c) => c.choices.flatMap((ch) => (ch.delta.content ? [ch.delta.content] : [])));

describe.each(sdkTransports())('SDK transport: $name', ({ fetch }) => {
  let fake: FakeOpenAi;
  let provider: LlmProvider;

  beforeEach(async () => {
    fake = await startFakeOpenAi();
    provider = createOpenAiProvider({ apiKey: 'sk-test', baseURL: fake.baseURL, name: 'openai', timeoutMs: 2000, fetch });
  });
  afterEach(() => fake.close());

  const messages: ChatBody['messages'] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'hello there' },
  ];
  const req = (extra: Partial<ChatBody> = {}, signal?: AbortSignal): ChatRequest => ({
    body: { model: 'gpt-test', messages, ...extra },
    ...(signal ? { signal } : {}),
  });

  async function collect(
    opened: Promise<Upstream<AsyncIterable<ChatCompletionChunk>>>,
    seen: ChatCompletionChunk[] = [],
  ): Promise<ChatCompletionChunk[]> {
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

  describe('openai provider: complete', () => {
    it('answers with the whole chat.completion, the body sent as it came, with the headers the SDK sends', async () => {
      const result = await provider.complete(req({ max_completion_tokens: 50, temperature: 0.2, stop: ['\n\n'] }));
      expect(result.value).toEqual({
        id: 'chatcmpl-fake-0',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: 'gpt-test',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Echo: hello there', refusal: null }, finish_reason: 'stop', logprobs: null },
        ],
        // fake: ceil(chars / 4) of 'Be brief.' + 'hello there', and of the answer
        usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      });
      // The fake sends no x-request-id unless scripted to.
      expect(result.upstreamRequestId).toBeUndefined();
      const call = fake.calls[0]!;
      expect(call.headers.authorization).toBe('Bearer sk-test');
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['user-agent']).toMatch(/^OpenAI\/JS \d/);
      expect(call.path).toBe('/v1/chat/completions');
      expect(call.body).toEqual({
        model: 'gpt-test',
        messages,
        max_completion_tokens: 50,
        temperature: 0.2,
        stop: ['\n\n'],
        stream: false,
      });
    });

    it('forwards the body whole: unknown fields kept, max_completion_tokens not renamed on an openai-compatible server', async () => {
      const compat = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai-compatible', fetch });
      expect(compat.name).toBe('openai-compatible');
      expect(fake.baseURL).not.toContain('api.openai.com');
      fake.script({ kind: 'answer', finishReason: 'length' });
      const body = {
        max_completion_tokens: 7,
        reasoning_effort: 'low',
        seed: 42,
        response_format: { type: 'json_object' },
        tool_choice: 'none',
        metadata: { trace: 'abc' },
        user: 'u-1',
        // Not in the SDK's types: a vendor extension and a field newer than the SDK.
        chat_template_kwargs: { enable_thinking: false },
        future_field: { nested: [1, 'two', null] },
      } as Partial<ChatBody>;
      const result = await compat.complete(req(body));
      expect(result.value.choices[0]!.finish_reason).toBe('length');
      expect(fake.calls[0]!.body).toEqual({ model: 'gpt-test', messages, ...body, stream: false });
      expect(fake.calls[0]!.body).not.toHaveProperty('max_tokens');
    });

    it('returns the upstream answer exactly: tool calls, logprobs, fingerprint, usage details, and its request id', async () => {
      fake.script({ kind: 'raw', json: RICH_ANSWER, headers: { 'x-request-id': 'req_rich_1' } });
      const result = await provider.complete(req({ n: 2, logprobs: true, top_logprobs: 1 }));
      expect(result.value).toEqual(RICH_ANSWER);
      expect(result.upstreamRequestId).toBe('req_rich_1');
    });

    it('returns a refusal as the upstream said it', async () => {
      fake.script({ kind: 'raw', json: REFUSAL_ANSWER });
      expect((await provider.complete(req())).value).toEqual(REFUSAL_ANSWER);
    });

    it('passes an answer without usage through as it came (no estimate at this layer)', async () => {
      fake.script({ kind: 'answer', text: 'x'.repeat(40), usage: false });
      const result = await provider.complete(req());
      expect(result.value.usage).toBeUndefined();
      expect(result.value.choices[0]!.message.content).toBe('x'.repeat(40));
    });

    it('refuses an answer without a choices array as a broken answer', async () => {
      fake.script({ kind: 'raw', json: { id: 'chatcmpl-x', object: 'chat.completion', model: 'gpt-test' } });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'stream_broken', options: { provider: 'openai' } });
    });

    it('maps a 200 answer that is not JSON to upstream_error (retryable)', async () => {
      fake.script({ kind: 'malformed' });
      const err = await failure(provider.complete(req()));
      expect(err.kind).toBe('upstream_error');
      expect(err.retryable).toBe(true);
    });

    it('lists models', async () => {
      expect(await provider.listModels!()).toEqual(['fake-model-small', 'fake-model-large']);
    });

    it('embeds through /v1/embeddings, with the request id', async () => {
      fake.script({ kind: 'raw', headers: { 'x-request-id': 'req_emb' } });
      const res = await provider.embed!({ body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 4 } });
      expect(res.upstreamRequestId).toBe('req_emb');
      expect(res.value).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 2, total_tokens: 2 } });
      expect(res.value.data).toHaveLength(2);
      expect((res.value.data[0] as { embedding: number[] }).embedding).toHaveLength(4);
      expect(fake.calls[0]!).toMatchObject({
        path: '/v1/embeddings',
        body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 4 },
      });
    });

    it('maps an embeddings 400 to bad_request with the upstream error', async () => {
      fake.script({ kind: 'error', status: 400, message: 'bad input', param: 'input', code: 'invalid_input' });
      const err = await failure(provider.embed!({ body: { model: 'text-embedding-3-small', input: '' } }));
      expect(err.kind).toBe('bad_request');
      expect(err.options.upstream).toEqual({ message: 'bad input', type: 'invalid_request_error', param: 'input', code: 'invalid_input' });
    });
  });

  describe('openai provider: stream', () => {
    it('yields the chunks one by one as they arrive, the usage chunk last', async () => {
      fake.script({ kind: 'answer', text: 'one two three four', chunks: 4, chunkDelayMs: 40 });
      const arrivals: number[] = [];
      const chunks: ChatCompletionChunk[] = [];
      const opened = await provider.stream(req());
      for await (const c of opened.value) {
        arrivals.push(Date.now());
        chunks.push(c);
      }
      // role chunk, 4 content chunks, finish chunk, usage chunk
      expect(chunks).toHaveLength(7);
      expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
      expect(contentOf(chunks)).toEqual(['one t', 'wo th', 'ree f', 'our']);
      expect(chunks[5]!.choices).toEqual([{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }]);
      expect(chunks[6]).toMatchObject({
        id: 'chatcmpl-fake-0',
        object: 'chat.completion.chunk',
        model: 'gpt-test',
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      });
      for (const c of chunks) expect(c).toMatchObject({ id: 'chatcmpl-fake-0', object: 'chat.completion.chunk', model: 'gpt-test' });
      // Not buffered: the first content chunk arrived well before the last one was sent.
      expect(arrivals[4]! - arrivals[1]!).toBeGreaterThanOrEqual(80);
      expect(fake.calls[0]!.body).toEqual({ model: 'gpt-test', messages, stream: true, stream_options: { include_usage: true } });
    });

    it('always asks for usage, keeping the client’s other stream_options and fields', async () => {
      const body = { stream_options: { include_usage: false, include_obfuscation: false }, max_completion_tokens: 9, future_field: 'x' } as Partial<ChatBody>;
      await collect(provider.stream(req(body)));
      expect(fake.calls[0]!.body).toEqual({
        model: 'gpt-test',
        messages,
        max_completion_tokens: 9,
        future_field: 'x',
        stream: true,
        stream_options: { include_usage: true, include_obfuscation: false },
      });
    });

    it('returns the upstream request id of a stream', async () => {
      fake.script({ kind: 'raw', headers: { 'x-request-id': 'req_stream_1' } });
      const opened = await provider.stream(req());
      expect(opened.upstreamRequestId).toBe('req_stream_1');
      expect(contentOf(await collect(Promise.resolve(opened))).join('')).toBe('Echo: hello there');
    });

    it('yields the upstream chunks exactly: tool calls, logprobs, interleaved choices, usage details', async () => {
      const frames = openAiChunksFor(RICH_ANSWER, { includeUsage: true });
      fake.script({ kind: 'raw', frames, chunkDelayMs: 1 });
      const chunks = await collect(provider.stream(req({ n: 2, logprobs: true })));
      expect(chunks).toEqual(frames.filter((f) => f !== '[DONE]'));
      expect(chunks.at(-1)!.usage).toEqual(RICH_ANSWER.usage);
    });

    it('yields a stream without usage as it came', async () => {
      fake.script({ kind: 'answer', text: 'y'.repeat(21), usage: false });
      const chunks = await collect(provider.stream(req()));
      expect(chunks.every((c) => c.usage == null)).toBe(true);
      expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    });

    it('yields what came from a stream without a finish_reason (the pipeline judges it), without throwing', async () => {
      fake.script({ kind: 'answer', text: 'abcd', chunks: 2, noFinish: true });
      const chunks = await collect(provider.stream(req()));
      expect(contentOf(chunks)).toEqual(['ab', 'cd']);
      expect(chunks.flatMap((c) => c.choices).every((ch) => ch.finish_reason === null)).toBe(true);
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 1 } });
    });

    it('throws stream_broken after the chunks received when the connection is cut', async () => {
      fake.script({ kind: 'cut', afterChunks: 2, chunks: 5, chunkDelayMs: 5 });
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(err.retryable).toBe(false);
      expect(err.options.provider).toBe('openai');
      // the role chunk, then the 2 content chunks
      expect(seen).toHaveLength(3);
      expect(contentOf(seen)).toHaveLength(2);
    });

    it('throws stream_broken on a malformed chunk', async () => {
      fake.script({ kind: 'malformed', afterChunks: 1, chunkDelayMs: 5 });
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(seen).toHaveLength(2);
      expect(contentOf(seen)).toHaveLength(1);
    });

    it('throws stream_broken on a chunk without a choices array, and releases the upstream', async () => {
      const good = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }] };
      // A long tail (10 s) after the bad chunk: the connection closes only if the provider lets go of it.
      const tail = Array.from({ length: 200 }, () => good);
      fake.script({ kind: 'raw', frames: [good, { id: 'c1', object: 'chat.completion.chunk', model: 'gpt-test' }, ...tail, '[DONE]'], chunkDelayMs: 50 });
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(err.message).toContain('no choices array');
      expect(seen).toEqual([good]);
      await fake.waitForClose(0, CLOSE_WAIT_MS);
    });

    it('maps an error event inside a 200 stream to upstream_error, after the chunks before it', async () => {
      const good = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }] };
      fake.script({ kind: 'raw', frames: [good, { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } }] });
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err).toMatchObject({ kind: 'upstream_error', retryable: true });
      expect(seen).toEqual([good]);
    });
  });

  describe('openai provider: errors', () => {
    it('maps 429 to rate_limited with Retry-After in ms, without SDK retries', async () => {
      fake.script({ kind: 'rate_limit', retryAfterSeconds: 2 });
      const err = await failure(provider.complete(req()));
      expect(err.kind).toBe('rate_limited');
      expect(err.retryable).toBe(true);
      expect(err.options).toMatchObject({ status: 429, retryAfterMs: 2000, provider: 'openai' });
      expect(fake.calls).toHaveLength(1);
    });

    it('prefers retry-after-ms, and maps a 429 on a stream the same way', async () => {
      fake.script({ kind: 'rate_limit', retryAfterSeconds: 3, retryAfterMs: 150 });
      const err = await failure(collect(provider.stream(req())));
      expect(err.kind).toBe('rate_limited');
      expect(err.options.retryAfterMs).toBe(150);
      expect(fake.calls).toHaveLength(1);
    });

    it('reads a Retry-After given as an HTTP date, and leaves it out when there is none', async () => {
      const at = new Date(Date.now() + 5_000).toUTCString(); // whole seconds: 4-5 s from now
      fake.script({ kind: 'error', status: 503, headers: { 'retry-after': at } }, { kind: 'error', status: 429 });
      const before = Date.now();
      const dated = await failure(provider.complete(req()));
      const after = Date.now();
      expect(dated.kind).toBe('upstream_error');
      // The time left until that date when the answer came: bracketed by the clock around the call, however long
      // the call took.
      expect(dated.options.retryAfterMs).toBeLessThanOrEqual(Date.parse(at) - before);
      expect(dated.options.retryAfterMs).toBeGreaterThanOrEqual(Math.max(0, Date.parse(at) - after));
      const bare = await failure(provider.complete(req()));
      expect(bare.kind).toBe('rate_limited');
      expect(bare.options.retryAfterMs).toBeUndefined();
    });

    it('maps 500 to upstream_error', async () => {
      fake.script({ kind: 'error', status: 500 });
      const err = await failure(provider.complete(req()));
      expect(err).toMatchObject({ kind: 'upstream_error', retryable: true });
      expect(err.options.status).toBe(500);
      expect(fake.calls).toHaveLength(1);
    });

    it.each([
      [400, 'bad_request', false],
      [404, 'bad_request', false],
      [422, 'bad_request', false],
      [401, 'auth', false],
      [403, 'auth', false],
      [408, 'timeout', true],
      [409, 'upstream_error', true],
      [502, 'upstream_error', true],
      [503, 'upstream_error', true],
    ])('maps status %i to %s (retryable: %s)', async (status, kind, retryable) => {
      fake.script({ kind: 'error', status }, { kind: 'error', status });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind, retryable, options: { status } });
      expect(await failure(collect(provider.stream(req())))).toMatchObject({ kind, options: { status } });
      expect(fake.calls).toHaveLength(2);
    });

    it('keeps the upstream error of a 400 (message, type, param, code), streamed or not', async () => {
      const detail = { message: "Unsupported value: 'temperature' does not support 0.2 with this model.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' };
      fake.script({ kind: 'error', status: 400, ...detail }, { kind: 'error', status: 400, ...detail });
      const err = await failure(provider.complete(req({ temperature: 0.2 })));
      expect(err.kind).toBe('bad_request');
      expect(err.retryable).toBe(false);
      expect(err.options).toMatchObject({ status: 400, provider: 'openai', upstream: detail });
      expect(err.message).toContain(detail.message);
      const streamed = await failure(collect(provider.stream(req({ temperature: 0.2 }))));
      expect(streamed.options).toMatchObject({ status: 400, upstream: detail });
    });

    it('keeps a null param and code as null', async () => {
      fake.script({ kind: 'error', status: 400, message: 'bad', param: null, code: null });
      const err = await failure(provider.complete(req()));
      expect(err.options.upstream).toEqual({ message: 'bad', type: 'invalid_request_error', param: null, code: null });
    });

    it('maps a 404 (unknown model) to bad_request with status 404 and the upstream error', async () => {
      fake.script({ kind: 'error', status: 404, message: "The model 'gpt-nope' does not exist", param: 'model' });
      const err = await failure(provider.complete(req({ model: 'gpt-nope' })));
      expect(err).toMatchObject({ kind: 'bad_request', retryable: false });
      expect(err.options.status).toBe(404);
      expect(err.options.upstream).toEqual({ message: "The model 'gpt-nope' does not exist", type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
    });

    it('times out on an upstream that never answers', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 150, fetch });
      fake.script({ kind: 'stall' }, { kind: 'stall' });
      // The upstream never answers: only the timeout can end these calls (a missing one hangs the test).
      expect(await failure(slow.complete(req()))).toMatchObject({ kind: 'timeout', retryable: true });
      expect(await failure(collect(slow.stream(req())))).toMatchObject({ kind: 'timeout' });
      // Each gave up on its upstream connection, and nothing was retried behind the caller's back.
      await fake.waitForClose(0, CLOSE_WAIT_MS);
      await fake.waitForClose(1, CLOSE_WAIT_MS);
      expect(fake.calls).toHaveLength(2);
    });

    it('times out on a stream that stalls after its first chunks', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 150, fetch });
      fake.script({ kind: 'stall', afterChunks: 1 });
      const seen: ChatCompletionChunk[] = [];
      expect(await failure(collect(slow.stream(req()), seen))).toMatchObject({ kind: 'timeout' });
      // the role chunk and one content chunk
      expect(seen).toHaveLength(2);
      await fake.waitForClose(0, CLOSE_WAIT_MS);
    });

    it('a slow but live stream is not cut by the idle timeout', async () => {
      // The whole stream (5 gaps × 120 ms) outlasts the idle timeout; no gap comes near it, even on a busy machine.
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 400, fetch });
      fake.script({ kind: 'answer', chunks: 6, chunkDelayMs: 120 });
      const chunks = await collect(slow.stream(req()));
      expect(chunks.at(-1)!.usage).toBeTruthy();
      expect(contentOf(chunks).join('')).toBe('Echo: hello there');
    });

    it('a slow consumer is not the upstream’s fault: no idle timeout while it holds a chunk', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 100, fetch });
      const chunks: ChatCompletionChunk[] = [];
      for await (const c of (await slow.stream(req())).value) {
        chunks.push(c);
        if (chunks.length === 1) await new Promise((r) => setTimeout(r, 250));
      }
      expect(contentOf(chunks).join('')).toBe('Echo: hello there');
    });

    it('follows a redirect to the upstream, as fetch does', async () => {
      const proxy = createServer((req, res) => res.writeHead(307, { location: `${fake.baseURL.replace(/\/v1$/, '')}${req.url}` }).end());
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = proxy.address() as AddressInfo;
        const moved = createOpenAiProvider({ apiKey: 'k', baseURL: `http://127.0.0.1:${port}/v1`, name: 'openai', fetch });
        expect((await moved.complete(req())).value.choices[0]!.message.content).toBe('Echo: hello there');
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    });

    it('maps a refused connection to connection', async () => {
      const url = fake.baseURL;
      await fake.close();
      const gone = createOpenAiProvider({ apiKey: 'k', baseURL: url, name: 'openai', fetch });
      expect(await failure(gone.complete(req()))).toMatchObject({ kind: 'connection', retryable: true });
      expect(await failure(collect(gone.stream(req())))).toMatchObject({ kind: 'connection' });
      fake = await startFakeOpenAi(); // for afterEach
    });
  });

  describe('openai provider: abort', () => {
    // The upstream stalls forever and the provider's idle timeout outlasts the test: nothing but the abort (or the
    // consumer leaving) can close the upstream connection, so its closing at all is the behaviour under test.
    let patient: LlmProvider;
    beforeEach(() => {
      patient = createOpenAiProvider({ apiKey: 'sk-test', baseURL: fake.baseURL, name: 'openai', timeoutMs: 600_000, fetch });
    });

    it('aborting mid-stream throws aborted and closes the upstream connection', async () => {
      fake.script({ kind: 'stall', afterChunks: 2 }); // the role chunk, two content chunks, then silence
      const ctl = new AbortController();
      const seen: ChatCompletionChunk[] = [];
      const err = await failure(
        (async () => {
          for await (const c of (await patient.stream(req({}, ctl.signal))).value) {
            seen.push(c);
            if (seen.length === 3) ctl.abort();
          }
        })(),
      );
      expect(err.kind).toBe('aborted');
      expect(err.retryable).toBe(false);
      expect(seen).toHaveLength(3);
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

    it('aborting while waiting for the stream headers throws aborted', async () => {
      fake.script({ kind: 'stall' });
      const ctl = new AbortController();
      const pending = patient.stream(req({}, ctl.signal));
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

    it('an already aborted signal never reaches the upstream', async () => {
      expect(await failure(provider.complete(req({}, AbortSignal.abort())))).toMatchObject({ kind: 'aborted' });
      expect(await failure(collect(provider.stream(req({}, AbortSignal.abort()))))).toMatchObject({ kind: 'aborted' });
      expect(fake.calls).toHaveLength(0);
    });
  });
});
