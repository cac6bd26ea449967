import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../src/llm/providers/anthropic.js';
import { ProviderError, type ChatRequest, type LlmProvider, type StreamEvent } from '../../src/llm/types.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { sdkTransports } from '../helpers/transports.js';

describe.each(sdkTransports())('SDK transport: $name', ({ fetch }) => {
  let fake: FakeAnthropic;
  let provider: LlmProvider;

  beforeEach(async () => {
    fake = await startFakeAnthropic();
    provider = createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: fake.baseURL, timeoutMs: 2000, fetch });
  });
  afterEach(() => fake.close());

  const req = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model: 'claude-test',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello there' },
      { role: 'assistant', content: 'Hi.' },
      { role: 'system', content: 'Answer in English.' },
      { role: 'user', content: 'how are you' },
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
          { role: 'assistant', content: 'Hi.' },
          { role: 'user', content: 'how are you' },
        ],
        stream: false,
      });
    });

    it('passes maxTokens and stop sequences, and sends no system param without system messages', async () => {
      await provider.complete({ model: 'claude-test', messages: [{ role: 'user', content: 'hi' }], maxTokens: 9, stop: ['END'] });
      expect(fake.calls[0]!.body).toMatchObject({ max_tokens: 9, stop_sequences: ['END'] });
      expect(fake.calls[0]!.body).not.toHaveProperty('system');
    });
  });

  describe('anthropic provider: complete', () => {
    it('maps content, usage and stop_reason end_turn', async () => {
      const result = await provider.complete(req());
      expect(result).toEqual({
        content: 'Echo: how are you',
        model: 'claude-test',
        // fake: ceil(chars / 4) of system, joined, + messages (54 chars), and of the answer (17 chars)
        usage: { promptTokens: 14, completionTokens: 5, totalTokens: 19 },
        finishReason: 'stop',
      });
    });

    it.each([
      ['max_tokens', 'length'],
      ['stop_sequence', 'stop'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
    ])('maps stop_reason %s to %s', async (stopReason, finish) => {
      fake.script({ kind: 'answer', finishReason: stopReason });
      expect((await provider.complete(req())).finishReason).toBe(finish);
    });

    it('lists models', async () => {
      expect(await provider.listModels!()).toEqual(['fake-model-small', 'fake-model-large']);
    });
  });

  describe('anthropic provider: stream', () => {
    it('yields deltas one by one as they arrive, then done with usage from message_start and message_delta', async () => {
      fake.script({ kind: 'answer', text: 'one two three four', chunks: 4, chunkDelayMs: 40, finishReason: 'max_tokens' });
      const arrivals: number[] = [];
      const events: StreamEvent[] = [];
      for await (const e of provider.stream(req())) {
        arrivals.push(Date.now());
        events.push(e);
      }
      expect(events.filter((e) => e.type === 'delta').map((e) => e.text)).toEqual(['one t', 'wo th', 'ree f', 'our']);
      expect(events.at(-1)).toEqual({
        type: 'done',
        model: 'claude-test',
        usage: { promptTokens: 14, completionTokens: 5, totalTokens: 19 },
        finishReason: 'length',
      });
      expect(arrivals[3]! - arrivals[0]!).toBeGreaterThanOrEqual(80);
      expect(fake.calls[0]!.body).toMatchObject({ stream: true, system: 'Be brief.\n\nAnswer in English.' });
    });

    it('throws stream_broken when the stream ends without message_stop', async () => {
      fake.script({ kind: 'answer', noFinish: true });
      const seen: StreamEvent[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((e) => e.type === 'delta')).toBe(true);
    });

    it('throws stream_broken after the deltas received when the connection is cut', async () => {
      fake.script({ kind: 'cut', afterChunks: 2, chunks: 5, chunkDelayMs: 5 });
      const seen: StreamEvent[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(seen.map((e) => e.type)).toEqual(['delta', 'delta']);
    });

    it('throws stream_broken on a malformed event', async () => {
      fake.script({ kind: 'malformed', afterChunks: 1, chunkDelayMs: 5 });
      const seen: StreamEvent[] = [];
      expect(await failure(collect(provider.stream(req()), seen))).toMatchObject({ kind: 'stream_broken' });
      expect(seen).toHaveLength(1);
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
      expect(await failure(collect(provider.stream(req())))).toMatchObject({ kind: 'upstream_error' });
      expect(fake.calls).toHaveLength(2);
    });

    it('maps 401 to auth and 400 to bad_request', async () => {
      fake.script({ kind: 'error', status: 401 }, { kind: 'error', status: 400 });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'auth', retryable: false });
      expect(await failure(provider.complete(req()))).toMatchObject({ kind: 'bad_request', retryable: false });
    });

    it('times out on an upstream that never answers, and on a stream that stalls mid-way', async () => {
      const slow = createAnthropicProvider({ apiKey: 'k', baseURL: fake.baseURL, timeoutMs: 150, fetch });
      fake.script({ kind: 'stall' }, { kind: 'stall', afterChunks: 1 });
      const started = Date.now();
      expect(await failure(slow.complete(req()))).toMatchObject({ kind: 'timeout', retryable: true });
      const seen: StreamEvent[] = [];
      expect(await failure(collect(slow.stream(req()), seen))).toMatchObject({ kind: 'timeout' });
      expect(seen).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(1500);
    });
  });

  describe('anthropic provider: abort', () => {
    it('aborting mid-stream throws aborted and closes the upstream connection within 100 ms', async () => {
      fake.script({ kind: 'answer', chunks: 20, chunkDelayMs: 30 });
      const ctl = new AbortController();
      let abortedAt = 0;
      const err = await failure(
        (async () => {
          for await (const e of provider.stream(req({ signal: ctl.signal }))) {
            if (e.type === 'delta' && !abortedAt) {
              abortedAt = Date.now();
              ctl.abort();
            }
          }
        })(),
      );
      expect(err.kind).toBe('aborted');
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
  });
});
