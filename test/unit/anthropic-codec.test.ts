import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import type { MessagesBody } from '../../src/llm/types.js';
import { anthropicCodec as codec } from '../../src/llm/wire/anthropic-codec.js';

function body(): MessagesBody {
  return {
    model: 'claude-x',
    max_tokens: 256,
    system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Be kind.' }],
    messages: [
      { role: 'user', content: 'What is the weather?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'call the tool', signature: 'sig' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ],
  };
}

const usage = (over: Partial<Message['usage']> = {}): Message['usage'] => ({
  input_tokens: 10,
  output_tokens: 20,
  cache_creation_input_tokens: 3,
  cache_read_input_tokens: 5,
  cache_creation: null,
  inference_geo: null,
  output_tokens_details: null,
  server_tool_use: null,
  service_tier: 'standard',
  speed: null,
  ...over,
});

function message(over: Partial<Message> = {}): Message {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x-2026',
    content: [{ type: 'text', text: 'Hello there, friend.', citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: usage(),
    ...over,
  };
}

describe('anthropicCodec.promptSites', () => {
  it('lists every text in order with its role and path, skipping thinking', () => {
    const sites = codec.promptSites(body());
    expect(sites.map((s) => [s.role, s.path, s.text])).toEqual([
      ['system', 'system[0].text', 'Be brief.'],
      ['system', 'system[1].text', 'Be kind.'],
      ['user', 'messages[0].content', 'What is the weather?'],
      ['assistant', 'messages[1].content[1].text', 'Checking.'],
      ['assistant', 'messages[1].content[2].input', '{"city":"Paris"}'],
      ['tool', 'messages[2].content[0].content', '18C'],
      ['tool', 'messages[2].content[1].content[0].text', 'sunny'],
      ['user', 'messages[2].content[2].text', 'Thanks'],
    ]);
  });

  it('writes back through set, in place', () => {
    const b = body();
    const sites = codec.promptSites(b);
    for (const s of sites) s.set(s.path.endsWith('input') ? '{"city":"[CITY]"}' : `<${s.text}>`);
    expect(b.system).toEqual([{ type: 'text', text: '<Be brief.>' }, { type: 'text', text: '<Be kind.>' }]);
    expect(b.messages[0]).toEqual({ role: 'user', content: '<What is the weather?>' });
    expect(b.messages[1]!.content).toEqual([
      { type: 'thinking', thinking: 'call the tool', signature: 'sig' },
      { type: 'text', text: '<Checking.>' },
      { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: '[CITY]' } },
    ]);
    expect(b.messages[2]!.content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: '<18C>' },
      { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '<sunny>' }] },
      { type: 'text', text: '<Thanks>' },
    ]);
    expect(sites[0]!.text).toBe('<Be brief.>');
  });

  it('sets a string system prompt, and keeps tool input that is no longer JSON under _redacted', () => {
    const b: MessagesBody = {
      model: 'm',
      max_tokens: 1,
      system: 'secret system',
      messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { key: 'sk-123' } }] }],
    };
    const [sys, input] = codec.promptSites(b);
    expect([sys!.role, sys!.path]).toEqual(['system', 'system']);
    sys!.set('[REDACTED]');
    expect(b.system).toBe('[REDACTED]');
    input!.set('{"key": [REDACTED]}');
    expect(b.messages[0]!.content).toEqual([{ type: 'tool_use', id: 't', name: 'f', input: { _redacted: '{"key": [REDACTED]}' } }]);
    input!.set('"a string"');
    expect((b.messages[0]!.content as { input: unknown }[])[0]!.input).toEqual({ _redacted: '"a string"' });
  });

  it('treats a system turn inside messages as system text', () => {
    const sites = codec.promptSites({ model: 'm', max_tokens: 1, messages: [{ role: 'system', content: 'rules' }] });
    expect(sites.map((s) => [s.role, s.path])).toEqual([['system', 'messages[0].content']]);
  });
});

describe('anthropicCodec.hasImages', () => {
  it('is true for image and document blocks, also inside tool results', () => {
    const img = { type: 'image' as const, source: { type: 'url' as const, url: 'https://x/y.png' } };
    expect(codec.hasImages(body())).toBe(false);
    expect(codec.hasImages({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [img] }] })).toBe(true);
    expect(
      codec.hasImages({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] }],
      }),
    ).toBe(true);
    expect(codec.hasImages({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [img] }] }] })).toBe(
      true,
    );
  });
});

