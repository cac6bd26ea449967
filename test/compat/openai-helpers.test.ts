/**
 * The SDK's own helpers against the gateway: a whole `runTools()` loop with two tools, and `parse()` / `stream()`
 * with a zod schema (openai's zodResponseFormat works with the installed zod 4), for Chat Completions upstreams
 * and for Claude.
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CLAUDE,
  claudeMessage,
  claudeText,
  claudeToolUse,
  completion,
  expectedUpstream,
  OPENAI_TARGETS,
  startCompat,
  textCompletion,
  toolCall,
  type Compat,
  type JsonObject,
  STREAM_MODES,
} from './helpers.js';

let c: Compat;
beforeAll(async () => {
  c = await startCompat();
});
afterAll(() => c.close());

const modes = STREAM_MODES;

/** Two runnable tools; each notes the arguments it was called with. */
function runnableTools(seen: JsonObject[]) {
  return [
    {
      type: 'function' as const,
      function: {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        parse: (s: string) => JSON.parse(s) as { city: string },
        function: (args: { city: string }) => {
          seen.push({ get_weather: args });
          return `sunny, 24C in ${args.city}`;
        },
      },
    },
    {
      type: 'function' as const,
      function: {
        name: 'get_time',
        description: 'Local time in a time zone',
        parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] },
        parse: (s: string) => JSON.parse(s) as { tz: string },
        function: (args: { tz: string }) => {
          seen.push({ get_time: args });
          return '14:05';
        },
      },
    },
  ];
}

const question = (tag: string) => [{ role: 'user' as const, content: `What is the weather and the time in Lisbon? (${tag})` }];

async function runLoop(model: string, stream: boolean, tag: string): Promise<{ content: string | null; seen: JsonObject[] }> {
  const seen: JsonObject[] = [];
  const params = { model, messages: question(tag), tools: runnableTools(seen), stream } as const;
  const runner = c.client.chat.completions.runTools(params as never) as { finalContent(): Promise<string | null> };
  return { content: await runner.finalContent(), seen };
}

describe.each(OPENAI_TARGETS)('runTools() loop, $label upstream', (target) => {
  it.each(modes)('tool calls, both tools run, the results go back, then the final text ($label)', async ({ stream, label }) => {
    const fake = c.fake(target);
    const calls = [toolCall('call_w', 'get_weather', { city: 'Lisbon' }), toolCall('call_t', 'get_time', { tz: 'Europe/Lisbon' })];
    const final = textCompletion('Sunny, 24C, and it is 14:05 in Lisbon.');
    fake.script({ kind: 'raw', json: completion({ tool_calls: calls }) }, { kind: 'raw', json: final });
    const before = fake.calls.length;
    const sentBefore = c.sent.length;
    const { content, seen } = await runLoop(target.model, stream, `${target.label} ${label}`);
    expect(content).toBe('Sunny, 24C, and it is 14:05 in Lisbon.');
    expect(seen).toEqual([{ get_weather: { city: 'Lisbon' } }, { get_time: { tz: 'Europe/Lisbon' } }]);
    expect(fake.calls.length).toBe(before + 2);
    const sent = c.sent.slice(sentBefore).map((s) => s.body);
    expect(sent).toHaveLength(2);
    // Each round reached the upstream as the client sent it.
    expect(fake.calls[before]!.body).toEqual(expectedUpstream(sent[0]!, target.upstreamModel));
    expect(fake.calls[before + 1]!.body).toEqual(expectedUpstream(sent[1]!, target.upstreamModel));
    const messages = fake.calls[before + 1]!.body.messages as JsonObject[];
    expect(messages).toHaveLength(4);
    expect(messages[1]).toMatchObject({ role: 'assistant', tool_calls: calls });
    expect(messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'call_w', content: 'sunny, 24C in Lisbon' },
      { role: 'tool', tool_call_id: 'call_t', content: '14:05' },
    ]);
  });
});

