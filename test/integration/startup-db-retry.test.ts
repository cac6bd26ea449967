import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { DatabaseStartError } from '../../src/storage/migrate.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../helpers/postgres.js';
import { freePort } from '../helpers/redis.js';

/**
 * Start-up against a Postgres that is not there yet, or refuses: DB_CONNECT_RETRY_S is one window for both
 * databases, and what ends it says which database, where (never the password) and why.
 */

interface LogLine {
  msg: string;
  db?: string;
  [k: string]: unknown;
}

function captureLogs(onLine?: (l: LogLine) => void) {
  const lines: LogLine[] = [];
  const logger = {
    level: 'info',
    stream: {
      write(s: string) {
        const l = JSON.parse(s) as LogLine;
        lines.push(l);
        onLine?.(l);
      },
    },
  };
  return { lines, logger };
}

const created: TestDatabase[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) s.close();
  for (const d of created) await d.drop();
});

/** The machine's Postgres as a URL on another port, through a proxy that starts listening only when told. */
function lateProxy(port: number, db: TestDatabase) {
  const target = new URL(PG_ADMIN_URL);
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.push(client, upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  servers.push(server);
  const url = new URL(db.url);
  url.port = String(port);
  url.password = 'not-shown-anywhere';
  return {
    url: url.toString(),
    open: () => {
      if (!server.listening) server.listen(port, '127.0.0.1');
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('a database at start-up', () => {
  it('that never answers ends start-up after DB_CONNECT_RETRY_S, naming the database, where it is and why', async () => {
    const port = await freePort();
    const { lines, logger } = captureLogs();
    const config = testConfig({
      ORCHESTRATOR_DATABASE_URL: `postgres://moolai:s3cret-pw@127.0.0.1:${port}/orch`,
      MONITORING_DATABASE_URL: `postgres://moolai:s3cret-pw@127.0.0.1:${port}/mon`,
      DB_CONNECT_RETRY_S: '2',
    });
    const err = await buildApp(config, { logger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseStartError);
    const message = (err as Error).message;
    expect(message).toMatch(
      new RegExp(`^the orchestrator database \\(postgres://moolai@127\\.0\\.0\\.1:${port}/orch\\) did not answer within 2 s \\(DB_CONNECT_RETRY_S\\): .*ECONNREFUSED`),
    );
    const retries = lines.filter((l) => l.msg === 'database not reachable yet');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((l) => l.db === 'orchestrator' && l.url === `postgres://moolai@127.0.0.1:${port}/orch`)).toBe(true);
    expect(JSON.stringify(lines) + message).not.toContain('s3cret-pw');
  });

  it('that comes up within the window is used (containers starting in any order)', async () => {
    const db = await createTestDatabase('late');
    created.push(db);
    const proxy = lateProxy(await freePort(), db);
    // The proxy opens once start-up has seen the database missing, so a retry is what reaches it.
    const { lines, logger } = captureLogs((l) => {
      if (l.msg === 'database not reachable yet') proxy.open();
    });
    const config = testConfig({ ORCHESTRATOR_DATABASE_URL: proxy.url, MONITORING_DATABASE_URL: db.url, DB_CONNECT_RETRY_S: '60' });
    const app = await buildApp(config, { logger });
    try {
      const health = (await app.inject({ url: '/health' })).json();
      expect(health.components.orchestrator_db).toMatchObject({ status: 'up', backend: 'postgres' });
      expect(lines.some((l) => l.msg === 'database not reachable yet' && l.db === 'orchestrator')).toBe(true);
      expect(lines.some((l) => l.msg === 'databases ready')).toBe(true);
    } finally {
      await app.close();
      proxy.close();
    }
  });

  it('that answers and refuses (no such database) fails at once, with the server’s reason', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = '/moolai_no_such_database';
    const { lines, logger } = captureLogs();
    const config = testConfig({ ORCHESTRATOR_DATABASE_URL: url.toString(), MONITORING_DATABASE_URL: url.toString(), DB_CONNECT_RETRY_S: '600' });
    const err = await buildApp(config, { logger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseStartError);
    expect((err as Error).message).toMatch(/^the orchestrator database \(postgres:\/\/.*\/moolai_no_such_database\) refused the connection: database "moolai_no_such_database" does not exist$/);
    expect(lines.filter((l) => l.msg === 'database not reachable yet')).toEqual([]);
  });
});
