import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/monitoring/request-record.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Issue #13, item 4: an abrupt kill loses at most the records still queued (the `queued` counter says how many);
 * a graceful stop loses none. The recorder's timer is set an hour away, so every record below is still queued
 * when app.close() begins: only the shutdown flush can write it.
 */
let gw: Gateway | undefined;
const clients: pg.Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  if (gw) {
    await Promise.all([gw.openai.close(), gw.anthropic.close()]);
    await gw.db.drop();
  }
  gw = undefined;
});

const start = async () => {
  gw = await startGateway({ RECORDER_FLUSH_INTERVAL_MS: '3600000' });
  return gw;
};
/** A connection of the test's own, which outlives the app's pools. */
const connect = async (g: Gateway) => {
  const c = new pg.Client({ connectionString: g.db.url, application_name: 'records-shutdown-test' });
  await c.connect();
  clients.push(c);
  return c;
};
const prompts = async (g: Gateway, n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await g.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `shutdown question ${i}`, cache: false } });
    expect(res.statusCode).toBe(200);
    ids.push(res.headers['x-moolai-record-id'] as string);
  }
  return ids;
};
const record = (g: Gateway): RequestRecord => ({ id: randomUUID(), orgId: g.config.orgId, orchestratorId: g.config.orchestratorId, userId: 'bulk', endpoint: 'prompt', status: 'success', latencyMs: 5 });
const storedCount = async (c: pg.Client, ids: string[]) => (await c.query<{ n: number }>('select count(*)::int as n from llm_requests where id = any($1)', [ids])).rows[0]!.n;

describe('a graceful stop', () => {
  it('writes every record accepted right before app.close(), several batches of them, and their rollups', async () => {
    const g = await start();
    const ids = await prompts(g, 5);
    // More than two batches (RECORDER_BATCH_SIZE is 500) beside the requests' own records.
    for (let i = 0; i < 1_200; i++) {
      const r = record(g);
      g.app.llm.recorder.enqueue(r);
      ids.push(r.id);
    }
    // What a kill now would lose, as the counters show it.
    const queues = (await g.app.inject({ url: '/api/v1/system/metrics' })).json().queues;
    expect(queues.llm_requests).toMatchObject({ queued: 1_205, written: 0 });
    expect((await g.app.inject({ url: '/metrics' })).body).toMatch(/^moolai_queue_depth\{writer="llm_requests"\} 1205$/m);

    await g.app.close();
    expect(g.app.llm.recorder.stats).toMatchObject({ queued: 0, written: 1_205, dropped: 0, rejected: 0 });
    const c = await connect(g);
    expect(await storedCount(c, ids)).toBe(1_205);
    const rolled = (await c.query<{ n: number }>('select sum(requests)::int as n from llm_requests_hourly')).rows[0]!.n;
    expect(rolled).toBe(1_205);
  });

  it('loses nothing when the connection of the shutdown write is cut: it is retried', async () => {
    const g = await start();
    const ids = await prompts(g, 3);
    const [c, watcher] = [await connect(g), await connect(g)];
    // Hold the table so the shutdown write waits where the test can see it, then cut that connection as a
    // failover or a restarted proxy would.
    await c.query('begin');
    await c.query('lock table llm_requests in access exclusive mode');
    const closing = g.app.close();
    const pid = await waitFor(
      // From another connection: inside the locking transaction pg_stat_activity would stay the snapshot first read.
      async () => (await watcher.query<{ pid: number }>(`select pid from pg_stat_activity where query like 'with ins as (insert into "llm_requests"%' and wait_event_type = 'Lock'`)).rows[0]?.pid,
      'the shutdown write waiting on the lock',
    );
    await watcher.query('select pg_terminate_backend($1)', [pid]);
    await waitFor(() => g.app.llm.recorder.stats.failedFlushes > 0, 'the cut write to fail');
    await c.query('commit');
    await closing;
    expect(await storedCount(c, ids)).toBe(3);
    expect(g.app.llm.recorder.stats).toMatchObject({ queued: 0, written: 3, dropped: 0 });
  });
});
