import type {
  ContentBlock,
  Message,
  MessageDeltaUsage,
  RawMessageStreamEvent,
  StopReason,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import {
  AnthropicStreamError,
  anthropicToChat,
  anthropicUsageToChat,
  chatToAnthropic,
  createAnthropicToChatStream,
  UnsupportedParameterError,
  type ToAnthropicOptions,
} from '../../src/llm/translate/chat-to-anthropic.js';
import type { ChatBody } from '../../src/llm/types.js';

const OPTS: ToAnthropicOptions = { defaultMaxTokens: 1024 };
const PNG = 'iVBORw0KGgo=';
const PDF = 'JVBERi0xLjQ=';

/** A body from plain JSON, as a client sends it (extension fields included). */
const body = (fields: Record<string, unknown>): ChatBody =>
  ({ model: 'claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }], ...fields }) as ChatBody;
const params = (fields: Record<string, unknown>, opts: ToAnthropicOptions = OPTS) => chatToAnthropic(body(fields), opts).params;
const messagesOf = (messages: unknown[]) => params({ messages });

function refused(fn: () => unknown): UnsupportedParameterError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UnsupportedParameterError);
    return err as UnsupportedParameterError;
  }
  throw new Error('expected an UnsupportedParameterError');
}
const refusedParam = (fields: Record<string, unknown>) => refused(() => params(fields)).param;

describe('chatToAnthropic: basics', () => {
  it('copies the model, sends the default max_tokens and keeps a string user message as is', () => {
    expect(chatToAnthropic(body({}), OPTS)).toEqual({
      params: { model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] },
      dropped: [],
    });
  });

  it('refuses a body whose model was never filled in', () => {
    expect(refusedParam({ model: undefined })).toBe('model');
  });

  it('takes max_completion_tokens over max_tokens, and max_tokens over the default', () => {
    expect(params({ max_completion_tokens: 50, max_tokens: 70 }).max_tokens).toBe(50);
    expect(params({ max_completion_tokens: null, max_tokens: 70 }).max_tokens).toBe(70);
    expect(params({ max_tokens: null }).max_tokens).toBe(1024);
  });

  it('turns stop into stop_sequences (a string becomes an array; null and [] send nothing)', () => {
    expect(params({ stop: 'END' }).stop_sequences).toEqual(['END']);
    expect(params({ stop: ['a', 'b'] }).stop_sequences).toEqual(['a', 'b']);
    expect(params({ stop: null })).not.toHaveProperty('stop_sequences');
    expect(params({ stop: [] })).not.toHaveProperty('stop_sequences');
  });

  it('sends user as metadata.user_id', () => {
    expect(params({ user: 'u-42' }).metadata).toEqual({ user_id: 'u-42' });
  });
});

