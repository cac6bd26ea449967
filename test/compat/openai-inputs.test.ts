/**
 * What a request says besides tools: images (https and data URLs), system and developer messages, stop, token
 * limits, reasoning effort, user and metadata, fields the gateway does not know. Chat Completions upstreams get the
 * body unchanged; Claude gets the documented translation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, ask, CLAUDE, claudeMessage, claudeText, expectedUpstream, OPENAI_TARGETS, startCompat, textCompletion, type Compat, type JsonObject, STREAM_MODES } from './helpers.js';

let c: Compat;
beforeAll(async () => {
  c = await startCompat();
});
afterAll(() => c.close());

const modes = STREAM_MODES;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PHOTO = 'https://upload.example.org/photos/harbour.jpg';

const imageMessages = (tag: string) => [
  {
    role: 'user',
    content: [
      { type: 'text', text: `What do these two pictures show? (${tag})` },
      { type: 'image_url', image_url: { url: PHOTO, detail: 'high' } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
    ],
  },
];

describe.each(OPENAI_TARGETS)('$label upstream: the body goes through unchanged', (target) => {
  it.each(modes)('images by https URL and by data URL ($label)', async ({ stream, label }) => {
    const answer = textCompletion('A harbour and a single pixel.');
    c.fake(target).script({ kind: 'raw', json: answer });
    const got = await ask(c.client, { model: target.model, messages: imageMessages(label) }, stream);
    expect(got.completion.choices[0]!.message.content).toBe('A harbour and a single pixel.');
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
  });

  it.each(modes)('system, developer, stop, max_completion_tokens, user, metadata, store, reasoning_effort, unknown fields ($label)', async ({ stream, label }) => {
    c.fake(target).script({ kind: 'raw', json: textCompletion('Teal.') });
    const body = {
      model: target.model,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
        { role: 'user', content: `Name a colour. (${label})`, name: 'dinakar' },
      ],
      stop: ['\n\n', 'END'],
      max_completion_tokens: 300,
      user: 'user-42',
      metadata: { team: 'blue' },
      store: false,
      reasoning_effort: 'low',
      verbosity: 'low',
      prompt_cache_key: 'colours',
      // Fields this gateway has never heard of (a newer OpenAI parameter, a vLLM extension).
      frobnicate: { depth: 3, modes: ['a', 'b'] },
      chat_template_kwargs: { enable_thinking: false },
      top_k: 20,
      cache: false,
    };
    await ask(c.client, body, stream);
    const sent = c.fake(target).calls.at(-1)!.body;
    expect(sent).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    expect(sent).not.toHaveProperty('cache');
    expect(sent.frobnicate).toEqual({ depth: 3, modes: ['a', 'b'] });
  });

  it('max_completion_tokens is not renamed, and legacy max_tokens stays max_tokens (base URL is not api.openai.com)', async () => {
    c.fake(target).script({ kind: 'raw', json: textCompletion('One.') }, { kind: 'raw', json: textCompletion('Two.') });
    await ask(c.client, { model: target.model, messages: [{ role: 'user', content: 'limit by completion tokens' }], max_completion_tokens: 50 }, false);
    const first = c.fake(target).calls.at(-1)!.body;
    expect(first.max_completion_tokens).toBe(50);
    expect(first).not.toHaveProperty('max_tokens');
    await ask(c.client, { model: target.model, messages: [{ role: 'user', content: 'limit by max tokens' }], max_tokens: 60 }, false);
    const second = c.fake(target).calls.at(-1)!.body;
    expect(second.max_tokens).toBe(60);
    expect(second).not.toHaveProperty('max_completion_tokens');
  });
});

describe('Claude upstream: the documented translation', () => {
  const last = (): JsonObject => c.gw.anthropic.calls.at(-1)!.body;

  it.each(modes)('image_url → image blocks: https as a url source, a data URL as base64 ($label)', async ({ stream, label }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('A harbour and a single pixel.')]) });
    const got = await ask(c.client, { model: CLAUDE, messages: imageMessages(label) }, stream);
    expect(got.completion.choices[0]!.message.content).toBe('A harbour and a single pixel.');
    expect(last().messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: `What do these two pictures show? (${label})` },
          { type: 'image', source: { type: 'url', url: PHOTO } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        ],
      },
    ]);
  });

  it('an image type Claude cannot take is a 400 naming the part, before any upstream call', async () => {
    const before = c.gw.anthropic.calls.length;
    const err = await apiError(
      c.client.chat.completions.create({
        model: CLAUDE,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'and this?' }, { type: 'image_url', image_url: { url: 'data:image/svg+xml;base64,PHN2Zy8+' } }] }],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.param).toBe('messages[0].content[1].image_url');
    expect(c.gw.anthropic.calls.length).toBe(before);
  });

  it.each(modes)('system + developer → system; stop → stop_sequences; max_completion_tokens → max_tokens; user → metadata.user_id ($label)', async ({ stream, label }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Teal.')]) });
    await ask(
      c.client,
      {
        model: CLAUDE,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'developer', content: 'Answer in English.' },
          { role: 'user', content: `Name a colour. (${label})` },
        ],
        stop: ['\n\n', 'END'],
        max_completion_tokens: 300,
        user: 'user-42',
        // OpenAI-platform bookkeeping: no effect on the answer, not sent.
        metadata: { team: 'blue' },
        store: false,
        stream_options: stream ? { include_usage: true } : undefined,
      },
      stream,
    );
    expect(last()).toEqual({
      model: CLAUDE,
      max_tokens: 300,
      system: 'You are terse.\n\nAnswer in English.',
      messages: [{ role: 'user', content: `Name a colour. (${label})` }],
      stop_sequences: ['\n\n', 'END'],
      metadata: { user_id: 'user-42' },
      stream,
    });
  });

  it('a single stop string, legacy max_tokens, and the default max_tokens', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('a')]) }, { kind: 'raw', json: claudeMessage([claudeText('b')]) });
    await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'one stop' }], stop: 'END', max_tokens: 77 }, false);
    expect(last()).toMatchObject({ stop_sequences: ['END'], max_tokens: 77 });
    await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'no limit' }] }, false);
    expect(last().max_tokens).toBe(1024);
    expect(last()).not.toHaveProperty('stop_sequences');
  });

  it.each([
    { effort: 'low', budget: 1024 },
    { effort: 'medium', budget: 2048 },
    { effort: 'high', budget: 4096 },
  ])('reasoning_effort $effort → thinking budget $budget, max_tokens above it', async ({ effort, budget }) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('ok')]) });
    await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `think ${effort}` }], reasoning_effort: effort, max_completion_tokens: 8000 }, false);
    expect(last()).toMatchObject({ thinking: { type: 'enabled', budget_tokens: budget }, max_tokens: 8000 });
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('ok')]) });
    await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `think ${effort} briefly` }], reasoning_effort: effort, max_completion_tokens: 500 }, false);
    // Anthropic refuses a budget that is not below max_tokens: the answer keeps its room after thinking.
    expect(last()).toMatchObject({ thinking: { type: 'enabled', budget_tokens: budget }, max_tokens: budget + 1024 });
  });

  it('reasoning_effort minimal → no thinking; an unknown effort is a 400 naming reasoning_effort', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('ok')]) });
    await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'think little' }], reasoning_effort: 'minimal' }, false);
    expect(last()).not.toHaveProperty('thinking');
    const err = await apiError(ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'think weirdly' }], reasoning_effort: 'extreme' }, false));
    expect(err).toMatchObject({ status: 400, param: 'reasoning_effort' });
  });

  it('fields that are not Chat Completions go to Anthropic as they are (an explicit thinking wins over reasoning_effort)', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('ok')]) });
    await ask(
      c.client,
      { model: CLAUDE, messages: [{ role: 'user', content: 'native fields' }], reasoning_effort: 'high', thinking: { type: 'enabled', budget_tokens: 3000 }, max_completion_tokens: 9000, context_management: { edits: [] }, cache: false },
      false,
    );
    expect(last()).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 3000 }, context_management: { edits: [] }, max_tokens: 9000 });
    expect(last()).not.toHaveProperty('cache');
    expect(last()).not.toHaveProperty('reasoning_effort');
  });
});
