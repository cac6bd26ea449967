/**
 * Sampling and choice parameters: n, logprobs, seed, penalties, temperature. Chat Completions upstreams take them
 * unchanged (streamed logprobs included); for Claude each one that would change the answer and has no Anthropic
 * equivalent is a 400 naming it, never a silent drop, unless LLM_DROP_UNSUPPORTED_PARAMS says to drop the
 * sampling knobs (then a header names what was dropped).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiChunksFor } from '../helpers/fake-openai.js';
import {
  apiError,
  ask,
  assemble,
  CLAUDE,
  claudeMessage,
  claudeText,
  completion,
  expectedUpstream,
  framesOf,
  OPENAI_TARGETS,
  startCompat,
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

const tokenLogprob = (token: string, logprob: number): JsonObject => ({
  token,
  logprob,
  bytes: [...Buffer.from(token)],
  top_logprobs: [
    { token, logprob, bytes: [...Buffer.from(token)] },
    { token: token.toUpperCase(), logprob: logprob - 2, bytes: [...Buffer.from(token.toUpperCase())] },
  ],
});

function twoChoices(): JsonObject {
  const a = completion({ content: 'Red.' });
  const first = (a.choices as JsonObject[])[0]!;
  a.choices = [first, { ...first, index: 1, message: { ...(first.message as JsonObject), content: 'Blue, or green.' } }];
  return a;
}

function withLogprobs(): JsonObject {
  const a = completion({ content: 'Hello there' });
  (a.choices as JsonObject[])[0]!.logprobs = { content: [tokenLogprob('Hello', -0.01), tokenLogprob(' there', -0.2)], refusal: null };
  return a;
}

describe.each(OPENAI_TARGETS)('$label upstream: passed through', (target) => {
  it.each(modes)('n=2 gives both choices ($label)', async ({ stream, label }) => {
    const answer = twoChoices();
    c.fake(target).script({ kind: 'raw', json: answer });
    const got = await ask(c.client, { model: target.model, messages: [{ role: 'user', content: `two colours (${label})` }], n: 2, stream_options: stream ? { include_usage: true } : undefined }, stream);
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    if (stream) expect(got.completion).toEqual(await assemble(framesOf(openAiChunksFor(answer, { includeUsage: true })) as never));
    else expect(got.completion).toEqual(answer);
    expect(got.completion.choices.map((ch) => ch.message.content)).toEqual(['Red.', 'Blue, or green.']);
  });

  it.each(modes)('logprobs and top_logprobs, streamed logprobs included ($label)', async ({ stream, label }) => {
    const answer = withLogprobs();
    c.fake(target).script({ kind: 'raw', json: answer });
    const got = await ask(c.client, { model: target.model, messages: [{ role: 'user', content: `greet (${label})` }], logprobs: true, top_logprobs: 2 }, stream);
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    const scripted = (answer.choices as JsonObject[])[0]!.logprobs as JsonObject;
    if (!stream) {
      expect(got.completion).toEqual(answer);
      return;
    }
    // Each content chunk carries its tokens' logprobs, as OpenAI streams them.
    const streamed = got.chunks.flatMap((ch) => ch.choices.flatMap((x) => x.logprobs?.content ?? []));
    expect(streamed).toEqual(scripted.content);
    expect(got.completion.choices[0]!.logprobs?.content).toEqual(scripted.content);
    expect(got.completion.choices[0]!.message.content).toBe('Hello there');
  });

  it.each(modes)('seed, presence_penalty, frequency_penalty, temperature, top_p, logit_bias ($label)', async ({ stream, label }) => {
    c.fake(target).script({ kind: 'raw', json: completion({ content: 'Deterministic.' }, { system_fingerprint: 'fp_seeded' }) });
    const body = {
      model: target.model,
      messages: [{ role: 'user', content: `be repeatable (${label})` }],
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: -0.25,
      temperature: 0.2,
      top_p: 0.9,
      logit_bias: { '50256': -100 },
    };
    const got = await ask(c.client, body, stream);
    expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(c.last(), target.upstreamModel));
    expect(got.completion.system_fingerprint).toBe('fp_seeded');
  });
});

describe('Claude upstream: refused, naming the parameter', () => {
  it.each([
    { param: 'n', extra: { n: 2 } },
    { param: 'logprobs', extra: { logprobs: true } },
    { param: 'top_logprobs', extra: { top_logprobs: 3 } },
    { param: 'seed', extra: { seed: 42 } },
    { param: 'presence_penalty', extra: { presence_penalty: 0.5 } },
    { param: 'frequency_penalty', extra: { frequency_penalty: 0.5 } },
    { param: 'logit_bias', extra: { logit_bias: { '50256': -100 } } },
    { param: 'temperature', extra: { temperature: 0.7 } },
    { param: 'top_p', extra: { top_p: 0.9 } },
  ])('$param → 400 BadRequestError with param $param, streamed and not, nothing sent upstream', async ({ param, extra }) => {
    const before = c.gw.anthropic.calls.length;
    for (const stream of [false, true]) {
      const err = await apiError(ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: `refuse ${param}` }], ...extra }, stream));
      expect(err.status).toBe(400);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
      expect(err.code).toBe('unsupported_parameter');
      expect(err.message).toContain(param);
    }
    expect(c.gw.anthropic.calls.length).toBe(before);
  });

  it('temperature names the API version that refuses it', async () => {
    const err = await apiError(ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'warm' }], temperature: 1 }, false));
    expect(err.message).toMatch(/2026-10-21/);
  });

  it('harmless values pass: n=1, logprobs false, zero penalties', async () => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('fine')]) });
    const got = await ask(c.client, { model: CLAUDE, messages: [{ role: 'user', content: 'harmless' }], n: 1, logprobs: false, presence_penalty: 0, frequency_penalty: 0 }, false);
    expect(got.completion.choices[0]!.message.content).toBe('fine');
    const sent = c.gw.anthropic.calls.at(-1)!.body;
    for (const k of ['n', 'logprobs', 'presence_penalty', 'frequency_penalty']) expect(sent).not.toHaveProperty(k);
  });
});

describe('LLM_DROP_UNSUPPORTED_PARAMS=true', () => {
  let d: Compat;
  beforeAll(async () => {
    d = await startCompat({ LLM_DROP_UNSUPPORTED_PARAMS: 'true', DEFAULT_MODEL: CLAUDE, MODEL_ALIASES: `smart=${CLAUDE}` });
  });
  afterAll(() => d.close());

  it.each(modes)('Claude: temperature and top_p are dropped and x-moolai-dropped-params names them ($label)', async ({ stream, label }) => {
    d.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Dropped.')]) });
    const got = await ask(d.client, { model: CLAUDE, messages: [{ role: 'user', content: `sample (${label})` }], temperature: 0.3, top_p: 0.8 }, stream);
    expect(got.completion.choices[0]!.message.content).toBe('Dropped.');
    expect(got.headers.get('x-moolai-dropped-params')).toBe('temperature,top_p');
    const sent = d.gw.anthropic.calls.at(-1)!.body;
    expect(sent).not.toHaveProperty('temperature');
    expect(sent).not.toHaveProperty('top_p');
  });

  it.each([
    { label: 'an alias of a Claude model', model: { model: 'smart' } },
    { label: 'no model (the default is a Claude model)', model: {} },
  ])('Claude through $label: the header still names what was dropped', async ({ model }) => {
    d.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Dropped too.')]) });
    const got = await ask(d.client, { ...model, messages: [{ role: 'user', content: `sample via ${JSON.stringify(model)}` }], temperature: 0.3 }, false);
    expect(got.completion.choices[0]!.message.content).toBe('Dropped too.');
    expect(d.gw.anthropic.calls.at(-1)!.body).not.toHaveProperty('temperature');
    expect(got.headers.get('x-moolai-dropped-params')).toBe('temperature');
  });

  it('Claude: what is not a sampling knob is still refused (seed)', async () => {
    const err = await apiError(ask(d.client, { model: CLAUDE, messages: [{ role: 'user', content: 'seeded' }], temperature: 0.3, seed: 1 }, false));
    expect(err).toMatchObject({ status: 400, param: 'seed' });
  });

  it.each(OPENAI_TARGETS)('$label: nothing is dropped and no header is sent', async (target) => {
    const fake = d.fake(target);
    fake.script({ kind: 'raw', json: completion({ content: 'Kept.' }) });
    const got = await ask(d.client, { model: target.model, messages: [{ role: 'user', content: 'keep it' }], temperature: 0.3 }, false);
    expect(got.headers.get('x-moolai-dropped-params')).toBeNull();
    expect(fake.calls.at(-1)!.body.temperature).toBe(0.3);
  });
});
