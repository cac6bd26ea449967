import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../helpers/redis.js';
import { onCleanup, onProcessExit, postgresIds, tempDir } from './procs.js';

const run = promisify(execFile);

/** Postgres' own binaries (initdb, pg_ctl, pg_dump…): PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new Error('no Postgres binaries under /usr/lib/postgresql/*/bin (set PG_BIN)');
  return join(root, newest, 'bin');
}

/**
 * A Postgres cluster of its own (initdb in a temp dir, on a free port, trust auth on 127.0.0.1), so a scenario can
 * stop and start it without touching the machine's shared server. Data is not fsynced: these clusters live for one
 * test file.
 */
export class PgCluster {
  private constructor(
    readonly label: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(label: string): Promise<PgCluster> {
    const base = tempDir(`pg-${label}`);
    const ids = postgresIds();
    if (ids) chownSync(base, ids.uid, ids.gid);
    const cluster = new PgCluster(label, base, await freePort());
    await cluster.exec('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    // pg_ctl daemonizes the postmaster, so it is no child of ours: stop it by its pid file if all else fails.
    const forget = onProcessExit(() => cluster.killSync());
    onCleanup(`stop pg ${label}`, async () => {
      await cluster.stop('immediate');
      forget();
    });
    await cluster.start();
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** URL of a database on this cluster. */
  url(db = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const ids = postgresIds();
    const { stdout } = await run(join(pgBin(), tool), args, { cwd: this.dir, ...(ids ?? {}), env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' } });
    return stdout;
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-o', opts, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  }

  /** pg_ctl stop: fast disconnects clients and shuts down cleanly; immediate is a crash. No-op when not running. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running()) return;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  running(): boolean {
    return existsSync(join(this.dataDir, 'postmaster.pid'));
  }

  /** SIGQUIT (immediate shutdown) to the postmaster named in postmaster.pid; synchronous, for process exit. */
  killSync(): void {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // not running
    }
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'postgres.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`create database "${name}"`);
    return this.url(name);
  }

  /** One statement on a fresh connection (the cluster may have restarted since the last one). */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = [], db = 'postgres'): Promise<R[]> {
    const c = new pg.Client({ connectionString: this.url(db), connectionTimeoutMillis: 5_000 });
    await c.connect();
    try {
      return (await c.query<R>(sql, params)).rows;
    } finally {
      await c.end();
    }
  }
}
