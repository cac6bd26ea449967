import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiProvider } from '../../src/llm/providers/openai.js';
import { ProviderError, type ChatRequest, type LlmProvider, type StreamEvent } from '../../src/llm/types.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { sdkTransports } from '../helpers/transports.js';

describe.each(sdkTransports())('SDK transport: $name', ({ fetch }) => {
  let fake: FakeOpenAi;
  let provider: LlmProvider;

  beforeEach(async () => {
    fake = await startFakeOpenAi();
    provider = createOpenAiProvider({ apiKey: 'sk-test', baseURL: fake.baseURL, name: 'openai', timeoutMs: 2000, fetch });
  });
  afterEach(() => fake.close());

  const req = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model: 'gpt-test',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello there' },
    ],
    ...extra,
  });

  async function collect(events: AsyncIterable<StreamEvent>, seen: StreamEvent[] = []): Promise<StreamEvent[]> {
    for await (const e of events) seen.push(e);
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
    it('answers through the SDK and maps usage and finish reason', async () => {
      const result = await provider.complete(req({ maxTokens: 50, temperature: 0.2, stop: ['\n\n'] }));
      expect(result).toEqual({
        content: 'Echo: hello there',
        model: 'gpt-test',
        // fake: ceil(chars / 4) of 'Be brief.' + 'hello there', and of the answer
        usage: { promptTokens: 5, completionTokens: 5, totalTokens: 10 },
        finishReason: 'stop',
      });
      const call = fake.calls[0]!;
      expect(call.headers.authorization).toBe('Bearer sk-test');
      expect(call.body).toMatchObject({
        model: 'gpt-test',
        messages: req().messages,
        max_completion_tokens: 50,
        temperature: 0.2,
        stop: ['\n\n'],
      });
    });

    it('sends max_tokens to openai-compatible servers and maps length', async () => {
      const compat = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai-compatible', fetch });
      expect(compat.name).toBe('openai-compatible');
      fake.script({ kind: 'answer', finishReason: 'length' });
      const result = await compat.complete(req({ maxTokens: 7 }));
      expect(result.finishReason).toBe('length');
      expect(fake.calls[0]!.body).toMatchObject({ max_tokens: 7 });
      expect(fake.calls[0]!.body).not.toHaveProperty('max_completion_tokens');
    });

    it('estimates usage when the upstream reports none', async () => {
      fake.script({ kind: 'answer', text: 'x'.repeat(40), usage: false });
      const result = await provider.complete(req());
      expect(result.usage).toEqual({ promptTokens: 5, completionTokens: 10, totalTokens: 15 });
    });

    it('lists models', async () => {
      expect(await provider.listModels!()).toEqual(['fake-model-small', 'fake-model-large']);
    });
  });

  describe('openai provider: stream', () => {
    it('yields deltas one by one as they arrive, then done with usage', async () => {
      fake.script({ kind: 'answer', text: 'one two three four', chunks: 4, chunkDelayMs: 40 });
      const arrivals: number[] = [];
      const events: StreamEvent[] = [];
      for await (const e of provider.stream(req())) {
        arrivals.push(Date.now());
        events.push(e);
      }
      expect(events.filter((e) => e.type === 'delta').map((e) => e.text)).toEqual(['one t', 'wo th', 'ree f', 'our']);
      expect(events.at(-1)).toEqual({
        type: 'done',
        model: 'gpt-test',
        usage: { promptTokens: 5, completionTokens: 5, totalTokens: 10 },
        finishReason: 'stop',
      });
      // Not buffered: the first delta arrived well before the last one was sent.
      expect(arrivals[3]! - arrivals[0]!).toBeGreaterThanOrEqual(80);
      expect(fake.calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    });

    it('estimates usage when the stream has no usage chunk', async () => {
      fake.script({ kind: 'answer', text: 'y'.repeat(21), usage: false });
      const done = (await collect(provider.stream(req()))).at(-1);
      expect(done).toMatchObject({ type: 'done', usage: { promptTokens: 5, completionTokens: 6, totalTokens: 11 } });
    });

    it('throws stream_broken when the stream ends without a finish_reason', async () => {
      fake.script({ kind: 'answer', noFinish: true });
      const seen: StreamEvent[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(seen.every((e) => e.type === 'delta')).toBe(true);
    });

    it('throws stream_broken after the deltas received when the connection is cut', async () => {
      fake.script({ kind: 'cut', afterChunks: 2, chunks: 5, chunkDelayMs: 5 });
      const seen: StreamEvent[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(err.retryable).toBe(false);
      expect(seen.map((e) => e.type)).toEqual(['delta', 'delta']);
    });

    it('throws stream_broken on a malformed chunk', async () => {
      fake.script({ kind: 'malformed', afterChunks: 1, chunkDelayMs: 5 });
      const seen: StreamEvent[] = [];
      const err = await failure(collect(provider.stream(req()), seen));
      expect(err.kind).toBe('stream_broken');
      expect(seen).toHaveLength(1);
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
    });

    it('maps 500 to upstream_error', async () => {
      fake.script({ kind: 'error', status: 500 });
      const err = await failure(provider.complete(req()));
      expect(err).toMatchObject({ kind: 'upstream_error', retryable: true });
      expect(err.options.status).toBe(500);
      expect(fake.calls).toHaveLength(1);
    });

    it('maps 401 to auth and 400 to bad_request (not retryable)', async () => {
      fake.script({ kind: 'error', status: 401 }, { kind: 'error', status: 400 });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'auth', retryable: false });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'bad_request', retryable: false });
    });

    it('times out on an upstream that never answers', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 150, fetch });
      fake.script({ kind: 'stall' }, { kind: 'stall' });
      const started = Date.now();
      expect(await failure(slow.complete(req()))).toMatchObject({ kind: 'timeout', retryable: true });
      expect(await failure(collect(slow.stream(req())))).toMatchObject({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('times out on a stream that stalls after its first chunks', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 150, fetch });
      fake.script({ kind: 'stall', afterChunks: 1 });
      const seen: StreamEvent[] = [];
      expect(await failure(collect(slow.stream(req()), seen))).toMatchObject({ kind: 'timeout' });
      expect(seen).toHaveLength(1);
      await fake.waitForClose(0);
    });

    it('a slow but live stream is not cut by the idle timeout', async () => {
      const slow = createOpenAiProvider({ apiKey: 'k', baseURL: fake.baseURL, name: 'openai', timeoutMs: 150, fetch });
      fake.script({ kind: 'answer', chunks: 4, chunkDelayMs: 100 });
      const events = await collect(slow.stream(req()));
      expect(events.at(-1)?.type).toBe('done');
    });

    it('follows a redirect to the upstream, as fetch does', async () => {
      const proxy = createServer((req, res) => res.writeHead(307, { location: `${fake.baseURL.replace(/\/v1$/, '')}${req.url}` }).end());
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = proxy.address() as AddressInfo;
        const moved = createOpenAiProvider({ apiKey: 'k', baseURL: `http://127.0.0.1:${port}/v1`, name: 'openai', fetch });
        expect((await moved.complete(req())).content).toBe('Echo: hello there');
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    });

    it('maps a refused connection to connection', async () => {
      const url = fake.baseURL;
      await fake.close();
      const gone = createOpenAiProvider({ apiKey: 'k', baseURL: url, name: 'openai', fetch });
      expect(await failure(gone.complete(req()))).toMatchObject({ kind: 'connection', retryable: true });
      fake = await startFakeOpenAi(); // for afterEach
    });
  });

  describe('openai provider: abort', () => {
    it('aborting mid-stream throws aborted and closes the upstream connection within 100 ms', async () => {
      fake.script({ kind: 'answer', chunks: 20, chunkDelayMs: 30 });
      const ctl = new AbortController();
      const seen: StreamEvent[] = [];
      let abortedAt = 0;
      const err = await failure(
        (async () => {
          for await (const e of provider.stream(req({ signal: ctl.signal }))) {
            seen.push(e);
            if (seen.length === 2) {
              abortedAt = Date.now();
              ctl.abort();
            }
          }
        })(),
      );
      expect(err.kind).toBe('aborted');
      expect(err.retryable).toBe(false);
      await fake.waitForClose(0);
      expect(fake.calls[0]!.clientClosedAt! - abortedAt).toBeLessThan(100);
      expect(fake.closedConnections).toBe(1);
    });

    it('aborting a pending complete closes the upstream connection within 100 ms', async () => {
      fake.script({ kind: 'stall' });
      const ctl = new AbortController();
      const pending = provider.complete(req({ signal: ctl.signal }));
      await fake.waitForCall(0);
      const abortedAt = Date.now();
      ctl.abort();
      expect(await failure(pending)).toMatchObject({ kind: 'aborted' });
      await fake.waitForClose(0);
      expect(fake.calls[0]!.clientClosedAt! - abortedAt).toBeLessThan(100);
    });

    it('a consumer that stops reading releases the upstream connection', async () => {
      fake.script({ kind: 'answer', chunks: 20, chunkDelayMs: 30 });
      for await (const e of provider.stream(req())) {
        expect(e.type).toBe('delta');
        break;
      }
      expect(await fake.waitForClose(0)).toBeLessThan(100);
    });

    it('an already aborted signal never reaches the upstream', async () => {
      const err = await failure(provider.complete(req({ signal: AbortSignal.abort() })));
      expect(err.kind).toBe('aborted');
      expect(fake.calls).toHaveLength(0);
    });
  });
});
