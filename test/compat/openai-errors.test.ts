/**
 * Errors as the official client sees them: each upstream status raises the SDK's usual class (a client's mistake
 * keeps its status, param, code and message; the gateway's own credentials or an upstream outage are the gateway's
 * 502, never echoing a key), our own validation names the parameter as OpenAI does, and a stream ends with
 * `data: [DONE]` only when it succeeded.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeStep } from '../helpers/fake-openai.js';
import { parseSse } from '../helpers/gateway.js';
import { anthropicEventsFor } from '../helpers/fake-anthropic.js';
import { apiError, ask, CLAUDE, claudeMessage, claudeText, OPENAI_TARGETS, rawPost, startCompat, type Compat } from './helpers.js';

let c: Compat;
beforeAll(async () => {
  c = await startCompat();
});
afterAll(() => c.close());

/** Every Chat Completions upstream, and Claude; `fake` is the server that answers it. */
const UPSTREAMS = [
  ...OPENAI_TARGETS.map((t) => ({ label: t.label, model: t.model, fake: () => c.fake(t) })),
  { label: 'Claude', model: CLAUDE, fake: () => c.gw.anthropic },
];
const ATTEMPTS = 3; // LLM_MAX_RETRIES defaults to 2
const modes = [false, true];

const askOnce = (model: string, stream: boolean, content: string) => ask(c.client, { model, messages: [{ role: 'user', content }], cache: false }, stream);

