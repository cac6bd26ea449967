import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePgDb } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import type { Logger } from 'pino';
import { migrationsDir } from '../paths.js';

export type DbRole = 'orchestrator' | 'monitoring';

/**
 * Each role keeps its own journal table, so both roles can share one database (one URL for both, or PGlite).
 */
const journal = (role: DbRole) => ({
  migrationsFolder: migrationsDir(role),
  migrationsTable: `__drizzle_migrations_${role}`,
  migrationsSchema: 'drizzle',
});
/** One key for both roles: when both share a database, their CREATE SCHEMA/TABLE statements must not race. */
const MIGRATION_LOCK_KEY = 0x6d6f6f01;

async function connectWithRetry(pool: pg.Pool, role: DbRole, log: Logger, timeoutMs: number): Promise<pg.PoolClient> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.connect();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      const delay = Math.min(5_000, 250 * 2 ** attempt);
      log.warn({ db: role, attempt, err: (err as Error).message, retry_in_ms: delay }, 'database not reachable yet');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Applies pending migrations under a session advisory lock on one dedicated connection: when several instances
 * start at once, one migrates and the others wait, then find nothing left to do.
 */
export async function migratePostgres(pool: pg.Pool, role: DbRole, log: Logger, connectTimeoutMs: number) {
  const client = await connectWithRetry(pool, role, log, connectTimeoutMs);
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const started = performance.now();
      await migratePgDb(drizzlePg({ client }), journal(role));
      log.info({ db: role, ms: Math.round(performance.now() - started) }, 'migrations applied');
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** PGlite is single-process: no lock needed. */
export async function migrateEmbedded(lite: PGlite, role: DbRole) {
  // Loaded only in embedded mode: a Postgres deployment never needs PGlite's code.
  const [{ drizzle: drizzleLite }, { migrate: migrateLiteDb }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  await migrateLiteDb(drizzleLite({ client: lite }), journal(role));
}
