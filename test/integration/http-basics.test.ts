import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
});
afterAll(() => t.close());

describe('health', () => {
  it('reports every component up on real Postgres and Redis', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'healthy',
      orchestrator_id: 'orchestrator_001',
      org_id: 'org_001',
      components: {
        orchestrator_db: { status: 'up', backend: 'postgres' },
        monitoring_db: { status: 'up', backend: 'postgres' },
        cache: { status: 'up', backend: 'redis' },
        controller: { status: 'disabled' },
      },
    });
    expect(typeof body.version).toBe('string');
    expect(body.components.orchestrator_db.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('has live and ready probes', async () => {
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'alive' });
    expect((await t.app.inject({ url: '/health/ready' })).json()).toEqual({ status: 'ready' });
  });
});

describe('errors have one shape', () => {
  it('unknown route → 404 with code and request id', async () => {
    const res = await t.app.inject({ url: '/no/such/thing' });
    expect(res.statusCode).toBe(404);
    const { error } = res.json();
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('/no/such/thing');
    expect(error.request_id).toBe(res.headers['x-request-id']);
  });

  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/health', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(10_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps a caller’s x-request-id, replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({ url: '/health/live', headers: { 'x-request-id': 'bad id with spaces\n' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI', () => {
  it('serves a generated document at /docs/json that lists the routes', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBeTruthy();
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/live', '/health/ready']));
  });
});

describe('draining', () => {
  it('/health/ready answers 503 and /health unhealthy once shutdown has begun', async () => {
    const other = await startTestApp();
    other.app.lifecycle.draining = true;
    expect((await other.app.inject({ url: '/health/ready' })).statusCode).toBe(503);
    const health = await other.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().status).toBe('unhealthy');
    await other.close();
  });
});
