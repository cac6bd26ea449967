/**
 * Errors at /v1/messages as the Anthropic SDK sees them: upstream 4xx keep their status and message (whichever
 * provider answered), and the gateway's own refusals come in Anthropic's error shape.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { anthropicClient, CLAUDE, errorJson, failure, fresh, GPT, postMessages } from './anthropic-helpers.js';

type ApiError = InstanceType<typeof Anthropic.APIError>;

let gw: Gateway;
let client: Anthropic;
let jwt: string;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  jwt = await gw.login('dinakar_developer');
  client = anthropicClient(gw, jwt);
});
afterAll(() => gw.close());

const ask = (model: string, extra: object = {}) =>
  failure<ApiError>(client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: fresh('hello') }], ...extra }));

describe('upstream errors reach the Anthropic SDK as its own error classes', () => {
  for (const [label, model, fake] of [
    ['Claude (native)', CLAUDE, () => gw.anthropic],
    ['GPT (translated)', GPT, () => gw.openai],
  ] as const) {
    it(`${label}: 400 → BadRequestError with the upstream's message; 404 → NotFoundError`, async () => {
      fake().script({ kind: 'error', status: 400, message: 'max_tokens: 64 is too small for this prompt' });
      const bad = await ask(model);
      expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
      expect(bad.status).toBe(400);
      expect(bad.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 64 is too small for this prompt' } });
      expect(bad.message).toContain('max_tokens: 64 is too small for this prompt');

      fake().script({ kind: 'error', status: 404, message: `model: ${model}-9000 not found` });
      const missing = await ask(model);
      expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
      expect(missing.status).toBe(404);
      expect(missing.error).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: `model: ${model}-9000 not found` } });
    });

    it(`${label}: a 400 before a stream starts is a BadRequestError too`, async () => {
      fake().script({ kind: 'error', status: 400, message: 'messages: roles must alternate' });
      const err = await client.messages
        .create({ model, max_tokens: 64, messages: [{ role: 'user', content: fresh('hello') }], stream: true })
        .then(async (s) => {
          for await (const _ of s) void _;
          return undefined;
        })
        .catch((e: unknown) => e as ApiError);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect(err!.error).toMatchObject({ error: { message: 'messages: roles must alternate' } });
    });
  }

  it('a 5xx upstream message is not echoed: the client gets a generic api_error', async () => {
    gw.anthropic.script(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 500, message: 'db at 10.0.0.7 refused, key sk-ant-internal' })));
    const err = await ask(CLAUDE);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(err.error)).not.toContain('10.0.0.7');
    expect(err.error).toMatchObject({ type: 'error', error: { type: expect.stringMatching(/_error$/) } });
  });
});

describe('the gateway’s own refusals, in Anthropic’s shape', () => {
  it('missing max_tokens → 400 invalid_request_error naming max_tokens; nothing goes upstream', async () => {
    const before = gw.anthropic.calls.length + gw.openai.calls.length;
    for (const model of [CLAUDE, GPT]) {
      const res = await postMessages(gw, { model, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': jwt });
      expect(res.status).toBe(400);
      const body = await errorJson(res);
      expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
      expect(Object.keys(body.error).sort()).toEqual(['message', 'type']);
    }
    const err = await failure<ApiError>(client.messages.create({ model: CLAUDE, messages: [{ role: 'user', content: 'hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
    expect(gw.anthropic.calls.length + gw.openai.calls.length).toBe(before);
  });

  it('empty messages and a bad role are 400s naming the field', async () => {
    const empty = await postMessages(gw, { model: CLAUDE, max_tokens: 10, messages: [] }, { 'x-api-key': jwt });
    expect(empty.status).toBe(400);
    expect((await errorJson(empty)).error.message).toMatch(/messages/);
    const role = await postMessages(gw, { model: CLAUDE, max_tokens: 10, messages: [{ role: 'system', content: 'x' }] }, { 'x-api-key': jwt });
    expect(role.status).toBe(400);
    expect((await errorJson(role)).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/role/) });
    // Content that is neither text nor blocks is named too, for both paths, before anything reaches a provider.
    for (const model of [CLAUDE, GPT]) {
      const bad = await postMessages(gw, { model, max_tokens: 10, messages: [{ role: 'user', content: 5 }] }, { 'x-api-key': jwt });
      expect(bad.status).toBe(400);
      expect((await errorJson(bad)).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/^messages\.0\.content/) });
    }
  });

  it('a parameter the GPT translation cannot honour is a 400 naming it, never a silent drop', async () => {
    const before = gw.openai.calls.length;
    const err = await ask(GPT, { top_k: 5 });
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('top_k') } });
    expect(gw.openai.calls.length).toBe(before);
  });

  it('an unknown model → NotFoundError', async () => {
    const err = await ask('no-such-model-xyz');
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: expect.stringContaining('no-such-model-xyz') } });
  });

  it('a firewall block → 403 PermissionDeniedError, upstream never called', async () => {
    const before = gw.anthropic.calls.length;
    const err = await failure<ApiError>(client.messages.create({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'My SSN is 123-45-6789' }] }));
    expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'permission_error', message: expect.stringMatching(/firewall/) } });
    expect(JSON.stringify(err.error)).not.toContain('123-45-6789');
    expect(gw.anthropic.calls.length).toBe(before);
  });
});