describe('chatToAnthropic: system and developer messages', () => {
  it('joins system and developer messages from anywhere, in order, into one string', () => {
    const p = messagesOf([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'developer', content: 'Answer in French.' },
      { role: 'system', content: '' },
      { role: 'assistant', content: 'Salut' },
    ]);
    expect(p.system).toBe('Be brief.\n\nAnswer in French.');
    expect(p.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: [{ type: 'text', text: 'Salut' }] },
    ]);
  });

  it('makes text blocks when any system message has parts (cache_control kept, empty text dropped)', () => {
    const p = messagesOf([
      { role: 'system', content: 'One.' },
      { role: 'developer', content: [{ type: 'text', text: 'Two.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: '' }] },
      { role: 'user', content: 'hi' },
    ]);
    expect(p.system).toEqual([
      { type: 'text', text: 'One.' },
      { type: 'text', text: 'Two.', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('sends no system when there is none or it is empty', () => {
    expect(params({})).not.toHaveProperty('system');
    expect(messagesOf([{ role: 'system', content: '' }, { role: 'user', content: 'hi' }])).not.toHaveProperty('system');
  });
});

describe('chatToAnthropic: user content', () => {
  it('maps text parts and image URLs (http, https, base64 data URLs) and ignores a message name', () => {
    const p = messagesOf([
      {
        role: 'user',
        name: 'alice',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'http://example.com/dog.jpg' } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'image_url', image_url: { url: `data:image/webp;name=x.webp;base64,${PNG}` } },
          { type: 'text', text: 'cached', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
      },
    ]);
    expect(p.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
          { type: 'image', source: { type: 'url', url: 'http://example.com/dog.jpg' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: PNG } },
          { type: 'text', text: 'cached', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
      },
    ]);
  });

  it('refuses images Claude cannot take, naming the part', () => {
    const image = (url: string) => [{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url } }] }];
    expect(refusedParam({ messages: image(`data:image/bmp;base64,${PNG}`) })).toBe('messages[0].content[1].image_url');
    expect(refusedParam({ messages: image('data:image/png,rawbytes') })).toBe('messages[0].content[1].image_url');
    expect(refusedParam({ messages: image('ftp://example.com/a.png') })).toBe('messages[0].content[1].image_url');
  });

  it('maps a PDF file part to a base64 document block and refuses other files', () => {
    const p = messagesOf([
      { role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf', file_data: `data:application/pdf;base64,${PDF}` } }] },
    ]);
    expect(p.messages).toEqual([
      { role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF } }] },
    ]);
    const file = (f: object) => [{ role: 'user', content: 'x' }, { role: 'user', content: [{ type: 'file', file: f }] }];
    expect(refusedParam({ messages: file({ file_id: 'file-123' }) })).toBe('messages[1].content[0].file');
    expect(refusedParam({ messages: file({ file_data: `data:text/csv;base64,${PDF}` }) })).toBe('messages[1].content[0].file');
  });

  it('refuses audio input, naming the part', () => {
    const e = refused(() =>
      messagesOf([{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }]),
    );
    expect(e.param).toBe('messages[0].content[1]');
  });
});

describe('chatToAnthropic: assistant messages', () => {
  it('maps text and refusal parts to text blocks, skips empty text, then tool calls as tool_use', () => {
    const p = messagesOf([
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'text', text: '' },
          { type: 'refusal', refusal: 'Not that part.' },
        ],
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'time', arguments: '' } },
        ],
      },
    ]);
    expect(p.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'text', text: 'Not that part.' },
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'time', input: {} },
      ],
    });
  });

  it('sends a tool-calling turn with empty or null content as tool_use blocks only', () => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } };
    for (const content of ['', null]) {
      const p = messagesOf([{ role: 'user', content: 'x' }, { role: 'assistant', content, tool_calls: [call] }]);
      expect(p.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'tool_use', id: 'c', name: 'f', input: {} }] });
    }
  });

  it('puts thinking_blocks first, unchanged', () => {
    const thinking = [
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque' },
    ];
    const p = messagesOf([
      { role: 'user', content: 'x' },
      { role: 'assistant', content: 'Answer.', thinking_blocks: thinking, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      { role: 'tool', tool_call_id: 'c', content: 'done' },
    ]);
    expect(p.messages[1]).toEqual({
      role: 'assistant',
      content: [...thinking, { type: 'text', text: 'Answer.' }, { type: 'tool_use', id: 'c', name: 'f', input: { a: 1 } }],
    });
    expect(refusedParam({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'a', thinking_blocks: [{ type: 'text' }] }] })).toBe(
      'messages[1].thinking_blocks',
    );
  });

  it('keeps an earlier refusal (content null, refusal set) as the text of the turn', () => {
    const p = messagesOf([{ role: 'user', content: 'x' }, { role: 'assistant', content: null, refusal: 'I cannot help.' }, { role: 'user', content: 'ok' }]);
    expect(p.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'I cannot help.' }] });
  });

  it('keeps a final assistant message last, as a prefill', () => {
    const p = messagesOf([
      { role: 'system', content: 'S' },
      { role: 'user', content: 'Pick A or B.' },
      { role: 'assistant', content: 'The answer is (' },
    ]);
    expect(p.messages).toEqual([
      { role: 'user', content: 'Pick A or B.' },
      { role: 'assistant', content: [{ type: 'text', text: 'The answer is (' }] },
    ]);
  });

  it('refuses tool call arguments that are not a JSON object, naming the call', () => {
    for (const args of ['[1,2]', '{not json', 'null', '"text"']) {
      const e = refused(() =>
        messagesOf([
          { role: 'user', content: 'x' },
          {
            role: 'assistant',
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
              { id: 'b', type: 'function', function: { name: 'g', arguments: args } },
            ],
          },
        ]),
      );
      expect(e.param).toBe('messages[1].tool_calls[1].function.arguments');
    }
  });

  it('refuses custom tool calls, function_call and audio in assistant messages', () => {
    const withAssistant = (m: object) => ({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'a', ...m }] });
    expect(refusedParam(withAssistant({ tool_calls: [{ id: 'a', type: 'custom', custom: { name: 'g', input: 'x' } }] }))).toBe(
      'messages[1].tool_calls[0].type',
    );
    expect(refusedParam(withAssistant({ function_call: { name: 'f', arguments: '{}' } }))).toBe('messages[1].function_call');
    expect(refusedParam(withAssistant({ audio: { id: 'audio_1' } }))).toBe('messages[1].audio');
  });
});

