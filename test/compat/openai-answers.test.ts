/**
 * What the upstream answered is what the client got: refusals, Claude's thinking, usage details (cached and
 * reasoning tokens), the upstream's id, snapshot model, fingerprint and tier, and its request id as a header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsFor } from '../helpers/fake-anthropic.js';
import { openAiChunksFor } from '../helpers/fake-openai.js';
import {
  ask,
  assemble,
  CLAUDE,
  CLAUDE_USAGE,
  claudeMessage,
  claudeText,
  completion,
  expectedFromClaude,
  framesOf,
  OPENAI_TARGETS,
  startCompat,
  streamedReasoning,
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
const REFUSAL = "I'm sorry, I can't help with that.";

describe.each(OPENAI_TARGETS)('$label upstream', (target) => {
  it.each(modes)('a refusal comes back in `refusal`, streamed as refusal deltas ($label)', async ({ stream, label }) => {
    const answer = completion({ content: null, refusal: REFUSAL });
    c.fake(target).script({ kind: 'raw', json: answer });
    const got = await ask(c.client, { model: target.model, messages: [{ role: 'user', content: `refuse me (${label})` }] }, stream);
    if (!stream) {
      expect(got.completion).toEqual(answer);
      return;
    }
    expect(got.chunks.map((ch) => ch.choices[0]?.delta.refusal ?? '').join('')).toBe(REFUSAL);
    expect(got.chunks.some((ch) => ch.choices[0]?.delta.content)).toBe(false);
    expect(got.completion.choices[0]!.message).toMatchObject({ content: null, refusal: REFUSAL });
  });

  it.each(modes)('usage details, id, snapshot model, fingerprint, tier and x-upstream-request-id are preserved ($label)', async ({ stream, label }) => {
    const answer = completion(
      { content: 'Thought about it.' },
      {
        model: 'o4-mini-2025-04-16',
        system_fingerprint: 'fp_usage1',
        service_tier: 'flex',
        usage: {
          prompt_tokens: 1200,
          completion_tokens: 300,
          total_tokens: 1500,
          prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 256, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
      },
    );
    c.fake(target).script({ kind: 'raw', json: answer, headers: { 'x-request-id': `req_up_${label.replace(' ', '_')}` } });
    const got = await ask(c.client, { model: target.model, messages: [{ role: 'user', content: `usage please (${label})` }], stream_options: stream ? { include_usage: true } : undefined }, stream);
    expect(got.headers.get('x-upstream-request-id')).toBe(`req_up_${label.replace(' ', '_')}`);
    if (stream) {
      expect(got.completion).toEqual(await assemble(framesOf(openAiChunksFor(answer, { includeUsage: true })) as never));
      expect(got.chunks.at(-1)).toMatchObject({ choices: [], usage: answer.usage });
    } else {
      expect(got.completion).toEqual(answer);
    }
    expect(got.completion).toMatchObject({ id: answer.id, model: 'o4-mini-2025-04-16', system_fingerprint: 'fp_usage1', service_tier: 'flex', usage: answer.usage });
  });
});

describe('Claude upstream', () => {
  it.each(modes)('stop_reason refusal → finish_reason content_filter ($label)', async ({ stream, label }) => {
    const msg = claudeMessage([claudeText(REFUSAL)], { stop_reason: 'refusal' });
    c.gw.anthropic.script({ kind: 'raw', json: msg });
    const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `refuse me (${label})` }] }, stream);
    expect(got.completion.choices[0]!.finish_reason).toBe('content_filter');
    if (!stream) {
      // OpenAI puts a refusal in `refusal`, never in `content`.
      expect(got.completion).toEqual(expectedFromClaude(msg, { content: null, refusal: REFUSAL }, 'content_filter', CLAUDE_USAGE));
    } else {
      // Streamed, the stop reason arrives after the text: the text went out as content before it was known.
      expect(got.completion.choices[0]!.message.content).toBe(REFUSAL);
    }
  });

  it.each(modes)('stop reasons: max_tokens → length, stop_sequence → stop, end_turn → stop ($label)', async ({ stream, label }) => {
    for (const [reason, finish] of [['max_tokens', 'length'], ['stop_sequence', 'stop'], ['end_turn', 'stop'], ['pause_turn', 'stop']] as const) {
      c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('cut')], { stop_reason: reason, stop_sequence: reason === 'stop_sequence' ? 'END' : null }) });
      const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `stop ${reason} (${label})` }], cache: false }, stream);
      expect(got.completion.choices[0]!.finish_reason).toBe(finish);
    }
  });

  it.each(modes)('thinking → reasoning_content, thinking_blocks keep the signature ($label)', async ({ stream, label }) => {
    const thinking = 'The user wants a colour. Teal is calm and short.';
    const msg = claudeMessage(
      [
        { type: 'thinking', thinking, signature: 'EqQBCkgIARABGAIiQL1sig' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3redacted' },
        claudeText('Teal.'),
      ],
      { usage: { output_tokens: 40, output_tokens_details: { thinking_tokens: 30 } } },
    );
    c.gw.anthropic.script({ kind: 'raw', json: msg });
    const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `pick a colour (${label})` }], reasoning_effort: 'low', stream_options: stream ? { include_usage: true } : undefined }, stream);
    const usage = { prompt_tokens: 25, completion_tokens: 40, total_tokens: 65, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 30 } };
    if (!stream) {
      const blocks = [
        { type: 'thinking', thinking, signature: 'EqQBCkgIARABGAIiQL1sig' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3redacted' },
      ];
      expect(got.completion).toEqual(expectedFromClaude(msg, { content: 'Teal.', reasoning_content: thinking, thinking_blocks: blocks }, 'stop', usage));
      return;
    }
    const { reasoning, blocks } = streamedReasoning(got.chunks);
    expect(reasoning).toBe(thinking);
    expect(blocks).toEqual([
      { type: 'thinking', thinking: '', signature: 'EqQBCkgIARABGAIiQL1sig' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3redacted' },
    ]);
    expect(got.completion.choices[0]!.message.content).toBe('Teal.');
    expect(got.completion.usage).toEqual(usage);
  });

  it('thinking_blocks sent back in an assistant turn reach Anthropic first and byte for byte', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Navy.')]) });
    const blocks = [
      { type: 'thinking', thinking: 'Teal is calm.', signature: 'EqQBCkgIARABGAIiQL1sig' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3redacted' },
    ];
    await ask(
      c.client,
      {
        model: CLAUDE,
        messages: [
          { role: 'user', content: 'pick a colour' },
          { role: 'assistant', content: 'Teal.', reasoning_content: 'Teal is calm.', thinking_blocks: blocks },
          { role: 'user', content: 'another one' },
        ],
        reasoning_effort: 'low',
      },
      false,
    );
    expect((c.gw.anthropic.calls.at(-1)!.body.messages as JsonObject[])[1]).toEqual({ role: 'assistant', content: [...blocks, { type: 'text', text: 'Teal.' }] });
  });

  it.each(modes)('usage: cache reads and writes count in prompt_tokens, reads in cached_tokens; id, snapshot, tier, request id kept ($label)', async ({ stream, label }) => {
    const msg = claudeMessage([claudeText('Cached.')], {
      usage: { input_tokens: 12, cache_read_input_tokens: 2048, cache_creation_input_tokens: 512, output_tokens: 9, service_tier: 'priority' },
    });
    c.gw.anthropic.script({ kind: 'raw', json: msg, headers: { 'request-id': `req_011CAnth_${label.replace(' ', '_')}` } });
    const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `long prompt (${label})` }], stream_options: stream ? { include_usage: true } : undefined }, stream);
    const usage = { prompt_tokens: 2572, completion_tokens: 9, total_tokens: 2581, prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 512 } };
    expect(got.headers.get('x-upstream-request-id')).toBe(`req_011CAnth_${label.replace(' ', '_')}`);
    expect(got.completion).toEqual({ ...expectedFromClaude(msg, { content: 'Cached.' }, 'stop', usage, stream), service_tier: 'priority' });
    if (stream) {
      expect(got.chunks.every((ch) => ch.id === msg.id && ch.model === 'claude-sonnet-4-5-20250929')).toBe(true);
      expect(got.chunks.at(-1)).toMatchObject({ choices: [], usage });
    }
  });

  it('a streamed answer without usage asked for has no usage chunk', async () => {
    const msg = claudeMessage([claudeText('No usage.')]);
    c.gw.anthropic.script({ kind: 'raw', frames: anthropicEventsFor(msg) });
    const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'no usage' }] }, true);
    expect(got.completion.choices[0]!.message.content).toBe('No usage.');
    expect(got.chunks.every((ch) => ch.choices.length > 0 && !('usage' in ch))).toBe(true);
  });
});

describe('with the output firewall off, an OpenAI stream is relayed chunk for chunk', () => {
  let d: Compat;
  beforeAll(async () => {
    d = await startCompat({ FIREWALL_ENABLED: 'false' });
  });
  afterAll(() => d.close());

  it.each(OPENAI_TARGETS)('$label: the chunks the client got are the chunks the upstream sent', async (target) => {
    const answer = completion({ content: 'Hello there, general.' });
    (answer.choices as JsonObject[])[0]!.logprobs = { content: [{ token: 'Hello', logprob: -0.1, bytes: [72, 101, 108, 108, 111], top_logprobs: [] }], refusal: null };
    d.fake(target).script({ kind: 'raw', json: answer });
    const got = await ask(d.client, { model: target.model, messages: [{ role: 'user', content: 'hello' }], stream_options: { include_usage: true } }, true);
    expect(got.chunks).toEqual(framesOf(openAiChunksFor(answer, { includeUsage: true })));
  });
});
