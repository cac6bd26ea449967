import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config/index.js';
import { llmRequests } from '../../src/storage/monitoring/schema.js';
import { testConfig } from './config.js';
import { startFakeAnthropic, type FakeAnthropic } from './fake-anthropic.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { REDIS_URL, uniquePrefix } from './redis.js';

export interface Gateway {
  app: FastifyInstance;
  config: Config;
  openai: FakeOpenAi;
  anthropic: FakeAnthropic;
  db: TestDatabase;
  /** Base URL when started with listen: true. */
  url: string;
  /** Logs a (development) user in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Writes queued request records now and returns every llm_requests row. */
  records(): Promise<(typeof llmRequests.$inferSelect)[]>;
  close(): Promise<void>;
}

/**
 * The real app wired to a fake OpenAI and a fake Anthropic on loopback (through the real SDKs), a fresh Postgres
 * database and the machine's Redis under a private prefix. Fast retries so fault tests stay quick.
 */
export async function startGateway(env: Record<string, string | undefined> = {}, opts: { listen?: boolean; port?: number } = {}): Promise<Gateway> {
  const [openai, anthropic, db] = await Promise.all([startFakeOpenAi(), startFakeAnthropic(), createTestDatabase('gw')]);
  const config = testConfig({
    ORCHESTRATOR_DATABASE_URL: db.url,
    MONITORING_DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: uniquePrefix('gw'),
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    DEFAULT_MODEL: 'gpt-4o-mini',
    LLM_RETRY_BASE_MS: '20',
    LLM_RETRY_MAX_MS: '2000',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '2000',
    RECORDER_FLUSH_INTERVAL_MS: '50',
    ...env,
  });
  const app = await buildApp(config, { logger: false });
  let url = '';
  if (opts.listen) url = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  else await app.ready();
  return {
    app,
    config,
    openai,
    anthropic,
    db,
    url,
    async login(username, password) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      return res.json().token as string;
    },
    async records() {
      await app.llm.recorder.flush();
      // Spend is counted from the same records, gathered in short windows: have it in Redis too.
      await app.services.spend.store.flush();
      return app.dbs.monitoring.db.select().from(llmRequests);
    },
    async close() {
      await app.close();
      await Promise.all([openai.close(), anthropic.close()]);
      await db.drop();
    },
  };
}

/** Parses an SSE body into its events. */
export function parseSse(body: string): { event: string; data: string }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      return { event, data: data.join('\n') };
    });
}