describe('anthropicCodec.cacheMaterial', () => {
  const b: MessagesBody = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], temperature: 0.5, zeta: 1, alpha: 2 };

  it('is a fixed-order array with unknown fields sorted by key', () => {
    expect(codec.cacheMaterial(b)).toBe(
      JSON.stringify(['an1', null, [{ role: 'user', content: 'hi' }], null, null, 5, null, null, null, 0.5, null, null, [['alpha', 2], ['zeta', 1]]]),
    );
  });

  it('ignores stream, metadata, service_tier, model and cache', () => {
    const noisy: MessagesBody = { ...b, model: 'other', stream: true, metadata: { user_id: 'u' }, service_tier: 'auto', cache: { ttl: 5 } };
    expect(codec.cacheMaterial(noisy)).toBe(codec.cacheMaterial(b));
    expect(codec.cacheMaterial({ ...b, metadata: { user_id: 'a' } })).toBe(codec.cacheMaterial({ ...b, metadata: { user_id: 'b' } }));
  });

  it('changes with everything that changes the answer', () => {
    const variants: MessagesBody[] = [
      { ...b, system: 'x' },
      { ...b, messages: [{ role: 'user', content: 'ho' }] },
      { ...b, tools: [{ name: 't', input_schema: { type: 'object' } }] },
      { ...b, tool_choice: { type: 'any' } },
      { ...b, max_tokens: 6 },
      { ...b, stop_sequences: ['x'] },
      { ...b, thinking: { type: 'enabled', budget_tokens: 1024 } },
      { ...b, output_config: { effort: 'low' } },
      { ...b, temperature: 0.6 },
      { ...b, top_p: 0.9 },
      { ...b, top_k: 3 },
      { ...b, speed: 'fast' },
      { ...b, zeta: 2 },
    ];
    const all = new Set([codec.cacheMaterial(b), ...variants.map((v) => codec.cacheMaterial(v))]);
    expect(all.size).toBe(variants.length + 1);
  });
});

describe('anthropicCodec answers', () => {
  const res = () =>
    message({
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'text', text: 'Calling ', citations: null },
        { type: 'tool_use', id: 'toolu_9', name: 'lookup', input: { q: 'x' }, caller: { type: 'direct' } },
        { type: 'text', text: 'now.', citations: null },
      ],
      stop_reason: 'tool_use',
      usage: usage({ output_tokens_details: { thinking_tokens: 7 } }),
    });

  it('answerSites are text blocks and tool inputs, not thinking', () => {
    const r = res();
    const sites = codec.answerSites(r);
    expect(sites.map((s) => [s.role, s.path, s.text])).toEqual([
      ['output', 'content[1].text', 'Calling '],
      ['output', 'content[2].input', '{"q":"x"}'],
      ['output', 'content[3].text', 'now.'],
    ]);
    sites[0]!.set('Masked ');
    sites[1]!.set('{"q":"[MASKED]"}');
    expect(r.content[1]).toEqual({ type: 'text', text: 'Masked ', citations: null });
    expect(r.content[2]).toMatchObject({ input: { q: '[MASKED]' } });
  });

  it('summary counts cache reads and writes into prompt tokens', () => {
    expect(codec.summary(res())).toEqual({
      model: 'claude-x-2026',
      usage: { promptTokens: 18, completionTokens: 20, totalTokens: 38, cachedTokens: 5, cacheWriteTokens: 3, reasoningTokens: 7 },
      finishReason: 'tool_calls',
      refusal: false,
      text: 'Calling now.',
      toolCalls: [{ id: expect.any(String), name: expect.any(String), arguments: '{"q":"x"}' }],
    });
    const bare = codec.summary(message({ usage: usage({ cache_creation_input_tokens: null, cache_read_input_tokens: null }) }));
    expect(bare.usage).toEqual({ promptTokens: 10, completionTokens: 20, totalTokens: 30 });
  });

  it('summary maps every stop reason', () => {
    const finish = (stop_reason: Message['stop_reason']) => codec.summary(message({ stop_reason })).finishReason;
    expect(finish('end_turn')).toBe('stop');
    expect(finish('stop_sequence')).toBe('stop');
    expect(finish('pause_turn')).toBe('stop');
    expect(finish('max_tokens')).toBe('length');
    expect(finish('model_context_window_exceeded')).toBe('length');
    expect(finish('tool_use')).toBe('tool_calls');
    expect(finish('refusal')).toBe('content_filter');
    expect(codec.summary(message({ stop_reason: 'refusal' })).refusal).toBe(true);
  });
});

const stream = (): RawMessageStreamEvent[] => [
  { type: 'message_start', message: message({ content: [], stop_reason: null, usage: usage({ output_tokens: 1 }) }) },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi ' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'there' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {}, caller: { type: 'direct' } } },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '1}' } },
  { type: 'content_block_stop', index: 2 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null },
    usage: { input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: 6, output_tokens: 42, output_tokens_details: { thinking_tokens: 9 }, server_tool_use: null },
  },
  { type: 'message_stop' },
];

