import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { parseSse } from '../helpers/gateway.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { startService } from '../helpers/service-process.js';
import { waitFor } from '../helpers/wait.js';

let fake: FakeOpenAi;
let db: TestDatabase;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  db = await createTestDatabase('drainsig');
});
afterAll(async () => {
  await fake.close();
  await db.drop();
});

/** Reads a streamed answer as it arrives; `ended` rejects when the connection breaks instead of ending. */
async function open(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let received = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return received;
      received += value;
    }
  })();
  ended.catch(() => undefined); // asserted below
  return { text: () => received, ended };
}

it('SIGTERM with streams that never finish: at the deadline each ends with its error event, not a reset, and the process exits 0', async () => {
  const svc = await startService({
    ORCHESTRATOR_DATABASE_URL: db.url,
    MONITORING_DATABASE_URL: db.url,
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-test',
    SHUTDOWN_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'warn',
  });
  const stall = { kind: 'stall', afterChunks: 3, chunks: 8, text: 'The first words of an answer arrive and then nothing more ever comes' } as const;
  fake.script(stall);
  const rest = await open(`${svc.url}/api/v1/llm/prompt`, { prompt: 'a REST stream', stream: true });
  await waitFor(() => rest.text().includes('event: token'), 'a REST token', 10_000);
  fake.script(stall);
  const openai = await open(`${svc.url}/v1/chat/completions`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'an OpenAI stream' }], stream: true });
  await waitFor(() => openai.text().includes('"content"'), 'an OpenAI content chunk', 10_000);

  svc.proc.kill('SIGTERM');

  const restLast = parseSse(await rest.ended).at(-1)!;
  expect(restLast.event).toBe('error');
  expect(JSON.parse(restLast.data)).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });
  const openaiLast = parseSse(await openai.ended).at(-1)!;
  expect(JSON.parse(openaiLast.data)).toMatchObject({ error: { code: 'shutting_down' } });
  expect(await svc.exited).toBe(0);
  expect(svc.output()).not.toMatch(/"level":50/);
});
