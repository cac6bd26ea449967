import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/monitoring/batch-writer.js';
import type { RequestRecord } from '../../src/monitoring/request-record.js';
import { insertRequests } from '../../src/monitoring/rollup.js';
import { rows } from '../../src/monitoring/sql-rows.js';
import { classifyDbError } from '../../src/storage/errors.js';
import { llmRequests } from '../../src/storage/monitoring/schema.js';
import { jsonRow, type JsonRow } from '../../src/storage/recordset-insert.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Issue #13, item 3: drizzle 0.45 puts the SQLSTATE on the cause of the error it throws, so the writer took a
 * refused batch (a NUL byte, a bad date) for an outage and retried it forever, every later record queued behind it.
 * These tests send such rows to real Postgres through the real recorder.
 */
let gw: Gateway;
beforeAll(async () => {
  // The tests flush when they choose.
  gw = await startGateway({ RECORDER_FLUSH_INTERVAL_MS: '60000' });
});
afterAll(() => gw.close());

const db = () => gw.app.dbs.monitoring.db;
const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  id: randomUUID(),
  orgId: gw.config.orgId,
  orchestratorId: gw.config.orchestratorId,
  userId: 'writer-test',
  endpoint: 'prompt',
  provider: 'openai',
  model: 'gpt-4o-mini',
  status: 'success',
  promptTokens: 3,
  completionTokens: 4,
  totalTokens: 7,
  costUsd: 0.001,
  latencyMs: 12,
  ...over,
});
const stored = async (ids: string[]) => (await db().select({ id: llmRequests.id }).from(llmRequests).where(inArray(llmRequests.id, ids))).map((r) => r.id).sort();

describe('the recorder and rows Postgres refuses', () => {
  it('writes the good rows of a refused batch, drops only the bad ones (counted), and holds up nothing after them', async () => {
    const user = `writer-${randomUUID().slice(0, 8)}`;
    const good = [record({ userId: user }), record({ userId: user }), record({ userId: user })];
    const bad = [
      record({ userId: 'nul\u0000byte' }), // 22P05: text cannot hold NUL
      record({ userId: user, createdAt: 'not-a-date' as unknown as Date }), // 22007
      record({ userId: user, model: 'half a pair \ud800' }), // 22P02: a lone surrogate is not JSON Postgres reads
    ];
    const { recorder } = gw.app.llm;
    const before = { ...recorder.stats };
    for (const r of [good[0]!, bad[0]!, good[1]!, bad[1]!, bad[2]!, good[2]!]) recorder.enqueue(r);
    await recorder.flush();

    expect(await stored([...good, ...bad].map((r) => r.id))).toEqual(good.map((r) => r.id).sort());
    expect(recorder.stats.rejected - before.rejected).toBe(3);
    expect(recorder.stats.written - before.written).toBe(3);
    expect(recorder.stats).toMatchObject({ queued: 0, dropped: before.dropped, failedFlushes: before.failedFlushes });
    // The statement that writes the rows also rolls them up: the rollups hold exactly the rows that went in.
    const [rollup] = await rows<{ requests: number }>(db(), sql`select coalesce(sum(requests), 0)::int as requests from llm_requests_user_hourly where user_id = ${user}`);
    expect(rollup!.requests).toBe(3);

    // Rows after the refused ones go in at the next flush, not behind a batch retried forever.
    const later = record({ userId: user });
    recorder.enqueue(later);
    await recorder.flush();
    expect(await stored([later.id])).toEqual([later.id]);
  });

  it('a client’s model name with a NUL byte is recorded (the byte replaced) and blocks no one', async () => {
    const odd = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'model with a nul', model: 'gpt-4o-mini\u0000x', cache: false } });
    const plain = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'plain one after it', cache: false } });
    expect(plain.statusCode).toBe(200);
    const ids = [odd.headers['x-moolai-record-id'] as string, plain.headers['x-moolai-record-id'] as string];
    const before = gw.app.llm.recorder.stats.rejected;
    const found = (await gw.records()).filter((r) => ids.includes(r.id));
    expect(found.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(found.find((r) => r.id === ids[0])!.model).toBe('gpt-4o-mini\ufffdx');
    expect(gw.app.llm.recorder.stats.rejected).toBe(before);
  });

  it('keeps rows through failures that are not theirs, and writes them once the database answers', async () => {
    const down = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 2_000 });
    const unreachable = drizzle(down);
    let target = unreachable;
    let serializationFailures = 1;
    const writer = new BatchWriter<RequestRecord, JsonRow<RequestRecord>>({
      name: 'test',
      encode: jsonRow,
      queueMax: 100,
      batchSize: 10,
      flushIntervalMs: 60_000,
      log: pino({ level: 'silent' }),
      write: async (batch) => {
        // A real 40001 from the real server, as a serializable transaction that lost a conflict would get.
        if (target !== unreachable && serializationFailures-- > 0) await target.execute(sql`do $$ begin raise exception 'conflict' using errcode = 'serialization_failure'; end $$`);
        await insertRequests(target, batch);
      },
    });
    const batch = [record(), record(), record()];
    for (const r of batch) writer.enqueue(r);
    await writer.flush(); // connection refused
    expect(writer.stats).toMatchObject({ queued: 3, written: 0, rejected: 0, dropped: 0, failedFlushes: 1 });
    expect(writer.stats.lastError).toMatch(/ECONNREFUSED/);
    target = db() as unknown as typeof target;
    await writer.flush(); // serialization failure
    expect(writer.stats).toMatchObject({ queued: 3, written: 0, rejected: 0, failedFlushes: 2 });
    await writer.flush();
    expect(writer.stats).toMatchObject({ queued: 0, written: 3, rejected: 0, lastError: null });
    expect(await stored(batch.map((r) => r.id))).toEqual(batch.map((r) => r.id).sort());
    await writer.close();
    await down.end();
  });
});

