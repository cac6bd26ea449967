import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let client: OpenAI;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  // The SDK sends its apiKey as a bearer token: a dev user's JWT is exactly that.
  client = new OpenAI({ apiKey: await gw.login('dinakar_developer'), baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());

describe('the official openai client against /v1', () => {
  it('gets a completion', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] });
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0]!.message.content).toBe('Echo: hello there');
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
    // What reached the upstream is the client's conversation, unchanged.
    expect(gw.openai.calls.at(-1)!.body.messages).toEqual([{ role: 'user', content: 'hello there' }]);
  });

  it('streams chunk by chunk, with usage at the end', async () => {
    gw.openai.script({ kind: 'answer', text: 'one two three four five', chunks: 5, chunkDelayMs: 60 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
      cache: false,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    const arrivals: number[] = [];
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        arrivals.push(Date.now());
        text += delta;
      }
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('one two three four five');
    expect(arrivals.length).toBe(5);
    // Relayed as they come, not buffered: the first and last chunk are ~4 × 60 ms apart.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(150);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('an SDK with a key that is not one of our tokens gets AuthenticationError', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-not-a-token', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'claude-sonnet-4']));
  });

  it('raises the SDK’s typed errors for bad input and unknown models', async () => {
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const err = await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('unknown_model');
  });

  it('a stream cut upstream ends with an error for the client, not a short answer', async () => {
    gw.openai.script({ kind: 'cut', afterChunks: 2, text: 'a b c d e f', chunks: 6 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'cut me' }], stream: true });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(text.length).toBeGreaterThan(0);
  });
});
