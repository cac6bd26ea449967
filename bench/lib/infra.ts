import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The machine's Postgres (trust auth); PG_ADMIN_URL overrides, as in the tests. */
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** Rows the orchestrator's recorder wrote to llm_requests (proves recording was on). */
  countRecords(): Promise<number>;
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<BenchDatabase> {
  const name = `moolai_bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}"`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async countRecords() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        const r = await c.query<{ n: string }>('select count(*) as n from llm_requests');
        return Number(r.rows[0]?.n ?? 0);
      } finally {
        await c.end();
      }
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

export const uniqueRedisPrefix = () => `bench:${randomBytes(4).toString('hex')}:`;

/** Deletes every key under prefix; returns how many. */
export async function deleteRedisPrefix(prefix: string): Promise<number> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) n += await client.unlink(...keys);
    } while (cursor !== '0');
    return n;
  } finally {
    client.disconnect();
  }
}