describe('one classifier for real Postgres errors', () => {
  const failure = async (query: ReturnType<typeof sql>) => {
    try {
      await db().execute(query);
    } catch (err) {
      return err;
    }
    throw new Error('the statement did not fail');
  };

  it('data errors are the rows’ own; a retry asked for, an outage or a broken statement are not', async () => {
    expect(classifyDbError(await failure(sql`select * from json_to_recordset(${'[{"a":"x\\u0000y"}]'}::json) as r(a text)`))).toBe('data');
    expect(classifyDbError(await failure(sql`select ${'not-a-date'}::timestamptz`))).toBe('data');
    expect(classifyDbError(await failure(sql`insert into llm_requests (id, org_id, orchestrator_id, endpoint, status) values (${randomUUID()}, 'o', 'o', 'prompt', null)`))).toBe('data');
    expect(classifyDbError(await failure(sql`do $$ begin raise exception 'x' using errcode = 'serialization_failure'; end $$`))).toBe('retry');
    expect(classifyDbError(await failure(sql`do $$ begin raise exception 'x' using errcode = 'deadlock_detected'; end $$`))).toBe('retry');
    expect(classifyDbError(await failure(sql`select * from no_such_table_here`))).toBe('statement');
    const refused = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(classifyDbError(await drizzle(refused).execute(sql`select 1`).then(() => null, (e: unknown) => e))).toBe('unavailable');
    await refused.end();
  });

  it('a connection the server terminates (admin shutdown, 57P01) is an outage', async () => {
    const pool = new pg.Pool({ connectionString: gw.db.url, application_name: 'records-writer-victim' });
    pool.on('error', () => undefined);
    const victim = drizzle(pool).execute(sql`select pg_sleep(30)`).then(() => null, (e: unknown) => e);
    const admin = drizzle(new pg.Pool({ connectionString: gw.db.url, max: 1 }));
    await waitFor(async () => (await admin.execute(sql`select 1 from pg_stat_activity where application_name = 'records-writer-victim' and query like 'select pg_sleep%'`)).rows.length > 0, 'the victim query running');
    await admin.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'records-writer-victim'`);
    const err = await victim;
    expect(classifyDbError(err)).toBe('unavailable');
    await pool.end();
    await (admin.$client as pg.Pool).end();
  });
});
