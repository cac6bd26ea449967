/**
 * The response cache seen through the official client (x-cache via `.withResponse()`): everything that changes the
 * answer is in the key (tools, response_format), bookkeeping is not (user, metadata), streamed and non-streamed
 * requests share one entry, refusals are never stored, and a stored tool-call answer replays as a proper stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  CLAUDE,
  claudeMessage,
  claudeText,
  claudeToolUse,
  completion,
  OPENAI,
  COMPATIBLE,
  startCompat,
  textCompletion,
  timeTool,
  toolCall,
  weatherTool,
  type Compat,
  type JsonObject,
} from './helpers.js';

let c: Compat;
beforeAll(async () => {
  c = await startCompat();
});
afterAll(() => c.close());

let n = 0;
/** A question no other test asks, so entries never collide across tests. */
const fresh = (what: string): { role: 'user'; content: string }[] => [{ role: 'user', content: `${what} #${n++}` }];

interface Upstream {
  label: string;
  model: string;
  calls(): number;
  /** Scripts one ordinary answer with this text. */
  text(text: string): void;
  toolCalls(): void;
  refusal(): void;
}

const UPSTREAMS: Upstream[] = [
  ...[OPENAI, COMPATIBLE].map((t) => ({
    label: t.label,
    model: t.model,
    calls: () => c.fake(t).calls.length,
    text: (text: string) => c.fake(t).script({ kind: 'raw', json: textCompletion(text) }),
    toolCalls: () => c.fake(t).script({ kind: 'raw', json: completion({ tool_calls: [toolCall('call_c1', 'get_weather', { city: 'Porto' }), toolCall('call_c2', 'get_time', { tz: 'Europe/Lisbon' })] }) }),
    refusal: () => c.fake(t).script({ kind: 'raw', json: completion({ content: null, refusal: 'I cannot help with that.' }) }),
  })),
  {
    label: 'Claude',
    model: CLAUDE,
    calls: () => c.gw.anthropic.calls.length,
    text: (text: string) => c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText(text)]) }),
    toolCalls: () =>
      c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeToolUse('call_c1', 'get_weather', { city: 'Porto' }), claudeToolUse('call_c2', 'get_time', { tz: 'Europe/Lisbon' })]) }),
    refusal: () => c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('I cannot help with that.')], { stop_reason: 'refusal' }) }),
  },
];