describe('chatToAnthropic: tool results and turn merging', () => {
  it('merges consecutive tool messages and the following user message into one user turn', () => {
    const p = messagesOf([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_p', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_r', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_p', content: '18°C' },
      { role: 'tool', tool_call_id: 'call_r', content: [{ type: 'text', text: '24°C' }, { type: 'text', text: 'sunny' }] },
      { role: 'user', content: 'Which is warmer?' },
    ]);
    expect(p.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_p', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_r', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_p', content: '18°C' },
          {
            type: 'tool_result',
            tool_use_id: 'call_r',
            content: [
              { type: 'text', text: '24°C' },
              { type: 'text', text: 'sunny' },
            ],
          },
          { type: 'text', text: 'Which is warmer?' },
        ],
      },
    ]);
  });

  it('merges consecutive user turns and consecutive assistant turns (content arrays concatenated)', () => {
    const p = messagesOf([
      { role: 'user', content: 'one' },
      { role: 'user', content: [{ type: 'text', text: 'two' }] },
      { role: 'assistant', content: 'three' },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: 'four' },
      { role: 'user', content: 'five' },
    ]);
    expect(p.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'three' }, { type: 'text', text: 'four' }] },
      { role: 'user', content: 'five' },
    ]);
  });

  it('refuses the deprecated function role, naming it', () => {
    const e = refused(() => messagesOf([{ role: 'user', content: 'x' }, { role: 'function', name: 'f', content: '1' }]));
    expect(e.param).toBe('messages[1].role');
  });
});

