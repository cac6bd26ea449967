import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { openAiChunksFor } from '../helpers/fake-openai.js';

let gw: Gateway;
let client: OpenAI;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  client = new OpenAI({ apiKey: await gw.login('dinakar_developer'), baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());

const toolAnswer = {
  id: 'chatcmpl-up-1', object: 'chat.completion', created: 1700000000, model: 'gpt-4o-mini-2024-07-18', system_fingerprint: 'fp_abc',
  choices: [{ index: 0, finish_reason: 'tool_calls', logprobs: null, message: { role: 'assistant', content: null, refusal: null, tool_calls: [
    { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
  ] } }],
  usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 0 } },
};

describe('smoke', () => {
  it('tool calls round trip, non-streamed and streamed', async () => {
    gw.openai.script({ kind: 'raw', json: toolAnswer });
    const req = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'weather and time in Paris?' }], tools: [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }], tool_choice: 'auto' as const, seed: 7, frob: 1 } ;
    const res = await client.chat.completions.create(req as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(res).toEqual(toolAnswer);
    const sent = gw.openai.calls.at(-1)!.body;
    expect(sent).toMatchObject({ tools: req.tools, tool_choice: 'auto', seed: 7, frob: 1 });
    gw.openai.script({ kind: 'raw', frames: openAiChunksFor(toolAnswer, { includeUsage: true }) });
    const s = client.chat.completions.stream({ ...(req as object), cache: false } as OpenAI.ChatCompletionStreamParams);
    const final = await s.finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls).toEqual(toolAnswer.choices[0]!.message.tool_calls);
  });
});
