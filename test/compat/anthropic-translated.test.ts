/**
 * The official Anthropic SDK against /v1/messages for a GPT model: the gateway translates the request to Chat
 * Completions (asserted on what the fake OpenAI received) and the answer back to Anthropic's shape — text,
 * tool_use blocks, stop reason and usage — streamed and not.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiChunksFor, type JsonObject } from '../helpers/fake-openai.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { anthropicClient, collect, fresh, GPT, gptToolCompletion, IMAGE_URL, normalizeStream, PNG_BASE64, weatherTool } from './anthropic-helpers.js';

let gw: Gateway;
let client: Anthropic;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  client = anthropicClient(gw, await gw.login('dinakar_developer'));
});
afterAll(() => gw.close());

const lastOpenAiBody = (): JsonObject => gw.openai.calls.at(-1)!.body;
/** The last body without `stream: false`, which the OpenAI provider states explicitly for a non-streamed call. */
function lastNonStreamedBody(): JsonObject {
  const { stream, ...body } = lastOpenAiBody();
  expect(stream).toBeFalsy();
  return body;
}

/** The chat tool the gateway makes of `weatherTool`. */
const chatWeatherTool = {
  type: 'function',
  function: { name: weatherTool.name, description: weatherTool.description, parameters: weatherTool.input_schema },
};