describe.each(UPSTREAMS)('$label', (up) => {
  /** Asks and returns x-cache plus whether the upstream was reached. */
  async function probe(body: JsonObject, stream = false): Promise<{ cache: string | null; upstream: boolean; content: string | null }> {
    const before = up.calls();
    // Answers are stored off the response path: what the last probe stored must be there before this one asks.
    await c.gw.app.llm.cache.flushPending();
    const got = await ask(c.client, { model: up.model, ...body }, stream);
    return { cache: got.headers.get('x-cache'), upstream: up.calls() > before, content: got.completion.choices[0]!.message.content };
  }

  it('requests that differ only in tools get two entries', async () => {
    const messages = fresh('weather tools');
    up.text('With weather.');
    up.text('With time.');
    expect(await probe({ messages, tools: [weatherTool] })).toEqual({ cache: 'MISS', upstream: true, content: 'With weather.' });
    expect(await probe({ messages, tools: [timeTool] })).toEqual({ cache: 'MISS', upstream: true, content: 'With time.' });
    expect(await probe({ messages, tools: [weatherTool] })).toEqual({ cache: 'HIT', upstream: false, content: 'With weather.' });
    expect(await probe({ messages, tools: [timeTool] })).toEqual({ cache: 'HIT', upstream: false, content: 'With time.' });
  });

  it('requests that differ only in response_format get two entries', async () => {
    const messages = fresh('a colour as JSON');
    const schema = (name: string) => ({ type: 'json_schema', json_schema: { name, strict: true, schema: { type: 'object', properties: { [name]: { type: 'string' } }, required: [name], additionalProperties: false } } });
    up.text('{"colour":"teal"}');
    up.text('{"hue":"teal"}');
    expect(await probe({ messages, response_format: schema('colour') })).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages, response_format: schema('hue') })).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages, response_format: schema('colour') })).toEqual({ cache: 'HIT', upstream: false, content: '{"colour":"teal"}' });
    expect(await probe({ messages, response_format: schema('hue') })).toEqual({ cache: 'HIT', upstream: false, content: '{"hue":"teal"}' });
  });

  it('the same request with another user or metadata is a HIT', async () => {
    const messages = fresh('a fact about tides');
    up.text('Tides follow the moon.');
    expect(await probe({ messages, user: 'alice' })).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages, user: 'bob' })).toEqual({ cache: 'HIT', upstream: false, content: 'Tides follow the moon.' });
    expect(await probe({ messages, metadata: { team: 'blue' } })).toMatchObject({ cache: 'HIT', upstream: false });
    expect(await probe({ messages, user: 'carol', metadata: { team: 'red' } })).toMatchObject({ cache: 'HIT', upstream: false });
  });

  it('a HIT answers exactly what the MISS answered', async () => {
    const messages = fresh('a proverb');
    up.text('Still waters run deep.');
    const miss = await ask(c.client, { model: up.model, messages }, false);
    await c.gw.app.llm.cache.flushPending();
    const hit = await ask(c.client, { model: up.model, messages }, false);
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(hit.completion).toEqual(miss.completion);
  });

  it('streamed and non-streamed requests share one entry, both ways', async () => {
    const first = fresh('stream after plain');
    up.text('Stored once, served twice.');
    expect(await probe({ messages: first }, false)).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages: first }, true)).toEqual({ cache: 'HIT', upstream: false, content: 'Stored once, served twice.' });
    const second = fresh('plain after stream');
    up.text('Streamed, then stored.');
    expect(await probe({ messages: second, stream_options: { include_usage: true } }, true)).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages: second }, false)).toEqual({ cache: 'HIT', upstream: false, content: 'Streamed, then stored.' });
  });

  it.each([false, true])('a refusal is not cached: asked twice, the upstream answers twice (streamed: %s)', async (stream) => {
    const messages = fresh('something refused');
    up.refusal();
    up.refusal();
    expect(await probe({ messages }, stream)).toMatchObject({ cache: 'MISS', upstream: true });
    expect(await probe({ messages }, stream)).toMatchObject({ cache: 'MISS', upstream: true });
  });

  it('a cached tool-call answer replays as a stream of tool-call deltas that assembles identically', async () => {
    const messages = fresh('weather and time in Porto');
    const body = { messages, tools: [weatherTool, timeTool] };
    up.toolCalls();
    const before = up.calls();
    const plain = await c.client.chat.completions.create({ model: up.model, ...body } as never).withResponse();
    expect(plain.response.headers.get('x-cache')).toBe('MISS');
    const stream = c.client.chat.completions.stream({ model: up.model, ...body } as never);
    const deltas: unknown[] = [];
    stream.on('chunk', (ch) => deltas.push(...ch.choices.flatMap((x) => x.delta.tool_calls ?? [])));
    const replayed = await stream.finalChatCompletion();
    expect(up.calls()).toBe(before + 1);
    const original = (plain.data as { choices: { message: { tool_calls: unknown } }[] }).choices[0]!.message.tool_calls;
    expect(original).toEqual([toolCall('call_c1', 'get_weather', { city: 'Porto' }), toolCall('call_c2', 'get_time', { tz: 'Europe/Lisbon' })]);
    // The stream helper adds parsed_arguments for strict tools; everything else is the same.
    expect(replayed.choices[0]!.message.tool_calls).toMatchObject(original as object[]);
    expect(replayed.choices[0]!.finish_reason).toBe('tool_calls');
    expect(deltas).toEqual([
      { index: 0, id: 'call_c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Porto"}' } },
      { index: 1, id: 'call_c2', type: 'function', function: { name: 'get_time', arguments: '{"tz":"Europe/Lisbon"}' } },
    ]);
  });
});
