/**
 * API keys as programs use them (#14): the official OpenAI client with a key (completion, stream, models), the
 * Anthropic SDK with the same key through x-api-key, revocation reaching a second instance within a second, model
 * access per key, and deactivation ending keys and tokens at once.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

const PROD = {
  ENVIRONMENT: 'production',
  CONTROLLER_URL: 'http://127.0.0.1:9',
  JWT_SECRET: 'a-production-secret-of-at-least-32-chars!',
  ADMIN_USERNAME: 'root_admin',
  ADMIN_PASSWORD: 'a long admin password',
};

let gw: Gateway;
let second: FastifyInstance;
let secondUrl: string;
let admin: string;
let dev: { id: string; token: string };

const api = (app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  gw = await startGateway(PROD, { listen: true });
  // A second instance on the same databases and Redis, as a scaled-out deployment runs.
  second = await buildApp(gw.config, { logger: false });
  secondUrl = await second.listen({ host: '127.0.0.1', port: 0 });
  admin = await gw.login('root_admin', PROD.ADMIN_PASSWORD);
  const created = await api(gw.app, admin, 'POST', '/api/v1/auth/users', { username: 'builder_bot_owner', password: 'a long enough password', role: 'developer' });
  dev = { id: created.json().user_id, token: await gw.login('builder_bot_owner', 'a long enough password') };
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

async function createKey(token: string, body: object) {
  const res = await api(gw.app, token, 'POST', '/api/v1/keys', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; prefix: string; models: string[] | null };
}

describe('API keys', () => {
  it('work with the official OpenAI client (completion, stream, models) and the Anthropic SDK (x-api-key)', async () => {
    const { key, prefix, id } = await createKey(dev.token, { name: 'ci bot' });
    expect(key).toMatch(/^moolai_sk_[0-9A-Za-z]{38}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const openai = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const done = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello from a program' }] });
    expect(done.choices[0]!.message.content).toContain('hello from a program');
    const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream please' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('stream please');
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');

    const anthropic = new Anthropic({ apiKey: key, baseURL: gw.url, maxRetries: 0 });
    const msg = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi claude' }] });
    expect(msg.content[0]).toMatchObject({ type: 'text' });

    // The key acts as its owner: the records carry the owner and the key.
    const rows = (await gw.records()).filter((r) => r.apiKeyId === id);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([dev.id]));

    // Listed by prefix with last use (written in batches, a few seconds apart) and spend; the secret never again.
    await waitFor(async () => (await api(gw.app, dev.token, 'GET', '/api/v1/keys')).json().keys.find((k: { id: string }) => k.id === id)?.last_used_at !== null, 'the expected answer', 15_000);
    const listed = (await api(gw.app, dev.token, 'GET', '/api/v1/keys')).json().keys.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ prefix, name: 'ci bot', user_id: dev.id, revoked_at: null });
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('a revoked key gets 401 on a second instance within a second', async () => {
    const { key, id } = await createKey(dev.token, { name: 'to revoke' });
    const onSecond = () => fetch(`${secondUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect((await onSecond()).status).toBe(200); // the second instance has verified (and cached) it
    expect((await api(gw.app, dev.token, 'DELETE', `/api/v1/keys/${id}`)).statusCode).toBe(200);
    const revokedAt = Date.now();
    await waitFor(async () => (await onSecond()).status === 401, 'the change to reach the instance', 5_000, 50);
    // The notice is what refused it: the second instance's cache would have trusted the key for 30 s.
    expect(Date.now() - revokedAt).toBeLessThan(30_000);
    const body = (await (await onSecond()).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/revoked/);
  });

  it('a bad key, a tampered checksum and x-api-key all answer 401 in the API’s own shape', async () => {
    const { key } = await createKey(dev.token, { name: 'shape' });
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${tampered}`, 'content-type': 'application/json' }, body: '{"model":"gpt-4o-mini","messages":[]}' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
    const viaHeader = await fetch(`${gw.url}/v1/models`, { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);
  });

  it('a key limited to gpt-4o-mini gets 403 MODEL_NOT_ALLOWED on claude-*, and /v1/models lists only what it may use', async () => {
    const { key } = await createKey(dev.token, { name: 'mini only', models: ['gpt-4o-mini'] });
    const openai = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const err = await openai.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as InstanceType<typeof OpenAI.PermissionDeniedError>).code).toBe('model_not_allowed');
    const anthropic = new Anthropic({ apiKey: key, baseURL: gw.url, maxRetries: 0 });
    await expect(anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((await openai.models.list()).data.map((m) => m.id)).toEqual(['gpt-4o-mini']);
    await expect(openai.models.retrieve('claude-sonnet-4-5')).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    const ok = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'allowed' }] });
    expect(ok.choices[0]!.message.content).toContain('allowed');
    // The refusal is recorded, and cost nothing.
    const refused = (await gw.records()).filter((r) => r.errorCode === 'MODEL_NOT_ALLOWED');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((r) => r.costUsd === 0)).toBe(true);
  });

  it('a key’s own rpm limits it on top of its owner’s', async () => {
    const { key } = await createKey(dev.token, { name: 'slow', rpm: 2 });
    const call = () => fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'rpm' }] }) });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const third = await call();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
  });

  it('only an admin makes keys for others or lists theirs; a key cannot make keys; bad input is named', async () => {
    expect((await api(gw.app, dev.token, 'POST', '/api/v1/keys', { name: 'x', user_id: 'someone_else' })).statusCode).toBe(403);
    const forDev = await api(gw.app, admin, 'POST', '/api/v1/keys', { name: 'made by admin', user_id: dev.id });
    expect(forDev.statusCode).toBe(201);
    expect((await api(gw.app, admin, 'GET', `/api/v1/keys?user_id=${dev.id}`)).json().keys.some((k: { name: string }) => k.name === 'made by admin')).toBe(true);
    expect((await api(gw.app, dev.token, 'GET', '/api/v1/keys?user_id=someone_else')).statusCode).toBe(403);
    expect((await api(gw.app, forDev.json().key, 'POST', '/api/v1/keys', { name: 'child' })).statusCode).toBe(403);
    const bad = await api(gw.app, dev.token, 'POST', '/api/v1/keys', { name: 'x', models: ['gpt 4o'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/body\.models/);
    expect((await api(gw.app, dev.token, 'POST', '/api/v1/keys', { name: 'x', expires_at: '2001-01-01T00:00:00Z' })).json().error.message).toMatch(/expires_at/);
    // Someone else's key is not found, not forbidden: its existence is not theirs to learn.
    const adminKey = await createKey(admin, { name: 'admin own' });
    expect((await api(gw.app, dev.token, 'DELETE', `/api/v1/keys/${adminKey.id}`)).statusCode).toBe(404);
  });

  it('an expired key is refused', async () => {
    const { key, id } = await createKey(dev.token, { name: 'short lived', expires_at: new Date(Date.now() + 1_500).toISOString() });
    expect((await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await waitFor(async () => (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status === 401, 'the expected answer', 10_000);
    expect(id).toBeTruthy();
  });
});

describe('deactivating a user', () => {
  it('ends their keys and tokens at once, on both instances; reactivating brings them back', async () => {
    const made = await api(gw.app, admin, 'POST', '/api/v1/auth/users', { username: 'leaver_one', password: 'a long enough password', role: 'developer' });
    const id = made.json().user_id as string;
    const token = await gw.login('leaver_one', 'a long enough password');
    const { key } = await createKey(token, { name: 'leaver key' });
    const on = (url: string, cred: string) => fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${cred}` } });
    for (const url of [gw.url, secondUrl]) {
      expect((await on(url, token)).status).toBe(200);
      expect((await on(url, key)).status).toBe(200);
    }
    expect((await api(gw.app, admin, 'PATCH', `/api/v1/auth/users/${id}`, { is_active: false })).json()).toMatchObject({ is_active: false });
    for (const url of [gw.url, secondUrl]) {
      await waitFor(async () => (await on(url, token)).status === 401 && (await on(url, key)).status === 401, 'the change to reach the instance', 5_000, 50);
    }
    expect((await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaver_one', password: 'a long enough password' } })).statusCode).toBe(401);
    await api(gw.app, admin, 'PATCH', `/api/v1/auth/users/${id}`, { is_active: true });
    await waitFor(async () => (await on(secondUrl, key)).status === 200, 'the change to reach the instance', 5_000, 50);
    expect((await api(gw.app, admin, 'PATCH', `/api/v1/auth/users/${(await gw.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${admin}` } })).json().user_id}`, { is_active: false })).statusCode).toBe(400);
  });
});