describe('GPT behind /v1/messages', () => {
  it('text: system, stop sequences, metadata and max_tokens become their Chat Completions counterparts', async () => {
    const question = fresh('What is the capital of France?');
    gw.openai.script({ kind: 'answer', text: 'Paris.' });
    const res = await client.messages.create({
      model: GPT,
      max_tokens: 200,
      system: 'You are terse.',
      stop_sequences: ['END'],
      metadata: { user_id: 'u-7' },
      messages: [{ role: 'user', content: question }],
      // Not in this SDK's types (API 2026-10-21 dropped it for Claude), but OpenAI takes it: passed through.
      ...({ temperature: 0.2 } as object),
    });
    expect(lastNonStreamedBody()).toEqual({
      model: GPT,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: question },
      ],
      max_completion_tokens: 200,
      stop: ['END'],
      user: 'u-7',
      temperature: 0.2,
    });
    expect(res).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: GPT,
      content: [{ type: 'text', text: 'Paris.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: expect.any(Number), output_tokens: 2 },
    });
    expect(res.id).toMatch(/^chatcmpl-fake-/);
  });

  it('tools: tool_use comes back as a tool_use block with parsed input, stop_reason tool_use and usage', async () => {
    const question = fresh('Weather in Paris?');
    gw.openai.script({ kind: 'raw', json: gptToolCompletion('chatcmpl-tool-1') });
    const res = await client.messages.create({ model: GPT, max_tokens: 300, tools: [weatherTool], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: question }] });
    expect(lastNonStreamedBody()).toEqual({
      model: GPT,
      messages: [{ role: 'user', content: question }],
      max_completion_tokens: 300,
      tools: [chatWeatherTool],
      tool_choice: 'required',
    });
    expect(res).toMatchObject({
      id: 'chatcmpl-tool-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-mini-2024-07-18',
      content: [
        { type: 'text', text: 'Checking the weather.' },
        { type: 'tool_use', id: 'call_w1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 40, output_tokens: 11 },
    });

    // The tool_result turn: the assistant's tool_use becomes tool_calls, the result a `tool` message.
    gw.openai.script({ kind: 'answer', text: 'It is 18°C and sunny.' });
    const after = await client.messages.create({
      model: GPT,
      max_tokens: 300,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: res.content as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_w1', content: '18°C, sunny' }] },
      ],
    });
    expect(lastOpenAiBody().messages).toEqual([
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Checking the weather.' }],
        tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_w1', content: '18°C, sunny' },
    ]);
    expect(after.content).toMatchObject([{ type: 'text', text: 'It is 18°C and sunny.' }]);
    expect(after.stop_reason).toBe('end_turn');
  });

  it('images: base64 becomes a data URL, a url stays a url', async () => {
    const text = fresh('Describe these.');
    gw.openai.script({ kind: 'answer', text: 'Two images.' });
    const res = await client.messages.create({
      model: GPT,
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
            { type: 'image', source: { type: 'url', url: IMAGE_URL } },
            { type: 'text', text },
          ],
        },
      ],
    });
    expect(lastOpenAiBody().messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          { type: 'image_url', image_url: { url: IMAGE_URL } },
          { type: 'text', text },
        ],
      },
    ]);
    expect(res.content).toMatchObject([{ type: 'text', text: 'Two images.' }]);
  });

  it('stream: OpenAI chunks become Anthropic events in Anthropic’s order, tool_use and usage included', async () => {
    const completion = gptToolCompletion('chatcmpl-tool-stream');
    gw.openai.script({ kind: 'raw', frames: openAiChunksFor(completion, { includeUsage: true }) });
    const question = fresh('Weather in Paris?');
    const got = await collect(await client.messages.create({ model: GPT, max_tokens: 300, tools: [weatherTool], messages: [{ role: 'user', content: question }], stream: true }));
    expect(lastOpenAiBody()).toMatchObject({ model: GPT, stream: true, stream_options: { include_usage: true }, tools: [chatWeatherTool] });

    const n = normalizeStream(got);
    expect(n.types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(n.text).toEqual({ 0: 'Checking the weather.', 1: '{"city":"Paris"}' });
    expect(n.others).toMatchObject([
      { type: 'message_start', message: { id: 'chatcmpl-tool-stream', type: 'message', role: 'assistant', content: [], stop_reason: null } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_w1', name: 'get_weather', input: {} } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { input_tokens: 40, output_tokens: 11 } },
      { type: 'message_stop' },
    ]);
  });

  it('messages.stream(...).finalMessage() gives the whole translated message', async () => {
    gw.openai.script({ kind: 'raw', frames: openAiChunksFor(gptToolCompletion('chatcmpl-tool-final'), { includeUsage: true }) });
    const stream = client.messages.stream({ model: GPT, max_tokens: 300, tools: [weatherTool], messages: [{ role: 'user', content: fresh('Weather?') }] });
    const final = await stream.finalMessage();
    expect(final).toMatchObject({
      id: 'chatcmpl-tool-final',
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking the weather.' },
        { type: 'tool_use', id: 'call_w1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 40, output_tokens: 11 },
    });
    const rec = (await gw.records()).find((r) => r.endpoint === 'anthropic' && r.stream && r.completionTokens === 11);
    expect(rec).toMatchObject({ status: 'success', promptTokens: 40, model: GPT });
  });

  it('a stream it cannot translate ends with an error event and is recorded as failed, not cancelled', async () => {
    // Two tool calls opened, then arguments for the first: Anthropic's one-block-at-a-time stream cannot say that.
    const head = { id: 'chatcmpl-interleaved', object: 'chat.completion.chunk', created: 1, model: GPT };
    const delta = (d: JsonObject, finish: string | null = null) => ({ ...head, choices: [{ index: 0, delta: d, finish_reason: finish, logprobs: null }] });
    const call = (index: number, extra: JsonObject) => delta({ tool_calls: [{ index, ...extra }] });
    gw.openai.script({
      kind: 'raw',
      frames: [
        delta({ role: 'assistant', content: null }),
        call(0, { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }),
        call(1, { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '' } }),
        call(0, { function: { arguments: '{"city":"Paris"}' } }),
        call(1, { function: { arguments: '{"city":"Rome"}' } }),
        delta({}, 'tool_calls'),
        '[DONE]',
      ],
    });
    const question = fresh('Weather in Paris and Rome?');
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gw.login('dinakar_developer')}` },
      body: JSON.stringify({ model: GPT, max_tokens: 100, stream: true, tools: [weatherTool], messages: [{ role: 'user', content: question }] }),
    });
    const body = await res.text();
    expect(body).toContain('event: error');
    expect(body).not.toContain('event: message_stop');
    const recs = await gw.records();
    const rec = recs.filter((r) => r.endpoint === 'anthropic' && r.stream).at(-1);
    expect(rec).toMatchObject({ status: 'error', errorCode: 'UPSTREAM_ERROR' });
  });
});
