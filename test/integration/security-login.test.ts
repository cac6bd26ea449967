import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createPasswordHasher } from '../../src/auth/passwords.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { PrivateRedis } from '../helpers/redis.js';

/** Issue #13 item 8: login throttling, bounded hashing, equal work for unknown and known users. */

const PROD = {
  ENVIRONMENT: 'production',
  CONTROLLER_URL: 'http://127.0.0.1:9',
  ADMIN_USERNAME: 'root_admin',
  ADMIN_PASSWORD: 'correct horse battery staple',
  LOGIN_MAX_FAILURES_PER_USER: '3',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '6',
  LOGIN_FAILURE_WINDOW_S: '600',
};

const login = (app: FastifyInstance, username: string, password: string | undefined, remoteAddress = '10.1.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

async function createUser(gw: Gateway, username: string, password = 'a long enough password') {
  const admin = await gw.login('root_admin', PROD.ADMIN_PASSWORD);
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: { authorization: `Bearer ${admin}` }, payload: { username, password, role: 'developer' } });
  expect(res.statusCode).toBe(201);
}

describe('login throttling (Redis, across instances)', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(PROD);
  });
  afterAll(() => gw.close());

  it('after 3 failures for one username the next attempts answer 429 with Retry-After, even with the right password', async () => {
    await createUser(gw, 'victim_user');
    for (let i = 0; i < 3; i++) expect((await login(gw.app, 'victim_user', `wrong guess ${i}`, `10.2.0.${i}`)).statusCode).toBe(401);
    const limited = await login(gw.app, 'victim_user', 'a long enough password', '10.2.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', request_id: expect.any(String) } });
    expect(limited.json().error.message).toMatch(/username/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Another username from the same addresses is not affected.
    expect((await login(gw.app, 'root_admin', PROD.ADMIN_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('a success resets the username counter', async () => {
    await createUser(gw, 'forgetful_user');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) expect((await login(gw.app, 'forgetful_user', 'nope nope nope', `10.3.${round}.${i}`)).statusCode).toBe(401);
      expect((await login(gw.app, 'forgetful_user', 'a long enough password', `10.3.${round}.9`)).statusCode).toBe(200);
    }
  });

  it('one address guessing across many usernames is stopped after 6 failures', async () => {
    for (let i = 0; i < 6; i++) expect((await login(gw.app, `nobody_${i}`, 'some password', '10.4.0.1')).statusCode).toBe(401);
    const limited = await login(gw.app, 'root_admin', PROD.ADMIN_PASSWORD, '10.4.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/address/);
    // Other addresses still sign in.
    expect((await login(gw.app, 'root_admin', PROD.ADMIN_PASSWORD, '10.4.0.2')).statusCode).toBe(200);
  });

  it('failures counted on one instance count on another (same Redis)', async () => {
    const other = await buildApp(gw.config, { logger: false });
    await other.ready();
    try {
      await createUser(gw, 'shared_user');
      for (let i = 0; i < 3; i++) expect((await login(i % 2 ? other : gw.app, 'shared_user', 'wrong', `10.5.0.${i}`)).statusCode).toBe(401);
      expect((await login(other, 'shared_user', 'a long enough password', '10.5.0.8')).statusCode).toBe(429);
      expect((await login(gw.app, 'shared_user', 'a long enough password', '10.5.0.9')).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('a known user with a wrong password and an unknown user each cost exactly one scrypt derivation', async () => {
    const stats = gw.app.services.auth.passwords.stats;
    const work = async (username: string, addr: string) => {
      const before = stats.derivations;
      expect((await login(gw.app, username, 'definitely wrong', addr)).statusCode).toBe(401);
      return stats.derivations - before;
    };
    // The first unknown user of an instance included (it makes the dummy hash by the same single derivation).
    const fresh = await buildApp(gw.config, { logger: false });
    await fresh.ready();
    try {
      const before = fresh.services.auth.passwords.stats.derivations;
      expect((await login(fresh, 'no_such_user_at_all', 'definitely wrong', '10.6.1.1')).statusCode).toBe(401);
      expect(fresh.services.auth.passwords.stats.derivations - before).toBe(1);
    } finally {
      await fresh.close();
    }
    expect(await work('root_admin', '10.6.0.1')).toBe(1);
    expect(await work('no_such_user', '10.6.0.2')).toBe(1);
    expect(await work('another_missing_user', '10.6.0.3')).toBe(1);
  });

  it('parallel attempts hash at most two at a time', async () => {
    const stats = gw.app.services.auth.passwords.stats;
    stats.peak = stats.running;
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => login(gw.app, `parallel_${i}`, 'some password', `10.7.0.${i}`)));
    expect(attempts.map((r) => r.statusCode).every((s) => s === 401 || s === 503)).toBe(true);
    expect(stats.peak).toBeLessThanOrEqual(2);
    expect(stats.running).toBe(0);
  });
});

describe('login throttling while Redis is down', () => {
  let redis: PrivateRedis;
  let gw: Gateway;
  beforeAll(async () => {
    redis = await PrivateRedis.create();
    gw = await startGateway({ ...PROD, REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await gw?.close();
    await redis?.stop();
  });

  it('falls back to this instance’s own counters: never more attempts than the limit', async () => {
    await createUser(gw, 'outage_user');
    await redis.stop();
    try {
      for (let i = 0; i < 3; i++) expect((await login(gw.app, 'outage_user', 'wrong', `10.8.0.${i}`)).statusCode).toBe(401);
      const limited = await login(gw.app, 'outage_user', 'a long enough password', '10.8.0.9');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await redis.start(); // the app's Redis subscribers wait for it on close
    }
  });
});

describe('bounded password hashing', () => {
  it('runs at most `concurrency` derivations; excess waits, and beyond the queue is refused with 503', async () => {
    const hasher = createPasswordHasher({ concurrency: 1, maxWaiting: 1, maxWaitMs: 60_000 });
    const stored = await hasher.hash('the password');
    const results = await Promise.allSettled([hasher.verify('the password', stored), hasher.verify('nope', stored), hasher.verify('again', stored)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    expect(results[1]).toEqual({ status: 'fulfilled', value: false });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'SERVICE_UNAVAILABLE', status: 503, options: { retryAfterS: 1 } } });
    expect(hasher.stats).toMatchObject({ peak: 1, running: 0, waiting: 0, refused: 1, derivations: 3 });
  });

  it('a waiter that gets no slot within maxWaitMs is refused', async () => {
    const hasher = createPasswordHasher({ concurrency: 1, maxWaiting: 4, maxWaitMs: 1 });
    const results = await Promise.allSettled([hasher.hash('one'), hasher.hash('two')]);
    expect(results[0]!.status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'SERVICE_UNAVAILABLE' } });
    expect(hasher.stats.running).toBe(0);
  });
});
