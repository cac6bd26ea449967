import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import { chatToMessages, createChatToMessagesStream, messagesToChat } from '../../src/llm/translate/messages-to-chat.js';
import { UnsupportedParameterError } from '../../src/llm/translate/unsupported.js';
import { ProviderError, type MessagesBody } from '../../src/llm/types.js';

const base: MessagesBody = { model: 'gpt-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

function unsupported(body: MessagesBody): UnsupportedParameterError {
  try {
    messagesToChat(body);
  } catch (err) {
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    return err as UnsupportedParameterError;
  }
  throw new Error('expected UnsupportedParameterError');
}

describe('messagesToChat: request', () => {
  it('translates a plain conversation; string content stays a string, stream is not copied', () => {
    const body: MessagesBody = {
      model: 'gpt-x',
      max_tokens: 100,
      system: 'Be brief.',
      stream: true,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'bye' },
      ],
    };
    expect(messagesToChat(body)).toEqual({
      model: 'gpt-x',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'bye' },
      ],
      max_completion_tokens: 100,
    });
  });

  it('turns system text blocks into one system message of text parts, dropping cache_control', () => {
    const out = messagesToChat({
      ...base,
      system: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } }],
    });
    expect(out.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B' }] });
  });

  it('keeps a system turn inside messages as a system message', () => {
    const out = messagesToChat({ ...base, messages: [{ role: 'system', content: [{ type: 'text', text: 'S' }] }, { role: 'user', content: 'u' }] });
    expect(out.messages).toEqual([{ role: 'system', content: [{ type: 'text', text: 'S' }] }, { role: 'user', content: 'u' }]);
  });

  it('translates text and image blocks (base64 → data URL, url → url)', () => {
    const out = messagesToChat({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
        ],
      },
    ]);
  });

  it('turns a tool round trip into tool_calls and tool messages placed before the rest of the user turn', () => {
    const out = messagesToChat({
      ...base,
      messages: [
        { role: 'user', content: 'weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'two calls', signature: 'sig' },
            { type: 'redacted_thinking', data: 'xyz' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'here you go' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              is_error: true,
              content: [{ type: 'text', text: 'service down' }, { type: 'text', text: 'retry later' }],
            },
            { type: 'text', text: 'thanks' },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Checking.' }],
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'service down\nretry later' },
      { role: 'user', content: [{ type: 'text', text: 'here you go' }, { type: 'text', text: 'thanks' }] },
    ]);
  });

  it('gives an assistant turn of only tool calls null content, and a user turn of only tool results no user message', () => {
    const out = messagesToChat({
      ...base,
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't' }] },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 't', content: '' },
    ]);
  });

  it('refuses document blocks, naming the block', () => {
    const err = unsupported({
      ...base,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'text', text: 'read' }, { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] },
      ],
    });
    expect(err.param).toBe('messages[1].content[1]');
  });

  it('refuses images from the Files API and non-text tool results', () => {
    expect(unsupported({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }).param).toBe(
      'messages[0].content[0].source',
    );
    const img = { type: 'image' as const, source: { type: 'url' as const, url: 'https://x/y.png' } };
    expect(unsupported({ ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [img] }] }] }).param).toBe(
      'messages[0].content[0].content[0]',
    );
  });

  it('translates tools and every tool_choice', () => {
    const tools: MessagesBody['tools'] = [
      { name: 'weather', description: 'Get weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      { type: 'custom', name: 'noop', input_schema: { type: 'object' }, strict: true, cache_control: { type: 'ephemeral' } },
    ];
    const out = messagesToChat({ ...base, tools, tool_choice: { type: 'auto' } });
    expect(out.tools).toEqual([
      { type: 'function', function: { name: 'weather', description: 'Get weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
      { type: 'function', function: { name: 'noop', parameters: { type: 'object' }, strict: true } },
    ]);
    expect(out.tool_choice).toBe('auto');
    expect(out).not.toHaveProperty('parallel_tool_calls');
    expect(messagesToChat({ ...base, tool_choice: { type: 'any' } }).tool_choice).toBe('required');
    expect(messagesToChat({ ...base, tool_choice: { type: 'none' } }).tool_choice).toBe('none');
    const named = messagesToChat({ ...base, tool_choice: { type: 'tool', name: 'weather', disable_parallel_tool_use: true } });
    expect(named.tool_choice).toEqual({ type: 'function', function: { name: 'weather' } });
    expect(named.parallel_tool_calls).toBe(false);
    expect(messagesToChat({ ...base, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }).parallel_tool_calls).toBe(false);
  });

  it('refuses server tools, naming the tool', () => {
    const err = unsupported({
      ...base,
      tools: [
        { name: 'ok', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search' },
      ],
    });
    expect(err.param).toBe('tools[1]');
  });

  it('maps sampling, stop, metadata and copies unknown fields', () => {
    const out = messagesToChat({
      ...base,
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      seed: 7,
      service_tier: 'auto',
      speed: 'fast',
      diagnostics: { previous_message_id: null },
      cache_control: { type: 'ephemeral' },
    });
    expect(out).toEqual({
      model: 'gpt-x',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      seed: 7,
      stop: ['END'],
      user: 'u-1',
    });
  });

  it('refuses top_k, container and inference_geo', () => {
    expect(unsupported({ ...base, top_k: 5 }).param).toBe('top_k');
    expect(unsupported({ ...base, container: 'c1' }).param).toBe('container');
    expect(unsupported({ ...base, inference_geo: 'eu' }).param).toBe('inference_geo');
  });

  it('maps thinking budgets and output effort to reasoning_effort', () => {
    const effort = (extra: Partial<MessagesBody>) => messagesToChat({ ...base, ...extra }).reasoning_effort;
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 1024 } })).toBe('low');
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 1025 } })).toBe('medium');
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 4096 } })).toBe('medium');
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 4097 } })).toBe('high');
    expect(effort({ thinking: { type: 'disabled' } })).toBeUndefined();
    expect(effort({ thinking: { type: 'adaptive' } })).toBeUndefined();
    expect(effort({ output_config: { effort: 'max' } })).toBe('max');
    // The explicit effort wins over a budget.
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 2000 }, output_config: { effort: 'low' } })).toBe('low');
  });

  it('maps a JSON schema output format to response_format', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const out = messagesToChat({ ...base, output_config: { format: { type: 'json_schema', schema } } });
    expect(out.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'output', schema, strict: true } });
    expect(out).not.toHaveProperty('output_config');
    expect(unsupported({ ...base, output_config: { verbosity: 'low' } as MessagesBody['output_config'] }).param).toBe('output_config.verbosity');
  });

  it('does not change the body it was given', () => {
    const body: MessagesBody = { ...base, system: [{ type: 'text', text: 'A' }], metadata: { user_id: 'u' } };
    const copy = structuredClone(body);
    messagesToChat(body);
    expect(body).toEqual(copy);
  });
});