describe('chatToAnthropic: tools and tool_choice', () => {
  const fn = (name: string, extra: object = {}) => ({ type: 'function', function: { name, ...extra } });

  it('maps function tools to input_schema (an empty object schema when parameters are absent; strict kept)', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const p = params({ tools: [fn('weather', { description: 'Weather now', parameters: schema, strict: true }), fn('ping')] });
    expect(p.tools).toEqual([
      { name: 'weather', description: 'Weather now', input_schema: schema, strict: true },
      { name: 'ping', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('refuses custom tools, naming the tool', () => {
    expect(refusedParam({ tools: [fn('a'), { type: 'custom', custom: { name: 'grammar' } }] })).toBe('tools[1].type');
  });

  it('maps each tool_choice', () => {
    const tools = [fn('a')];
    expect(params({ tools, tool_choice: 'auto' }).tool_choice).toEqual({ type: 'auto' });
    expect(params({ tools, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(params({ tools, tool_choice: 'required' }).tool_choice).toEqual({ type: 'any' });
    expect(params({ tools, tool_choice: { type: 'function', function: { name: 'a' } } }).tool_choice).toEqual({ type: 'tool', name: 'a' });
    expect(params({ tools })).not.toHaveProperty('tool_choice');
    expect(refusedParam({ tools, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } } })).toBe('tool_choice');
  });

  it('maps parallel_tool_calls: false to disable_parallel_tool_use', () => {
    const tools = [fn('a')];
    expect(params({ tools, parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(params({ tools, tool_choice: 'required', parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(params({ tools, tool_choice: { type: 'function', function: { name: 'a' } }, parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'tool',
      name: 'a',
      disable_parallel_tool_use: true,
    });
    expect(params({ tools, tool_choice: 'none', parallel_tool_calls: false }).tool_choice).toEqual({ type: 'none' });
    expect(params({ tools, parallel_tool_calls: true })).not.toHaveProperty('tool_choice');
    expect(params({ parallel_tool_calls: false })).not.toHaveProperty('tool_choice');
  });
});

describe('chatToAnthropic: reasoning_effort and response_format', () => {
  it('maps reasoning_effort to a thinking budget, raising max_tokens above the budget when needed', () => {
    expect(params({ reasoning_effort: 'low', max_tokens: 8000 })).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 8000 });
    expect(params({ reasoning_effort: 'medium', max_tokens: 8000 }).thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(params({ reasoning_effort: 'high' })).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 }, max_tokens: 4096 + 1024 });
    expect(params({ reasoning_effort: 'low', max_tokens: 1024 }).max_tokens).toBe(2048);
    expect(params({ reasoning_effort: 'low', max_tokens: 1025 }).max_tokens).toBe(1025);
  });

  it('sends no thinking for minimal and none, and refuses an unknown effort', () => {
    expect(params({ reasoning_effort: 'minimal' })).not.toHaveProperty('thinking');
    expect(params({ reasoning_effort: 'none' })).not.toHaveProperty('thinking');
    expect(refusedParam({ reasoning_effort: 'extreme' })).toBe('reasoning_effort');
  });

  it('lets an explicit Anthropic thinking win over reasoning_effort', () => {
    const p = params({ reasoning_effort: 'high', thinking: { type: 'adaptive' }, max_tokens: 500 });
    expect(p.thinking).toEqual({ type: 'adaptive' });
    expect(p.max_tokens).toBe(500);
  });

  it('maps response_format to output_config.format', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    expect(params({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema, strict: true } } }).output_config).toEqual({
      format: { type: 'json_schema', schema },
    });
    expect(params({ response_format: { type: 'json_object' } }).output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } } });
    expect(params({ response_format: { type: 'text' } })).not.toHaveProperty('output_config');
  });
});

describe('chatToAnthropic: sampling parameters (API 2026-10-21)', () => {
  for (const field of ['temperature', 'top_p', 'top_k']) {
    it(`refuses ${field}, even at its default, explaining the API version`, () => {
      const e = refused(() => params({ [field]: 1 }));
      expect(e.param).toBe(field);
      expect(e.message).toContain(field);
      expect(e.message).toContain('2026-10-21');
    });
  }

  it('drops them and lists them when dropUnsupported is set', () => {
    const { params: p, dropped } = chatToAnthropic(body({ temperature: 0.2, top_p: 0.9, top_k: 40 }), { ...OPTS, dropUnsupported: true });
    expect(dropped).toEqual(['temperature', 'top_p', 'top_k']);
    expect(p).toEqual({ model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
  });

  it('treats null as not sent', () => {
    expect(chatToAnthropic(body({ temperature: null, top_p: null }), OPTS).dropped).toEqual([]);
  });
});

describe('chatToAnthropic: untranslatable, platform-only and passthrough fields', () => {
  const untranslatable: Array<[string, unknown]> = [
    ['n', 2],
    ['logprobs', true],
    ['top_logprobs', 3],
    ['logit_bias', { '50256': -100 }],
    ['presence_penalty', 0.5],
    ['frequency_penalty', -0.5],
    ['seed', 7],
    ['prediction', { type: 'content', content: 'x' }],
    ['audio', { format: 'wav', voice: 'alloy' }],
    ['modalities', ['text', 'audio']],
    ['web_search_options', {}],
    ['functions', [{ name: 'f' }]],
    ['function_call', 'auto'],
    ['moderation', { model: 'omni-moderation-latest' }],
  ];
  for (const [field, value] of untranslatable) {
    it(`refuses ${field}: ${JSON.stringify(value)}, naming it`, () => {
      expect(refusedParam({ [field]: value })).toBe(field);
    });
  }

  it('accepts the harmless values of those fields and sends nothing for them', () => {
    const harmless = { n: 1, logprobs: false, top_logprobs: 0, logit_bias: {}, presence_penalty: 0, frequency_penalty: 0, modalities: ['text'], seed: null };
    expect(chatToAnthropic(body(harmless), OPTS)).toEqual({
      params: { model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] },
      dropped: [],
    });
  });

  it('omits OpenAI-platform fields and lists them in dropped', () => {
    const platform = {
      store: true,
      metadata: { tag: 'x' },
      service_tier: 'flex',
      stream_options: { include_usage: true },
      stream: true,
      prompt_cache_key: 'k',
      safety_identifier: 'sid',
      verbosity: 'low',
      prompt_cache_retention: '24h',
    };
    expect(chatToAnthropic(body(platform), OPTS)).toEqual({
      params: { model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] },
      dropped: Object.keys(platform),
    });
  });

  it('passes fields that are not Chat Completions fields through unchanged, and ignores the gateway cache field', () => {
    const p = params({
      cache_control: { type: 'ephemeral' },
      container: 'container_1',
      inference_geo: 'us',
      thinking: { type: 'enabled', budget_tokens: 2000 },
      cache: { ttl: 60 },
    });
    expect(p).toEqual({
      model: 'claude-sonnet-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'hi' }],
      cache_control: { type: 'ephemeral' },
      container: 'container_1',
      inference_geo: 'us',
      thinking: { type: 'enabled', budget_tokens: 2000 },
    });
  });

  it('merges a passed-through output_config with the one response_format makes', () => {
    const p = params({ response_format: { type: 'json_object' }, output_config: { effort: 'low' } });
    expect(p.output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } }, effort: 'low' });
    expect(params({ output_config: { effort: 'high' } }).output_config).toEqual({ effort: 'high' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Responses

const usage = (u: Partial<AnthropicUsage> = {}): AnthropicUsage => ({
  cache_creation: null,
  cache_creation_input_tokens: null,
  cache_read_input_tokens: null,
  inference_geo: null,
  input_tokens: 10,
  output_tokens: 5,
  output_tokens_details: null,
  server_tool_use: null,
  service_tier: null,
  speed: null,
  ...u,
});

const message = (content: ContentBlock[], stop: StopReason | null = 'end_turn', extra: Partial<Message> = {}): Message => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5',
  container: null,
  diagnostics: null,
  stop_details: null,
  stop_reason: stop,
  stop_sequence: null,
  content,
  usage: usage(),
  ...extra,
});
const text = (t: string): ContentBlock => ({ type: 'text', text: t, citations: null });
const toolUse = (id: string, name: string, input: unknown): ContentBlock => ({ type: 'tool_use', id, name, input, caller: { type: 'direct' } });
const PLAIN_USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } };

describe('anthropicToChat', () => {
  it('maps a text answer to a whole chat.completion', () => {
    expect(anthropicToChat(message([text('Hello'), text(' world')]), { created: 1700000000 })).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-5',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: PLAIN_USAGE,
    });
  });

  it('defaults created to now, in seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const { created } = anthropicToChat(message([text('x')]));
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('maps tool_use blocks to tool_calls (content null when there is no text)', () => {
    const res = anthropicToChat(message([toolUse('toolu_1', 'weather', { city: 'Paris' }), toolUse('toolu_2', 'time', {})], 'tool_use'), { created: 1 });
    expect(res.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'time', arguments: '{}' } },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
    const withText = anthropicToChat(message([text('Let me check.'), toolUse('t', 'f', { a: 1 })], 'tool_use'), { created: 1 });
    expect(withText.choices[0]?.message.content).toBe('Let me check.');
  });

  it('returns thinking as reasoning_content and thinking_blocks with their signatures', () => {
    const res = anthropicToChat(
      message([
        { type: 'thinking', thinking: 'First, ', signature: 'sig-a' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'thinking', thinking: 'then.', signature: 'sig-b' },
        text('42'),
      ]),
      { created: 1 },
    );
    expect(res.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '42',
      refusal: null,
      reasoning_content: 'First, then.',
      thinking_blocks: [
        { type: 'thinking', thinking: 'First, ', signature: 'sig-a' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'thinking', thinking: 'then.', signature: 'sig-b' },
      ],
    });
  });

  it('puts a refusal in message.refusal with content null and finish_reason content_filter', () => {
    const res = anthropicToChat(message([text('I cannot help with that.')], 'refusal'), { created: 1 });
    expect(res.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      logprobs: null,
      finish_reason: 'content_filter',
    });
    const silent = anthropicToChat(
      message([], 'refusal', { stop_details: { type: 'refusal', category: 'cyber', explanation: 'Policy.' } }),
      { created: 1 },
    );
    expect(silent.choices[0]?.message.refusal).toBe('Policy.');
  });

  it('maps every stop reason', () => {
    const cases: Array<[StopReason, string]> = [
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['pause_turn', 'stop'],
      ['max_tokens', 'length'],
      ['model_context_window_exceeded', 'length'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
    ];
    for (const [stop, finish] of cases) expect(anthropicToChat(message([text('x')], stop)).choices[0]?.finish_reason).toBe(finish);
  });

  it('counts cache reads and writes into prompt_tokens, reports thinking tokens, and maps service_tier', () => {
    const res = anthropicToChat(
      message([text('x')], 'end_turn', {
        usage: usage({
          input_tokens: 20,
          cache_read_input_tokens: 1000,
          cache_creation_input_tokens: 300,
          output_tokens: 80,
          output_tokens_details: { thinking_tokens: 50 },
          service_tier: 'standard',
        }),
      }),
      { created: 1 },
    );
    expect(res.usage).toEqual({
      prompt_tokens: 1320,
      completion_tokens: 80,
      total_tokens: 1400,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 300 },
      completion_tokens_details: { reasoning_tokens: 50 },
    });
    expect(res.service_tier).toBe('default');
    expect(res).not.toHaveProperty('system_fingerprint');
    const priority = anthropicToChat(message([text('x')], 'end_turn', { usage: usage({ service_tier: 'priority' }) }));
    expect(priority.service_tier).toBe('priority');
  });
});

