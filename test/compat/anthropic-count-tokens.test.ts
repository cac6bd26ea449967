/**
 * POST /v1/messages/count_tokens, which Claude Code calls to size its context: forwarded to Anthropic for a Claude
 * model (the body as sent), estimated for other models, and checked by the firewall first in both cases.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let client: Anthropic;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  client = new Anthropic({ apiKey: await gw.login('dinakar_developer'), baseURL: gw.url, maxRetries: 0 });
});
afterAll(() => gw.close());

const tool = { name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

describe('count_tokens', () => {
  it('forwards a Claude model’s body unchanged and answers with the upstream’s count', async () => {
    const before = gw.anthropic.calls.length;
    const body = { model: 'claude-haiku-4-5', system: 'Be brief.', messages: [{ role: 'user' as const, content: 'How many tokens is this question?' }], tools: [tool] };
    const res = await client.messages.countTokens(body);
    const call = gw.anthropic.calls[before]!;
    expect(call.path).toBe('/v1/messages/count_tokens');
    expect(call.body).toEqual(body);
    expect(res.input_tokens).toBe(Math.ceil(('Be brief.'.length + 'How many tokens is this question?'.length) / 4));
  });

  it('estimates for a model without Anthropic’s API, and says so', async () => {
    const before = gw.openai.calls.length;
    const res = await fetch(`${gw.url}/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gw.login('dinakar_developer')}` },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(400) }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-moolai-token-count')).toBe('estimated');
    expect(await res.json()).toEqual({ input_tokens: 100 });
    expect(gw.openai.calls.length).toBe(before);
  });

  it('is checked by the firewall first: a secret never reaches the provider', async () => {
    const before = gw.anthropic.calls.length;
    const secret = 'ghp_' + 'Zq8VtR2mKx7LpN4wY6cB1dF3gH5jS9aE0uTo';
    await expect(client.messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: `deploy with ${secret}` }] })).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(gw.anthropic.calls.length).toBe(before);
  });

  it('names what is wrong with a bad body in Anthropic’s error shape', async () => {
    const res = await fetch(`${gw.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gw.login('dinakar_developer')}` },
      body: JSON.stringify({ model: 'claude-haiku-4-5', messages: [] }),
    });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(err.type).toBe('error');
    expect(err.error.type).toBe('invalid_request_error');
    expect(err.error.message).toContain('messages');
  });
});
