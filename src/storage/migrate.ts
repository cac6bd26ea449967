import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePgDb } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrationsDir } from '../paths.js';
import { isDatabaseUnavailable } from './errors.js';

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

/** Why start-up cannot use a database, naming it (role and where, never the password) and the cause. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}

/** The URL as it may be shown: user, host, port and database, no password. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Worth waiting for: the server cannot be reached or is still starting. One that answers and refuses — a wrong
 * password (SQLSTATE class 28), no such database (3D000) — will not change its mind within the window.
 */
function notUpYet(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '');
  return isDatabaseUnavailable(err) && !/^(28|3D)/.test(code);
}

export interface ConnectOptions {
  role: DbRole;
  log: Logger;
  /** Date.now() after which a database that still does not answer ends start-up (DB_CONNECT_RETRY_S). */
  deadline: number;
  windowS: number;
}

/**
 * Connects, retrying while the server cannot be reached or is starting up (container start order) until the
 * deadline. A server that answers and refuses (wrong password, no such database) will not change its mind: that
 * fails at once.
 */
async function connectWithRetry(url: string, opts: ConnectOptions): Promise<pg.Client> {
  const where = `the ${opts.role} database (${displayUrl(url)})`;
  for (let attempt = 1; ; attempt++) {
    // No query_timeout: waiting for another instance's migration lock, or a long migration, is part of start-up.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000, application_name: `moolai-orchestrator-${opts.role}-migrate` });
    try {
      await client.connect();
      client.on('error', (err) => opts.log.warn({ err: err.message, db: opts.role }, 'postgres migration client error'));
      return client;
    } catch (err) {
      await client.end().catch(() => {});
      const cause = (err as Error).message;
      if (!notUpYet(err)) throw new DatabaseStartError(`${where} refused the connection: ${cause}`, { cause: err });
      const left = opts.deadline - Date.now();
      if (left <= 0) {
        throw new DatabaseStartError(`${where} did not answer within ${opts.windowS} s (DB_CONNECT_RETRY_S): ${cause}`, { cause: err });
      }
      const delay = Math.min(5_000, 250 * 2 ** attempt, left);
      opts.log.warn({ db: opts.role, url: displayUrl(url), attempt, err: cause, retry_in_ms: delay, gives_up_in_s: Math.ceil(left / 1000) }, 'database not reachable yet');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Applies pending migrations under a session advisory lock on one dedicated connection: when several instances
 * start at once, one migrates and the others wait, then find nothing left to do.
 */
export async function migratePostgres(url: string, opts: ConnectOptions) {
  const client = await connectWithRetry(url, opts);
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const started = performance.now();
      await migratePgDb(drizzlePg({ client }), journal(opts.role));
      opts.log.info({ db: opts.role, ms: Math.round(performance.now() - started) }, 'migrations applied');
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** PGlite is single-process: no lock needed. */
export async function migrateEmbedded(lite: PGlite, role: DbRole, log?: Logger) {
  const started = performance.now();
  // Loaded only in embedded mode: a Postgres deployment never needs PGlite's code.
  const [{ drizzle: drizzleLite }, { migrate: migrateLiteDb }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  await migrateLiteDb(drizzleLite({ client: lite }), journal(role));
  log?.info({ db: role, ms: Math.round(performance.now() - started) }, 'migrations applied');
}