describe('anthropicUsageToChat', () => {
  it('takes a message_delta usage, nulls counted as zero', () => {
    const u: MessageDeltaUsage = {
      input_tokens: null,
      output_tokens: 7,
      cache_read_input_tokens: null,
      cache_creation_input_tokens: 4,
      output_tokens_details: null,
      server_tool_use: null,
    };
    expect(anthropicUsageToChat(u)).toEqual({
      prompt_tokens: 4,
      completion_tokens: 7,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 4 },
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Streams

const CREATED = 1700000000;
const head = { id: 'msg_s', object: 'chat.completion.chunk', created: CREATED, model: 'claude-sonnet-5' };
const deltaChunk = (delta: object) => ({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] });
const finishChunk = (finish: string) => ({ ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finish }] });

const start = (u: Partial<AnthropicUsage> = {}): RawMessageStreamEvent => ({
  type: 'message_start',
  message: { ...message([], null, { id: 'msg_s', usage: usage({ input_tokens: 10, output_tokens: 1, ...u }) }) },
});
const blockStart = (index: number, content_block: ContentBlock): RawMessageStreamEvent => ({ type: 'content_block_start', index, content_block });
const textDelta = (index: number, t: string): RawMessageStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
const jsonDelta = (index: number, partial_json: string): RawMessageStreamEvent => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json },
});
const blockStop = (index: number): RawMessageStreamEvent => ({ type: 'content_block_stop', index });
const msgDelta = (stop: StopReason, u: Partial<MessageDeltaUsage> = {}): RawMessageStreamEvent => ({
  type: 'message_delta',
  delta: { stop_reason: stop, stop_sequence: null, stop_details: null, container: null },
  usage: {
    input_tokens: null,
    output_tokens: 5,
    cache_read_input_tokens: null,
    cache_creation_input_tokens: null,
    output_tokens_details: null,
    server_tool_use: null,
    ...u,
  },
});
const STOP: RawMessageStreamEvent = { type: 'message_stop' };

