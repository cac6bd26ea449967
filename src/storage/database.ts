import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DbTarget } from '../config/index.js';
import * as monitoringSchema from './monitoring/schema.js';
import * as orchestratorSchema from './orchestrator/schema.js';
import { migrateEmbedded, migratePostgres, type ConnectOptions, type DbRole } from './migrate.js';
import { openEmbedded } from './embedded.js';

export type OrchestratorDb = PgDatabase<PgQueryResultHKT, typeof orchestratorSchema>;
export type MonitoringDb = PgDatabase<PgQueryResultHKT, typeof monitoringSchema>;

export interface DbHealth {
  status: 'up' | 'down';
  latency_ms: number;
  backend: 'postgres' | 'pglite';
  error?: string;
}

/** One database handle by role, whatever engine is behind it. */
export interface DbHandle<D> {
  db: D;
  backend: 'postgres' | 'pglite';
  ping(timeoutMs?: number): Promise<DbHealth>;
}

export interface Databases {
  orchestrator: DbHandle<OrchestratorDb>;
  monitoring: DbHandle<MonitoringDb>;
  close(): Promise<void>;
}

export interface OpenDatabasesOptions {
  orchestrator: DbTarget;
  monitoring: DbTarget;
  poolMax: number;
  log: Logger;
  /**
   * How long start-up waits, for both databases together, for a Postgres server that is not answering yet
   * (container start order); DB_CONNECT_RETRY_S, 60 s by default.
   */
  connectRetryMs?: number;
  /** The ready-made PGlite folder a fresh embedded database starts from (tests may pass false: initdb). */
  embeddedSeed?: string | false;
}

async function ping(run: () => Promise<unknown>, backend: DbHealth['backend'], timeoutMs: number): Promise<DbHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latency_ms: round(performance.now() - started), backend };
  } catch (err) {
    return { status: 'down', latency_ms: round(performance.now() - started), backend, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function openPostgres(url: string, role: DbRole, opts: OpenDatabasesOptions, connect: Omit<ConnectOptions, 'role'>) {
  // Migrations first, on their own connection: it is also what waits for a server that is still starting.
  await migratePostgres(url, { ...connect, role });
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // Client-side bound so a hung server never hangs a request forever.
    query_timeout: 30_000,
    application_name: `moolai-orchestrator-${role}`,
  });
  // An idle client losing its server (restart, failover) emits here; without a listener the process would crash.
  pool.on('error', (err) => opts.log.warn({ err: err.message, db: role }, 'postgres idle client error'));
  // A checked-out client whose server goes away emits 'error' too; with no listener that would crash the process.
  // The query in flight still fails on its own, so logging is all that is needed here.
  pool.on('connect', (client) => client.on('error', (err) => opts.log.warn({ err: err.message, db: role }, 'postgres client error')));
  return pool;
}

/**
 * Opens (and migrates) both databases. Embedded targets share one PGlite instance: a PGlite costs hundreds of MB,
 * and the two table sets do not collide.
 */
export async function openDatabases(opts: OpenDatabasesOptions): Promise<Databases> {
  const started = performance.now();
  const windowMs = opts.connectRetryMs ?? 60_000;
  // One window for both: the documented "retries for up to 60 s" holds however the time splits between them.
  const connect = { log: opts.log, deadline: Date.now() + windowMs, windowS: Math.round(windowMs / 1000) };
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  const pools: pg.Pool[] = [];
  let lite: PGlite | undefined;
  const closers: (() => Promise<void>)[] = [];

  async function open<S extends Record<string, unknown>>(target: DbTarget, role: DbRole, schema: S) {
    if (target.kind === 'postgres') {
      const pool = await openPostgres(target.url, role, opts, connect);
      pools.push(pool);
      const db = drizzlePg({ client: pool, schema });
      return {
        db: db as unknown as PgDatabase<PgQueryResultHKT, S>,
        backend: 'postgres' as const,
        ping: (t = 2_000) => ping(() => pool.query('select 1'), 'postgres', t),
      };
    }
    if (!lite) {
      lite = await openEmbedded(target.dataDir, opts.log, { seed: opts.embeddedSeed });
      const l = lite;
      closers.push(() => l.close());
    }
    await migrateEmbedded(lite, role, opts.log);
    const { drizzle: drizzleLite } = await import('drizzle-orm/pglite');
    const db = drizzleLite({ client: lite, schema });
    return {
      db: db as unknown as PgDatabase<PgQueryResultHKT, S>,
      backend: 'pglite' as const,
      ping: (t = 2_000) => ping(() => db.execute(sql`select 1`), 'pglite', t),
    };
  }

  try {
    const orchestrator = await open(opts.orchestrator, 'orchestrator', orchestratorSchema);
    const monitoring = await open(opts.monitoring, 'monitoring', monitoringSchema);
    opts.log.info({ ms: Math.round(performance.now() - started), orchestrator: orchestrator.backend, monitoring: monitoring.backend }, 'databases ready');
    return {
      orchestrator,
      monitoring,
      async close() {
        await Promise.allSettled([...pools.map((p) => p.end()), ...closers.map((c) => c())]);
      },
    };
  } catch (err) {
    await Promise.allSettled([...pools.map((p) => p.end()), ...closers.map((c) => c())]);
    throw err;
  }
}