function completion(message: Partial<ChatCompletion.Choice['message']>, finish: ChatCompletion.Choice['finish_reason'], usage?: ChatCompletion['usage']): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-x-2026',
    choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }],
    ...(usage ? { usage } : {}),
  };
}

const nullUsageFields = { cache_creation: null, inference_geo: null, server_tool_use: null, service_tier: null, speed: null };

describe('chatToMessages: answer', () => {
  it('translates a text answer with cached and reasoning tokens', () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 5 },
    };
    expect(chatToMessages(completion({ content: 'Hello!' }, 'stop', usage))).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-x-2026',
      content: [{ type: 'text', text: 'Hello!', citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 40,
        cache_read_input_tokens: 60,
        cache_creation_input_tokens: 0,
        output_tokens: 20,
        output_tokens_details: { thinking_tokens: 5 },
        ...nullUsageFields,
      },
    });
  });

  it('translates tool calls, keeping a call whose arguments do not parse', () => {
    const msg = chatToMessages(
      completion(
        {
          content: 'Let me check.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":' } },
          ],
        },
        'tool_calls',
      ),
    );
    expect(msg.content).toEqual([
      { type: 'text', text: 'Let me check.', citations: null },
      { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' }, caller: { type: 'direct' } },
      { type: 'tool_use', id: 'call_2', name: 'weather', input: {}, caller: { type: 'direct' } },
    ]);
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.usage).toEqual({ input_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 0, output_tokens_details: null, ...nullUsageFields });
  });

  it('maps finish reasons', () => {
    expect(chatToMessages(completion({ content: 'x' }, 'length')).stop_reason).toBe('max_tokens');
    expect(chatToMessages(completion({ content: '' }, 'content_filter')).stop_reason).toBe('refusal');
    expect(chatToMessages(completion({ content: '' }, 'content_filter')).content).toEqual([]);
    // A server that ends a tool-calling answer with `stop` still gets its tools run.
    const calls = [{ id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{}' } }];
    expect(chatToMessages(completion({ tool_calls: calls }, 'stop')).stop_reason).toBe('tool_use');
  });

  it('turns a refusal into a text block with stop_reason refusal', () => {
    const msg = chatToMessages(completion({ refusal: "I can't help with that." }, 'stop'));
    expect(msg.content).toEqual([{ type: 'text', text: "I can't help with that.", citations: null }]);
    expect(msg.stop_reason).toBe('refusal');
    expect(msg.stop_details).toEqual({ type: 'refusal', category: null, explanation: null });
  });

  it('subtracts cache writes from input tokens', () => {
    const usage = { prompt_tokens: 50, completion_tokens: 1, total_tokens: 51, prompt_tokens_details: { cached_tokens: 10, cache_write_tokens: 30 } };
    const u = chatToMessages(completion({ content: 'x' }, 'stop', usage)).usage;
    expect([u.input_tokens, u.cache_read_input_tokens, u.cache_creation_input_tokens]).toEqual([10, 10, 30]);
  });
});

