import pg from 'pg';
import { expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectChat } from '../helpers/ws-client.js';

it('shutdown takes no new messages, lets answers finish within the timeout, cancels the rest, and closes with 1001', async () => {
  const gw = await startGateway({ SHUTDOWN_TIMEOUT_MS: '600' }, { listen: true });
  const [quick, stuck] = await Promise.all([connectChat(gw.url), connectChat(gw.url)]);
  await Promise.all([quick.frame((f) => f.type === 'ready'), stuck.frame((f) => f.type === 'ready')]);
  gw.openai.script({ kind: 'answer', text: 'finishing in time', chunks: 3, chunkDelayMs: 100 });
  quick.send({ type: 'message', id: 'quick', content: 'short answer please' });
  await quick.frame((f) => f.type === 'token');
  gw.openai.script({ kind: 'stall', afterChunks: 1 });
  stuck.send({ type: 'message', id: 'stuck', content: 'this answer never ends' });
  await stuck.frame((f) => f.type === 'token');
  expect(gw.app.chat).toMatchObject({ openSockets: 2, activeAnswers: 2 });

  const started = Date.now();
  const closing = gw.app.close();
  await waitFor(() => gw.app.lifecycle.draining, 'draining');
  quick.send({ type: 'message', id: 'late', content: 'one more?' });
  expect(await quick.end('late')).toMatchObject({ type: 'error', code: 'SHUTTING_DOWN' });
  expect(await quick.end('quick')).toMatchObject({ type: 'done' });
  expect(await stuck.end('stuck')).toMatchObject({ type: 'error', code: 'SHUTTING_DOWN' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(500);

  expect((await quick.closed).code).toBe(1001);
  expect((await stuck.closed).code).toBe(1001);
  await closing;

  // Both answers were stored: the finished one complete, the cut one cancelled with what it had.
  const db = new pg.Client({ connectionString: gw.db.url });
  await db.connect();
  const { rows } = await db.query("select status, content from messages where role = 'assistant' order by created_at");
  await db.end();
  expect(rows).toEqual([{ status: 'complete', content: 'finishing in time' }, { status: 'cancelled', content: expect.any(String) }]);
  expect(rows[1].content.length).toBeGreaterThan(0);
  await Promise.all([gw.openai.close(), gw.anthropic.close()]);
  await gw.db.drop();
});
