import { describe, expect, it } from 'vitest';
import { plainChatBody } from '../../src/http/chat-body-check.js';
import { chatBody } from '../../src/http/openai-compat.js';

/**
 * The hand-written Chat Completions check may only ever be stricter than the zod schema it stands in for: every body
 * it accepts, zod accepts unchanged. And it must accept what clients really send, or it saves nothing.
 */

const SYSTEM = { role: 'system', content: 'You are terse.' };
const USER = { role: 'user', content: 'Hello' };

const REAL_BODIES: Record<string, object> = {
  minimal: { model: 'gpt-4o-mini', messages: [USER] },
  'no model (the default model)': { messages: [USER] },
  'sampling and limits': { model: 'gpt-4o', messages: [SYSTEM, USER], temperature: 0.7, top_p: 1, n: 2, max_tokens: 64, max_completion_tokens: 64, stop: ['\n\n', 'END'], seed: 7 },
  'stream with usage': { model: 'gpt-4o', messages: [USER], stream: true, stream_options: { include_usage: true } },
  'nulls where OpenAI allows them': { model: 'gpt-4o', messages: [USER], temperature: null, top_p: null, n: null, stop: null, stream: null, stream_options: null, max_tokens: null },
  'tools, tool calls and results': {
    model: 'gpt-4o',
    messages: [
      USER,
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' },
    ],
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} }, strict: true } }],
    tool_choice: 'auto',
    parallel_tool_calls: false,
  },
  'an image and structured output': {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }],
    response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: true } },
  },
  'developer role, unknown fields and the cache extension': { model: 'o3', messages: [{ role: 'developer', content: 'x' }, USER], reasoning_effort: 'low', future_param: { a: 1 }, cache: 'refresh' },
};

describe('chat body check', () => {
  it.each(Object.entries(REAL_BODIES))('accepts what clients send (%s), as zod does, unchanged', (_name, body) => {
    expect(plainChatBody(body)).toBe(true);
    const parsed = chatBody.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(body);
  });

  it('never accepts a body zod refuses: 30,000 bodies built from awkward values', () => {
    // A fixed-seed generator, so a failure reproduces.
    let seed = 0x2f6b1a3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const numbers = [0, -0, 1, 2, 0.5, 1.5, 2.0000001, -1, 128, 129, 2 ** 53, 2 ** 53 - 1, 1e308, -1e-9, 3.7];
    const awkward = [undefined, null, true, false, '', 'x', '1', 'refresh', [], [1], ['a'], {}, { type: 'function' }, ...numbers];
    const strings = ['', 'a', 'x'.repeat(200), 'x'.repeat(201), 'gpt-4o'];
    const stops = [['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e'], ['a', 1], 'STOP'];
    const roleish = ['system', 'developer', 'user', 'assistant', 'tool', 'function', 'bot', '', 1, null];
    const messageLists = () => pick([[], [USER], [USER, SYSTEM], [null], [[USER]], [{ content: 'no role' }], Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ role: pick(roleish), content: 'c' })), 'hi', null]);
    const fields: Record<string, () => unknown> = {
      model: () => pick([...strings, ...awkward]),
      messages: messageLists,
      max_tokens: () => pick(awkward),
      max_completion_tokens: () => pick(awkward),
      temperature: () => pick(awkward),
      top_p: () => pick(awkward),
      n: () => pick(awkward),
      stop: () => pick([...stops, ...awkward]),
      stream: () => pick(awkward),
      stream_options: () => pick([{ include_usage: true }, { include_usage: 'yes' }, { include_usage: null }, { other: 1 }, ...awkward]),
      tools: () => pick([[{ type: 'function' }], [{ type: 1 }], [{}], [null], ...awkward]),
      cache: () => pick(awkward),
    };
    let accepted = 0;
    const check = (input: unknown) => {
      if (!plainChatBody(input)) return;
      accepted++;
      const parsed = chatBody.safeParse(input);
      if (!parsed.success) throw new Error(`accepted a body zod refuses: ${JSON.stringify(input)}\n${parsed.error.message}`);
      expect(parsed.data).toEqual(input);
    };
    // Every awkward value in every field, alone on a valid body: the check is one rule per field, so this pins each.
    const everyValue = [...new Set([...strings, ...awkward, ...stops, { include_usage: true }, { include_usage: 'yes' }, [{ type: 'function' }], [{ type: 1 }], [{}], [null]])];
    for (const name of Object.keys(fields)) {
      for (const v of name === 'messages' ? Array.from({ length: 200 }, messageLists) : everyValue) check({ messages: [USER], [name]: v });
    }
    // Then random mixtures of them.
    for (let i = 0; i < 30_000; i++) {
      const body: Record<string, unknown> = { messages: [USER] };
      for (const [name, gen] of Object.entries(fields)) {
        if (rand() < 0.2) {
          const v = gen();
          if (v !== undefined) body[name] = v;
        }
      }
      check(rand() < 0.02 ? pick([null, [], 'text', 1]) : body);
    }
    // The generator reaches both sides: enough bodies were accepted for the comparison to mean something.
    expect(accepted).toBeGreaterThan(500);
  });
});
