/**
 * Tools through the official client: tool_choice, parallel tool calls, streamed and not, for Chat Completions
 * upstreams (body relayed whole) and for Claude (translated both ways).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsFor } from '../helpers/fake-anthropic.js';
import { openAiChunksFor } from '../helpers/fake-openai.js';
import {
  anthropicTool,
  ask,
  assemble,
  CLAUDE,
  CLAUDE_USAGE,
  claudeMessage,
  claudeText,
  claudeToolUse,
  completion,
  expectedFromClaude,
  expectedUpstream,
  framesOf,
  OPENAI_TARGETS,
  startCompat,
  timeTool,
  toolCall,
  weatherTool,
  type Compat,
  STREAM_MODES,
} from './helpers.js';

let c: Compat;
beforeAll(async () => {
  c = await startCompat();
});
afterAll(() => c.close());

const question = [{ role: 'user', content: 'What is the weather and the time in Lisbon?' }];
const modes = STREAM_MODES;

describe.each(OPENAI_TARGETS)('tools, $label upstream', (target) => {
  it.each(modes)('tool_choice naming a function reaches the upstream unchanged and the tool call comes back ($label)', async ({ stream }) => {
    const answer = completion({ tool_calls: [toolCall('call_w1', 'get_weather', { city: 'Lisbon' })] });
    c.fake(target).script({ kind: 'raw', json: answer });
    const body = {
      model: target.model,
      messages: question,
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      cache: false,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    };
    const got = await ask(c.client, body, stream);
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    if (stream) {
      // Chunk boundaries may move (the output firewall holds text until it can judge it); the answer may not.
      expect(got.completion).toEqual(await assemble(framesOf(openAiChunksFor(answer, { includeUsage: true })) as never));
      expect(got.completion.choices[0]!.message.tool_calls).toEqual((answer.choices as { message: { tool_calls: unknown } }[])[0]!.message.tool_calls);
      expect(got.completion.usage).toEqual(answer.usage);
    } else {
      expect(got.completion).toEqual(answer);
    }
  });

  it.each(modes)('parallel tool calls come back as two calls ($label)', async ({ stream }) => {
    const calls = [toolCall('call_p1', 'get_weather', { city: 'Lisbon' }), toolCall('call_p2', 'get_time', { tz: 'Europe/Lisbon' })];
    const answer = completion({ tool_calls: calls });
    c.fake(target).script({ kind: 'raw', json: answer });
    const body = { model: target.model, messages: question, tools: [weatherTool, timeTool], tool_choice: 'required', cache: false };
    const got = await ask(c.client, body, stream);
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    if (stream) {
      // The client did not ask for usage: none comes, though the gateway asked the upstream for it.
      expect(got.completion).toEqual(await assemble(framesOf(openAiChunksFor(answer)) as never));
      expect(got.chunks.every((ch) => ch.choices.length > 0 && !('usage' in ch))).toBe(true);
      expect(got.completion.choices[0]!.message.tool_calls).toEqual(calls);
    } else {
      expect(got.completion).toEqual(answer);
    }
  });
});

describe('tools, Claude upstream', () => {
  const claudeTools = [anthropicTool(weatherTool), anthropicTool(timeTool)];

  it.each([
    { choice: 'auto', parallel: undefined, expected: { type: 'auto' } },
    { choice: 'none', parallel: undefined, expected: { type: 'none' } },
    { choice: 'required', parallel: undefined, expected: { type: 'any' } },
    { choice: { type: 'function', function: { name: 'get_time' } }, parallel: undefined, expected: { type: 'tool', name: 'get_time' } },
    { choice: 'required', parallel: false, expected: { type: 'any', disable_parallel_tool_use: true } },
    { choice: undefined, parallel: false, expected: { type: 'auto', disable_parallel_tool_use: true } },
    { choice: undefined, parallel: undefined, expected: undefined },
  ])('tool_choice $choice (parallel_tool_calls $parallel) → $expected', async ({ choice, parallel, expected }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Sunny.')]) });
    const body: Record<string, unknown> = { model: CLAUDE, messages: question, tools: [weatherTool, timeTool], cache: false };
    if (choice !== undefined) body.tool_choice = choice;
    if (parallel !== undefined) body.parallel_tool_calls = parallel;
    await ask(c.client, body, false);
    const sent = c.gw.anthropic.calls.at(-1)!.body;
    expect(sent).toEqual({
      model: CLAUDE,
      max_tokens: 1024,
      messages: [{ role: 'user', content: question[0]!.content }],
      tools: claudeTools,
      ...(expected ? { tool_choice: expected } : {}),
      stream: false,
    });
  });

  it.each(modes)('tool_use blocks come back as tool_calls, in parallel ($label)', async ({ stream }) => {
    const msg = claudeMessage([
      claudeText('Let me look both up.'),
      claudeToolUse('toolu_01', 'get_weather', { city: 'Lisbon' }),
      claudeToolUse('toolu_02', 'get_time', { tz: 'Europe/Lisbon' }),
    ]);
    c.gw.anthropic.script({ kind: 'raw', json: msg });
    const body = { model: CLAUDE, messages: question, tools: [weatherTool, timeTool], tool_choice: 'auto', cache: false, ...(stream ? { stream_options: { include_usage: true } } : {}) };
    const got = await ask(c.client, body, stream);
    expect(c.gw.anthropic.calls.at(-1)!.body).toMatchObject({ tools: claudeTools, tool_choice: { type: 'auto' }, stream });
    const toolCalls = [toolCall('toolu_01', 'get_weather', { city: 'Lisbon' }), toolCall('toolu_02', 'get_time', { tz: 'Europe/Lisbon' })];
    expect(got.completion).toEqual(expectedFromClaude(msg, { content: 'Let me look both up.', tool_calls: toolCalls }, 'tool_calls', CLAUDE_USAGE, stream));
    if (!stream) return;
    // OpenAI's streaming shape: id, type and name first with empty arguments, then argument pieces by index.
    const deltas = got.chunks.flatMap((ch) => ch.choices.flatMap((x) => x.delta.tool_calls ?? []));
    expect(deltas[0]).toEqual({ index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(deltas.filter((d) => d.index === 1)[0]).toEqual({ index: 1, id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '' } });
    expect(deltas.slice(1).every((d) => d.id === undefined || d.index === 1)).toBe(true);
    expect(got.chunks.at(-1)).toMatchObject({ choices: [], usage: CLAUDE_USAGE });
  });

  it('a tool without parameters gets an empty object schema; a non-function tool is a 400 naming it', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('ok')]) });
    await ask(c.client, { model: CLAUDE, messages: question, tools: [{ type: 'function', function: { name: 'ping' } }], cache: false }, false);
    expect(c.gw.anthropic.calls.at(-1)!.body.tools).toEqual([{ name: 'ping', input_schema: { type: 'object', properties: {} } }]);
    const before = c.gw.anthropic.calls.length;
    const err = await c.client.chat.completions
      .create({ model: CLAUDE, messages: question, tools: [{ type: 'custom', custom: { name: 'grammar' } }] } as never)
      .catch((e: unknown) => e as { status: number; param: string });
    expect(err).toMatchObject({ status: 400, param: 'tools[0].type' });
    expect(c.gw.anthropic.calls.length).toBe(before);
  });

  it.each(modes)('a conversation with tool results: tool_calls → tool_use, tool messages → one user turn of tool_result ($label)', async ({ stream }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Sunny, 14:05.')]) });
    const messages = [
      { role: 'system', content: 'Be brief.' },
      ...question,
      { role: 'assistant', content: null, tool_calls: [toolCall('toolu_a', 'get_weather', { city: 'Lisbon' }), toolCall('toolu_b', 'get_time', { tz: 'Europe/Lisbon' })] },
      { role: 'tool', tool_call_id: 'toolu_a', content: 'sunny, 24C' },
      { role: 'tool', tool_call_id: 'toolu_b', content: [{ type: 'text', text: '14:05' }] },
    ];
    const got = await ask(c.client, { model: CLAUDE, messages, tools: [weatherTool, timeTool], cache: false }, stream);
    expect(got.completion.choices[0]!.message.content).toBe('Sunny, 14:05.');
    expect(c.gw.anthropic.calls.at(-1)!.body).toMatchObject({
      system: 'Be brief.',
      messages: [
        { role: 'user', content: question[0]!.content },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Lisbon' } },
            { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: { tz: 'Europe/Lisbon' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_a', content: 'sunny, 24C' },
            { type: 'tool_result', tool_use_id: 'toolu_b', content: [{ type: 'text', text: '14:05' }] },
          ],
        },
      ],
    });
  });

  it('a stream of a tool call without input deltas still gives parseable arguments', async () => {
    const msg = claudeMessage([claudeToolUse('toolu_e', 'get_time', {})]);
    const frames = anthropicEventsFor(msg).filter((f) => !(typeof f === 'object' && (f as { delta?: { type?: string } }).delta?.type === 'input_json_delta'));
    c.gw.anthropic.script({ kind: 'raw', frames });
    const got = await ask(c.client, { model: CLAUDE, messages: question, tools: [timeTool], cache: false }, true);
    expect(got.completion.choices[0]!.message.tool_calls).toEqual([toolCall('toolu_e', 'get_time', {})]);
  });
});