function run(events: Parameters<ReturnType<typeof createAnthropicToChatStream>['push']>[0][]) {
  const s = createAnthropicToChatStream({ created: CREATED });
  const chunks = events.flatMap((ev) => s.push(ev));
  return { chunks, finished: s.finished };
}

describe('createAnthropicToChatStream', () => {
  it('streams a text answer: role chunk, content chunks, finish chunk, usage chunk; finished at message_stop', () => {
    const s = createAnthropicToChatStream({ created: CREATED });
    const chunks = [start(), { type: 'ping' } as const, blockStart(0, text('')), textDelta(0, 'Hel'), textDelta(0, 'lo'), blockStop(0), msgDelta('end_turn')].flatMap(
      (ev) => s.push(ev),
    );
    expect(s.finished).toBe(false);
    expect(s.push(STOP)).toEqual([]);
    expect(s.finished).toBe(true);
    expect(chunks).toEqual([
      deltaChunk({ role: 'assistant', content: '' }),
      deltaChunk({ content: 'Hel' }),
      deltaChunk({ content: 'lo' }),
      finishChunk('stop'),
      { ...head, choices: [], usage: { ...PLAIN_USAGE, prompt_tokens: 10, total_tokens: 15 } },
    ]);
  });

  it('streams two parallel tool calls with their own indexes after a text block', () => {
    const { chunks, finished } = run([
      start(),
      blockStart(0, text('')),
      textDelta(0, 'Checking both.'),
      blockStop(0),
      blockStart(1, toolUse('toolu_p', 'weather', {})),
      jsonDelta(1, ''),
      jsonDelta(1, '{"city":'),
      jsonDelta(1, '"Paris"}'),
      blockStop(1),
      blockStart(2, toolUse('toolu_r', 'weather', {})),
      jsonDelta(2, '{"city":"Rome"}'),
      blockStop(2),
      msgDelta('tool_use', { output_tokens: 60 }),
      STOP,
    ]);
    expect(finished).toBe(true);
    expect(chunks).toEqual([
      deltaChunk({ role: 'assistant', content: '' }),
      deltaChunk({ content: 'Checking both.' }),
      deltaChunk({ tool_calls: [{ index: 0, id: 'toolu_p', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      deltaChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      deltaChunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      deltaChunk({ tool_calls: [{ index: 1, id: 'toolu_r', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      deltaChunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] }),
      finishChunk('tool_calls'),
      { ...head, choices: [], usage: { ...PLAIN_USAGE, completion_tokens: 60, total_tokens: 70 } },
    ]);
  });

  it('sends "{}" as the arguments of a tool call whose input never streamed', () => {
    const { chunks } = run([start(), blockStart(0, toolUse('toolu_n', 'now', {})), blockStop(0), msgDelta('tool_use')]);
    expect(chunks.slice(1, 3)).toEqual([
      deltaChunk({ tool_calls: [{ index: 0, id: 'toolu_n', type: 'function', function: { name: 'now', arguments: '' } }] }),
      deltaChunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
    ]);
  });

  it('streams thinking as reasoning_content, its signature and redacted blocks as thinking_blocks', () => {
    const { chunks } = run([
      start(),
      blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm, ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'six times seven.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-xyz' } },
      blockStop(0),
      blockStart(1, { type: 'redacted_thinking', data: 'opaque' }),
      blockStop(1),
      blockStart(2, text('')),
      textDelta(2, '42'),
      blockStop(2),
      msgDelta('end_turn', { output_tokens: 90, output_tokens_details: { thinking_tokens: 70 } }),
      STOP,
    ]);
    expect(chunks).toEqual([
      deltaChunk({ role: 'assistant', content: '' }),
      deltaChunk({ reasoning_content: 'Hmm, ' }),
      deltaChunk({ reasoning_content: 'six times seven.' }),
      deltaChunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'sig-xyz' }] }),
      deltaChunk({ thinking_blocks: [{ type: 'redacted_thinking', data: 'opaque' }] }),
      deltaChunk({ content: '42' }),
      finishChunk('stop'),
      {
        ...head,
        choices: [],
        usage: { ...PLAIN_USAGE, completion_tokens: 90, total_tokens: 100, completion_tokens_details: { reasoning_tokens: 70 } },
      },
    ]);
  });

  it('merges message_start cache counts with message_delta cumulative counts in the usage chunk', () => {
    const fromStart = run([start({ input_tokens: 12, cache_read_input_tokens: 2000, cache_creation_input_tokens: 150 }), msgDelta('end_turn', { output_tokens: 30 })]);
    expect(fromStart.chunks.at(-1)).toEqual({
      ...head,
      choices: [],
      usage: {
        prompt_tokens: 2162,
        completion_tokens: 30,
        total_tokens: 2192,
        prompt_tokens_details: { cached_tokens: 2000, cache_write_tokens: 150 },
      },
    });
    // A message_delta that carries input counts is cumulative and wins.
    const fromDelta = run([start({ input_tokens: 12, cache_read_input_tokens: 2000 }), msgDelta('max_tokens', { input_tokens: 15, output_tokens: 30 })]);
    expect(fromDelta.chunks.slice(-2)).toEqual([
      finishChunk('length'),
      { ...head, choices: [], usage: { prompt_tokens: 2015, completion_tokens: 30, total_tokens: 2045, prompt_tokens_details: { cached_tokens: 2000, cache_write_tokens: 0 } } },
    ]);
  });

  it('carries a mapped service_tier on every chunk and maps a refusal to content_filter', () => {
    const { chunks } = run([start({ service_tier: 'priority' }), blockStart(0, text('')), textDelta(0, 'No.'), msgDelta('refusal')]);
    expect(chunks.slice(0, 3)).toEqual([
      { ...deltaChunk({ role: 'assistant', content: '' }), service_tier: 'priority' },
      { ...deltaChunk({ content: 'No.' }), service_tier: 'priority' },
      { ...finishChunk('content_filter'), service_tier: 'priority' },
    ]);
  });

  it('ignores ping and unknown events', () => {
    const s = createAnthropicToChatStream({ created: CREATED });
    s.push(start());
    expect(s.push({ type: 'ping' })).toEqual([]);
    expect(s.push({ type: 'brand_new_event' } as unknown as RawMessageStreamEvent)).toEqual([]);
    expect(s.push({ type: 'content_block_delta', index: 0, delta: { type: 'citations_delta' } } as unknown as RawMessageStreamEvent)).toEqual([]);
  });

  it('throws the message of an error event', () => {
    const s = createAnthropicToChatStream({ created: CREATED });
    s.push(start());
    let err: unknown;
    try {
      s.push({ type: 'error', request_id: null, error: { type: 'overloaded_error', message: 'Overloaded' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnthropicStreamError);
    expect(err).toMatchObject({ message: 'Overloaded', errorType: 'overloaded_error' });
    expect(s.finished).toBe(false);
  });

  it('throws when content arrives before message_start', () => {
    const s = createAnthropicToChatStream();
    expect(() => s.push(textDelta(0, 'x'))).toThrow(AnthropicStreamError);
  });
});