describe.each(UPSTREAMS)('$label upstream errors', (up) => {
  const anthropic = up.label === 'Claude';

  it.each(modes)('400 → BadRequestError with the upstream message, param and code (streamed: %s)', async (stream) => {
    up.fake().script({ kind: 'error', status: 400, message: "Invalid value for 'tool_choice': no tools given.", param: 'tool_choice', code: 'invalid_value' });
    const err = await apiError(askOnce(up.model, stream, 'bad request'));
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toBe("400 Invalid value for 'tool_choice': no tools given.");
    // Anthropic's error bodies carry neither param nor code.
    expect(err.param).toBe(anthropic ? null : 'tool_choice');
    expect(err.code).toBe(anthropic ? null : 'invalid_value');
    expect(err.type).toBe('invalid_request_error');
  });

  it.each([
    { status: 404, cls: OpenAI.NotFoundError },
    { status: 409, cls: OpenAI.ConflictError },
    { status: 413, cls: OpenAI.APIError },
    { status: 422, cls: OpenAI.UnprocessableEntityError },
  ])('$status keeps its status', async ({ status, cls }) => {
    // 409 is transient for both APIs and retried first; the others are the client's mistake and are not.
    const tries = status === 409 ? ATTEMPTS : 1;
    const before = up.fake().calls.length;
    for (let i = 0; i < tries; i++) up.fake().script({ kind: 'error', status, message: `upstream says ${status}` });
    const err = await apiError(askOnce(up.model, false, `status ${status}`));
    expect(err).toBeInstanceOf(cls);
    expect(err.status).toBe(status);
    expect(err.message).toBe(`${status} upstream says ${status}`);
    expect(up.fake().calls.length - before).toBe(tries);
  });

  it.each([401, 403])('%i → 502 InternalServerError: the provider refused the gateway’s credentials, no key echoed', async (status) => {
    for (const stream of modes) {
      const before = up.fake().calls.length;
      up.fake().script({ kind: 'error', status, message: `Incorrect API key provided: ${anthropic ? 'sk-ant-test' : 'sk-test'}.` });
      const err = await apiError(askOnce(up.model, stream, `auth ${status}`));
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      expect(err.status).toBe(502);
      expect(err.message).toMatch(/refused the gateway's credentials/);
      expect(JSON.stringify(err.error)).not.toContain('sk-test');
      expect(JSON.stringify(err.error)).not.toContain('sk-ant');
      expect(err.message).not.toContain('sk-');
      // Not retried: another try with the same key fails the same way.
      expect(up.fake().calls.length - before).toBe(1);
    }
  });

  it.each(modes)('429 after the retries → RateLimitError (streamed: %s)', async (stream) => {
    const before = up.fake().calls.length;
    const step: FakeStep = { kind: 'error', status: 429, message: 'Rate limit reached' };
    up.fake().script(step, step, step);
    const err = await apiError(askOnce(up.model, stream, 'too many'));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(up.fake().calls.length - before).toBe(ATTEMPTS);
  });

  it('429 then success: retried, the client never sees the 429', async () => {
    up.fake().script({ kind: 'error', status: 429, message: 'slow down' }, anthropic ? { kind: 'raw', json: claudeMessage([claudeText('Recovered.')]) } : { kind: 'answer', text: 'Recovered.' });
    const got = await askOnce(up.model, false, 'recover');
    expect(got.completion.choices[0]!.message.content).toBe('Recovered.');
  });

  it.each([500, anthropic ? 529 : 503])('%i after the retries → 502, the upstream message not echoed', async (status) => {
    const before = up.fake().calls.length;
    const step: FakeStep = { kind: 'error', status, message: 'internal: shard db-7 at 10.0.3.4 down' };
    up.fake().script(step, step, step);
    const err = await apiError(askOnce(up.model, false, `outage ${status}`));
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(502);
    expect(err.message).not.toContain('10.0.3.4');
    expect(up.fake().calls.length - before).toBe(ATTEMPTS);
  });
});

describe('our own validation names the parameter as OpenAI does', () => {
  it.each([
    { body: { temperature: 3 }, param: 'temperature' },
    { body: { top_p: 1.5 }, param: 'top_p' },
    { body: { n: 0 }, param: 'n' },
    { body: { max_completion_tokens: -1 }, param: 'max_completion_tokens' },
    { body: { stop: ['a', 'b', 'c', 'd', 'e'] }, param: 'stop' },
    { body: { messages: [] }, param: 'messages' },
    { body: { messages: [{ role: 'robot', content: 'beep' }] }, param: 'messages.[0].role' },
  ])('$param', async ({ body, param }) => {
    for (const model of ['gpt-4o-mini', CLAUDE]) {
      const err = await apiError(ask(c.client, { model, messages: [{ role: 'user', content: 'hi' }], ...body }, false));
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
      expect(err.message).toContain(param.replace('.[0]', '.0'));
    }
  });
});

describe('a stream ends with data: [DONE] only on success', () => {
  const streamBody = (model: string, content: string) => ({ model, messages: [{ role: 'user', content }], stream: true, cache: false });

  it.each(UPSTREAMS)('$label: success ends with [DONE]', async (up) => {
    if (up.label === 'Claude') up.fake().script({ kind: 'raw', json: claudeMessage([claudeText('All good here.')]) });
    else up.fake().script({ kind: 'answer', text: 'All good here.' });
    const res = await rawPost(c, '/v1/chat/completions', streamBody(up.model, 'fine'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.text.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = parseSse(res.text);
    expect(events.filter((e) => e.data === '[DONE]')).toHaveLength(1);
  });

  it.each(UPSTREAMS)('$label: a stream cut mid-way ends with an error event and no [DONE]', async (up) => {
    up.fake().script({ kind: 'cut', afterChunks: 2, text: 'one two three four five six', chunks: 6 });
    const res = await rawPost(c, '/v1/chat/completions', streamBody(up.model, 'cut me'));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('[DONE]');
    const events = parseSse(res.text);
    const last = JSON.parse(events.at(-1)!.data) as { error?: { message: string; type: string } };
    expect(last.error).toMatchObject({ type: 'api_error' });
    expect(events.slice(0, -1).every((e) => !('error' in (JSON.parse(e.data) as object)))).toBe(true);
  });

  it.each(UPSTREAMS)('$label: a malformed chunk ends with an error event and no [DONE]', async (up) => {
    up.fake().script({ kind: 'malformed', afterChunks: 1, text: 'one two three', chunks: 3 });
    const res = await rawPost(c, '/v1/chat/completions', streamBody(up.model, 'garble me'));
    expect(res.text).not.toContain('[DONE]');
    expect(JSON.parse(parseSse(res.text).at(-1)!.data)).toHaveProperty('error');
  });

  it('Claude: an error event mid-stream (overloaded) ends with an error event and no [DONE]; the SDK raises', async () => {
    const frames = anthropicEventsFor(claudeMessage([claudeText('partial answer here')]));
    const cut = [...frames.slice(0, 4), { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }];
    c.gw.anthropic.script({ kind: 'raw', frames: cut }, { kind: 'raw', frames: cut });
    const res = await rawPost(c, '/v1/chat/completions', streamBody(CLAUDE, 'overload'));
    expect(res.text).not.toContain('[DONE]');
    expect(JSON.parse(parseSse(res.text).at(-1)!.data)).toHaveProperty('error');
    const err = await apiError(askOnce(CLAUDE, true, 'overload again'));
    expect(err).toBeInstanceOf(OpenAI.APIError);
  });
});