describe('anthropicCodec stream', () => {
  it('accumulates events into the whole message, finished after message_stop', () => {
    const acc = codec.accumulator();
    const events = stream();
    for (const ev of events.slice(0, -1)) acc.push(ev);
    expect(acc.finished).toBe(false);
    acc.push(events.at(-1)!);
    expect(acc.finished).toBe(true);
    expect(acc.result()).toEqual(
      message({
        content: [
          { type: 'thinking', thinking: 'Let me think.', signature: 'sig==' },
          { type: 'text', text: 'Hi there', citations: null },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 }, caller: { type: 'direct' } },
        ],
        stop_reason: 'tool_use',
        usage: usage({ output_tokens: 42, cache_read_input_tokens: 6, output_tokens_details: { thinking_tokens: 9 } }),
      }),
    );
    // The events it was given are left as they were.
    expect(events).toEqual(stream());
  });

  it('appends citations, keeps unparseable tool input, and shows the answer so far mid-stream', () => {
    const acc = codec.accumulator();
    const citation = { type: 'char_location' as const, cited_text: 'x', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1, file_id: null };
    const events: RawMessageStreamEvent[] = [
      stream()[0]!,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'cited' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't', name: 'f', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a": [MASKED]}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'u', name: 'g', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"b":2}' } },
    ];
    for (const ev of events) acc.push(ev);
    expect(acc.finished).toBe(false);
    expect(acc.result().content).toEqual([
      { type: 'text', text: 'cited', citations: [citation] },
      { type: 'tool_use', id: 't', name: 'f', input: { _redacted: '{"a": [MASKED]}' }, caller: { type: 'direct' } },
      { type: 'tool_use', id: 'u', name: 'g', input: { b: 2 }, caller: { type: 'direct' } },
    ]);
  });

  it('chunkSites gives text and tool input deltas a channel per block, writable in place', () => {
    const [, , thinking, , , , , text, , , , json] = stream();
    expect(codec.chunkSites(thinking!)).toEqual([]);
    expect(codec.chunkSites(stream()[0]!)).toEqual([]);
    const [t] = codec.chunkSites(text!);
    expect([t!.channel, t!.site.role, t!.site.path, t!.site.text]).toEqual(['b1', 'output', 'content[1].text', 'Hi ']);
    t!.site.set('Yo ');
    expect(text).toEqual({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Yo ' } });
    const [j] = codec.chunkSites(json!);
    expect([j!.channel, j!.site.path, j!.site.text]).toEqual(['j2', 'content[2].input', '{"a":']);
  });

  it('textChunk makes a delta of the channel kind, whatever event it is shaped like', () => {
    const stop: RawMessageStreamEvent = { type: 'content_block_stop', index: 2 };
    expect(codec.textChunk('b1', 'held', stop)).toEqual({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'held' } });
    expect(codec.textChunk('j2', '"}', stop)).toEqual({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"}' } });
    expect(() => codec.textChunk('c0', 'x', stop)).toThrow(RangeError);
  });

  it('closesText on block stop, message_delta and message_stop only', () => {
    expect(stream().map((e) => (codec.closesText(e) ? e.type : '')).filter(Boolean)).toEqual([
      'content_block_stop',
      'content_block_stop',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });
});

describe('anthropicCodec.replay', () => {
  it('replays a message as the exact event sequence of a stream', () => {
    const m = message({
      content: [
        { type: 'thinking', thinking: 'Plan.', signature: 'sig==' },
        { type: 'text', text: 'Hello there, friend.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 }, caller: { type: 'direct' } },
        { type: 'redacted_thinking', data: 'opaque' },
      ],
      stop_reason: 'tool_use',
    });
    expect(codec.replay(m)).toEqual([
      {
        type: 'message_start',
        message: { ...m, content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: usage({ output_tokens: 0 }) },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Plan.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hello ' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'there, ' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'friend.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a":1}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_start', index: 3, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 3 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null },
        usage: { input_tokens: 10, cache_creation_input_tokens: 3, cache_read_input_tokens: 5, output_tokens: 20, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('accumulates back into the message it replayed', () => {
    const m = message({
      content: [
        { type: 'text', text: '  spaced   out\n', citations: null },
        { type: 'text', text: '', citations: null },
        { type: 'tool_use', id: 't', name: 'g', input: {}, caller: { type: 'direct' } },
      ],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: null, explanation: 'no' },
      usage: usage({ output_tokens_details: { thinking_tokens: 2 }, server_tool_use: { web_fetch_requests: 0, web_search_requests: 1 } }),
    });
    const acc = codec.accumulator();
    for (const ev of codec.replay(m)) acc.push(ev);
    expect(acc.finished).toBe(true);
    expect(acc.result()).toEqual(m);
  });
});