describe('runTools() loop, Claude upstream', () => {
  it.each(modes)('tool_use → tool_calls, the results go back as tool_result blocks in one user turn ($label)', async ({ stream, label }) => {
    const first = claudeMessage([claudeText('Checking.'), claudeToolUse('toolu_w', 'get_weather', { city: 'Lisbon' }), claudeToolUse('toolu_t', 'get_time', { tz: 'Europe/Lisbon' })]);
    const final = claudeMessage([claudeText('Sunny, 24C, and it is 14:05 in Lisbon.')]);
    c.gw.anthropic.script({ kind: 'raw', json: first }, { kind: 'raw', json: final });
    const before = c.gw.anthropic.calls.length;
    const { content, seen } = await runLoop(CLAUDE, stream, `claude ${label}`);
    expect(content).toBe('Sunny, 24C, and it is 14:05 in Lisbon.');
    expect(seen).toEqual([{ get_weather: { city: 'Lisbon' } }, { get_time: { tz: 'Europe/Lisbon' } }]);
    expect(c.gw.anthropic.calls.length).toBe(before + 2);
    const tools = [
      { name: 'get_weather', description: 'Current weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      { name: 'get_time', description: 'Local time in a time zone', input_schema: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } },
    ];
    const q = question(`claude ${label}`)[0]!.content;
    // The runner sends tool_choice 'auto' on every round.
    expect(c.last().tool_choice).toBe('auto');
    const common = { model: CLAUDE, max_tokens: 1024, tools, tool_choice: { type: 'auto' }, stream };
    expect(c.gw.anthropic.calls[before]!.body).toEqual({ ...common, messages: [{ role: 'user', content: q }] });
    expect(c.gw.anthropic.calls[before + 1]!.body).toEqual({
      ...common,
      messages: [
        { role: 'user', content: q },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Lisbon' } },
            { type: 'tool_use', id: 'toolu_t', name: 'get_time', input: { tz: 'Europe/Lisbon' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_w', content: 'sunny, 24C in Lisbon' },
            { type: 'tool_result', tool_use_id: 'toolu_t', content: '14:05' },
          ],
        },
      ],
    });
  });
});

const Weather = z.object({ city: z.string(), temperature_c: z.number(), conditions: z.enum(['sunny', 'cloudy', 'rain']) });
const weatherJson = { city: 'Lisbon', temperature_c: 24, conditions: 'sunny' };

describe('parse() with a zod schema (zodResponseFormat works with zod 4)', () => {
  const format = zodResponseFormat(Weather, 'weather');

  it('the helper builds a strict json_schema response_format', () => {
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'weather', strict: true, schema: { type: 'object', required: ['city', 'temperature_c', 'conditions'] } } });
  });

  describe.each(OPENAI_TARGETS)('$label upstream', (target) => {
    it.each(modes)('response_format reaches the upstream unchanged and message.parsed is the object ($label)', async ({ stream, label }) => {
      const answer = textCompletion(JSON.stringify(weatherJson));
      c.fake(target).script({ kind: 'raw', json: answer });
      const params = { model: target.model, messages: [{ role: 'user' as const, content: `Weather in Lisbon as JSON (${label})` }], response_format: format };
      const res = stream ? await c.client.chat.completions.stream(params).finalChatCompletion() : await c.client.chat.completions.parse(params);
      expect(res.choices[0]!.message.parsed).toEqual(weatherJson);
      expect(res.choices[0]!.message.content).toBe(JSON.stringify(weatherJson));
      const got = c.fake(target).calls.at(-1)!.body;
      expect(got).toEqual(expectedUpstream(c.last(), target.upstreamModel));
      expect(got.response_format).toEqual(JSON.parse(JSON.stringify(format)));
    });
  });

  it.each(modes)('Claude: json_schema → output_config.format, and the text parses ($label)', async ({ stream, label }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText(JSON.stringify(weatherJson))]) });
    const params = { model: CLAUDE, messages: [{ role: 'user' as const, content: `Weather in Lisbon as JSON (${label})` }], response_format: format };
    const res = stream ? await c.client.chat.completions.stream(params).finalChatCompletion() : await c.client.chat.completions.parse(params);
    expect(res.choices[0]!.message.parsed).toEqual(weatherJson);
    expect(c.gw.anthropic.calls.at(-1)!.body.output_config).toEqual({ format: { type: 'json_schema', schema: format.json_schema.schema } });
    expect(c.gw.anthropic.calls.at(-1)!.body).not.toHaveProperty('response_format');
  });

  it('Claude: json_object → an object schema; text → nothing', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('{}')]) }, { kind: 'raw', json: claudeMessage([claudeText('plain')]) });
    await c.client.chat.completions.create({ model: CLAUDE, messages: [{ role: 'user', content: 'json object please' }], response_format: { type: 'json_object' } });
    expect(c.gw.anthropic.calls.at(-1)!.body.output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } } });
    await c.client.chat.completions.create({ model: CLAUDE, messages: [{ role: 'user', content: 'plain text please' }], response_format: { type: 'text' } });
    expect(c.gw.anthropic.calls.at(-1)!.body).not.toHaveProperty('output_config');
  });
});