function chunk(delta: ChatCompletionChunk.Choice['delta'], finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 1, model: 'gpt-x-2026', choices: [{ index: 0, delta, finish_reason: finish }] };
}
function usageChunk(usage: NonNullable<ChatCompletionChunk['usage']>): ChatCompletionChunk {
  return { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 1, model: 'gpt-x-2026', choices: [], usage };
}
function run(chunks: ChatCompletionChunk[], opts: { model: string; id?: string } = { model: 'gpt-x', id: 'msg_1' }): RawMessageStreamEvent[] {
  const t = createChatToMessagesStream(opts);
  return [...chunks.flatMap((c) => t.push(c)), ...t.end()];
}

const startEvent = (id = 'msg_1'): RawMessageStreamEvent => ({
  type: 'message_start',
  message: {
    id,
    type: 'message',
    role: 'assistant',
    model: 'gpt-x',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: { input_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 0, output_tokens_details: null, ...nullUsageFields },
  },
});

describe('createChatToMessagesStream', () => {
  it('streams text, with the usage that arrives after finish_reason in message_delta', () => {
    const events = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      usageChunk({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 2 } }),
    ]);
    expect(events).toEqual([
      startEvent(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null },
        usage: { input_tokens: 10, cache_read_input_tokens: 2, cache_creation_input_tokens: 0, output_tokens: 3, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streams text then two parallel tool calls as blocks 0, 1, 2', () => {
    const events = run([
      chunk({ role: 'assistant', content: 'On it.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect(events).toEqual([
      startEvent(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'On it.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'weather', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'time', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null },
        usage: { input_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 0, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streams a refusal as text with stop_reason refusal', () => {
    const events = run([chunk({ role: 'assistant', refusal: 'I cannot ' }), chunk({ refusal: 'help.' }), chunk({}, 'stop')]);
    expect(events.slice(1)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'I cannot ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'help.' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'refusal', stop_sequence: null, stop_details: { type: 'refusal', category: null, explanation: null }, container: null },
        usage: { input_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 0, output_tokens_details: null, server_tool_use: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('reports usage with reasoning tokens, and max_tokens for length', () => {
    const events = run([
      chunk({ content: 'x' }),
      chunk({}, 'length'),
      usageChunk({ prompt_tokens: 7, completion_tokens: 50, total_tokens: 57, completion_tokens_details: { reasoning_tokens: 40 } }),
    ]);
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null, stop_details: null, container: null },
      usage: { input_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 50, output_tokens_details: { thinking_tokens: 40 }, server_tool_use: null },
    });
  });

  it('opens a new text block for text after a tool call, and takes the id from the first chunk when none is given', () => {
    const events = run(
      [chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }), chunk({ content: 'done' }), chunk({}, 'tool_calls')],
      { model: 'gpt-x' },
    );
    expect(events[0]).toEqual(startEvent('chatcmpl-9'));
    expect(events.filter((e) => e.type === 'content_block_start' || e.type === 'content_block_stop').map((e) => [e.type, e.index])).toEqual([
      ['content_block_start', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_stop', 1],
    ]);
  });

  it('refuses interleaved tool call arguments rather than corrupt a call', () => {
    const t = createChatToMessagesStream({ model: 'gpt-x', id: 'msg_1' });
    t.push(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] }));
    t.push(chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }));
    expect(() => t.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }))).toThrow(ProviderError);
  });

  it('still emits a whole message for an empty stream, and nothing after end', () => {
    const t = createChatToMessagesStream({ model: 'gpt-x', id: 'msg_1' });
    expect(t.end().map((e) => e.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(t.end()).toEqual([]);
    expect(t.push(chunk({ content: 'late' }))).toEqual([]);
  });
});
