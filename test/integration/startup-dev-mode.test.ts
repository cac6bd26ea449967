import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/**
 * Development is open: a request without a token is the dev admin. It says so once at start-up, and what such a
 * caller creates is marked, so a database carried into production does not hand that caller's users a login.
 */

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

const WARN = 40;
let db: TestDatabase;
const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  await db?.drop();
});

async function start(env: Record<string, string>) {
  const lines: LogLine[] = [];
  const logger = { level: 'info', stream: { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) } };
  const config = testConfig({ ORCHESTRATOR_DATABASE_URL: db.url, MONITORING_DATABASE_URL: db.url, REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix('devmode'), ...env });
  const app = await buildApp(config, { logger });
  await app.ready();
  apps.push(app);
  return { app, lines };
}

const PASSWORD = 'a long enough password';

describe('development mode', () => {
  it('warns once that callers without a token are admins; what they create is marked, and production refuses its login', async () => {
    db = await createTestDatabase('devmode');
    const dev = await start({ ENVIRONMENT: 'development', ORCHESTRATOR_HOST: '127.0.0.1' });
    const open = dev.lines.filter((l) => l.level === WARN && /without a token/.test(l.msg));
    expect(open).toHaveLength(1);
    expect(open[0]!.msg).toMatch(/^development mode: a request without a token acts as the admin gabriella_admin .*reachable from this machine only \(127\.0\.0\.1:/);

    // No token at all: the dev admin creates an admin with a password.
    const created = await dev.app.inject({ method: 'POST', url: '/api/v1/auth/users', payload: { username: 'eve_admin', password: PASSWORD, role: 'admin' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'eve_admin', created_by: 'dev_gabriella', created_in_dev_mode: true });
    const listed = (await dev.app.inject({ url: '/api/v1/auth/users' })).json().users as { username: string; created_in_dev_mode: boolean; created_by: string | null }[];
    expect(listed.find((u) => u.username === 'eve_admin')).toMatchObject({ created_in_dev_mode: true, created_by: 'dev_gabriella' });
    expect(listed.find((u) => u.username === 'gabriella_admin')).toMatchObject({ created_in_dev_mode: true, created_by: null });
    // In development it logs in like any user.
    expect((await dev.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'eve_admin', password: PASSWORD } })).statusCode).toBe(200);
    await dev.app.close();

    // The same database in production.
    const prod = await start({
      ENVIRONMENT: 'production',
      CONTROLLER_URL: 'http://127.0.0.1:9',
      ADMIN_USERNAME: 'root_admin',
      ADMIN_PASSWORD: 'correct horse battery staple',
    });
    expect(prod.lines.filter((l) => /without a token/.test(l.msg))).toEqual([]);
    const marked = prod.lines.filter((l) => l.level === WARN && /created in development mode/.test(l.msg));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ users: ['eve_admin'], count: 1 });

    const refused = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'eve_admin', password: PASSWORD } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/eve_admin was created in development mode/) });
    // A wrong password learns nothing about the mark.
    expect((await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'eve_admin', password: 'not the password' } })).statusCode).toBe(401);

    // Users a production admin creates are not marked and log in.
    const root = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root_admin', password: 'correct horse battery staple' } });
    expect(root.statusCode).toBe(200);
    const { token, user: rootUser } = root.json();
    expect(rootUser).toMatchObject({ created_in_dev_mode: false, created_by: null });
    const frank = await prod.app.inject({
      method: 'POST',
      url: '/api/v1/auth/users',
      headers: { authorization: `Bearer ${token}` },
      payload: { username: 'frank_dev', password: PASSWORD, role: 'developer' },
    });
    expect(frank.json()).toMatchObject({ created_in_dev_mode: false, created_by: rootUser.user_id });
    expect((await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'frank_dev', password: PASSWORD } })).statusCode).toBe(200);
  });

  it('single-user mode says every caller is its admin', async () => {
    db ??= await createTestDatabase('devmode');
    const single = await start({ ENVIRONMENT: 'development', MULTI_USER_MODE: 'false', ORCHESTRATOR_HOST: '0.0.0.0' });
    const open = single.lines.filter((l) => l.level === WARN && /without a token/.test(l.msg));
    expect(open).toHaveLength(1);
    expect(open[0]!.msg).toMatch(/^MULTI_USER_MODE=false: every request acts as the admin "default".*reachable by every machine that can connect to 0\.0\.0\.0:/);
  });
});
