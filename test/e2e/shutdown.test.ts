import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { startService } from '../helpers/service-process.js';
import { waitFor } from '../helpers/wait.js';

let fake: FakeOpenAi;
let db: TestDatabase;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  db = await createTestDatabase('sigterm');
});
afterAll(async () => {
  await fake.close();
  await db.drop();
});

/** The service on the test database, talking to the fake upstream. */
const serviceEnv = () => ({
  ORCHESTRATOR_DATABASE_URL: db.url,
  MONITORING_DATABASE_URL: db.url,
  OPENAI_BASE_URL: fake.baseURL,
  OPENAI_API_KEY: 'sk-test',
  LOG_LEVEL: 'warn',
});

describe('SIGTERM', () => {
  it('lets a slow in-flight request finish, then exits 0 promptly', async () => {
    const svc = await startService(serviceEnv());
    fake.script({ kind: 'answer', text: 'slow but complete', latencyMs: 1_500 });
    const inflight = fetch(`${svc.url}/api/v1/llm/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'take your time' }),
    });
    await fake.waitForCall(0);
    svc.proc.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { response: string }).response).toBe('slow but complete');
    expect(await svc.exited).toBe(0);
    expect(svc.output()).not.toMatch(/"level":50/);
  });

  it('records written just before shutdown are flushed', async () => {
    const pg = await import('pg');
    const svc = await startService({
      ...serviceEnv(),
      RECORDER_FLUSH_INTERVAL_MS: '60000',
    });
    const res = await fetch(`${svc.url}/api/v1/llm/prompt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'flush me' }) });
    const { request_id } = (await res.json()) as { request_id: string };
    expect(await svc.stop()).toBe(0);
    const c = new pg.default.Client({ connectionString: db.url });
    await c.connect();
    const rows = await waitFor(async () => (await c.query('select status from llm_requests where id = $1', [request_id])).rows[0], 'flushed row');
    await c.end();
    expect(rows.status).toBe('success');
  });
});
