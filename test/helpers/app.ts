import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config/index.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { REDIS_URL, uniquePrefix } from './redis.js';
import { testConfig } from './config.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app on a fresh Postgres database (both roles in it, as an operator may configure) and the machine's
 * Redis under a private key prefix.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const db = await createTestDatabase('app');
  const config = testConfig({
    ORCHESTRATOR_DATABASE_URL: db.url,
    MONITORING_DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: uniquePrefix('app'),
    ...env,
  });
  const app = await buildApp(config, { logger: false });
  await app.ready();
  return {
    app,
    config,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
