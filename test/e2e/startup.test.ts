import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis.js';
import { startService } from '../helpers/service-process.js';
import { waitFor } from '../helpers/wait.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The service's JSON log lines (pino writes one object a line). */
function logLines(out: string): { level: number; msg: string; [k: string]: unknown }[] {
  return out.split('\n').flatMap((l) => {
    try {
      return l.startsWith('{') ? [JSON.parse(l)] : [];
    } catch {
      return []; // the last line may still be half written
    }
  });
}

describe('start-up', () => {
  it('ENVIRONMENT=production with nothing set exits 1 with one message naming every missing variable', async () => {
    const svc = await startService({ ENVIRONMENT: 'production' }, { waitReady: false });
    const code = await svc.exited;
    expect(code).toBe(1);
    const out = svc.output();
    for (const name of ['CONTROLLER_URL', 'ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'JWT_SECRET', 'OPENAI_API_KEY']) {
      expect(out).toContain(name);
    }
    expect(out.match(/cannot start/g)).toHaveLength(1);
  });
});

describe('first start and databases', () => {
  it('a fresh development start creates the embedded database from its ready-made copy, listens on 127.0.0.1 and warns once that it is open', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'moolai-e2e-fresh-'));
    dirs.push(dataDir);
    // ORCHESTRATOR_HOST empty: the default bind address, as a plain `npm start` gets it.
    const svc = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ORCHESTRATOR_HOST: '' }, { waitReady: false });
    try {
      // However long the first start takes on this machine: no plugin timeout may end it.
      const started = await waitFor(
        () => (svc.proc.exitCode !== null ? `exited ${svc.proc.exitCode}` : logLines(svc.output()).some((l) => l.msg === 'started') && 'started'),
        'the service to start',
        110_000,
        100,
      );
      expect(started, svc.output()).toBe('started');
      expect((await fetch(`${svc.url}/health`)).status).toBe(200);
      const msgs = logLines(svc.output()).map((l) => l.msg);
      const creating = msgs.indexOf('creating the embedded database from its ready-made copy');
      expect(creating, svc.output()).toBeGreaterThanOrEqual(0);
      expect(msgs.indexOf('embedded database created')).toBeGreaterThan(creating);
      expect(msgs).toContain('databases ready');
      // Development is open, so it listens on loopback only and says once who a caller without a token is.
      expect(msgs.filter((m) => m.startsWith('Server listening at'))).toEqual([`Server listening at http://127.0.0.1:${svc.port}`]);
      expect(msgs.filter((m) => /without a token/.test(m))).toEqual([
        expect.stringMatching(new RegExp(`^development mode: a request without a token acts as the admin gabriella_admin .*reachable from this machine only \\(127\\.0\\.0\\.1:${svc.port}\\)`)),
      ]);
    } finally {
      await svc.stop();
    }
  });

  it('a database that does not answer within DB_CONNECT_RETRY_S stops start-up with one line naming it', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const svc = await startService(
      {
        ORCHESTRATOR_DATABASE_URL: `postgres://moolai:s3cret-pw@127.0.0.1:${port}/orch`,
        MONITORING_DATABASE_URL: `postgres://moolai:s3cret-pw@127.0.0.1:${port}/mon`,
        DB_CONNECT_RETRY_S: '1',
      },
      { waitReady: false },
    );
    expect(await svc.exited).toBe(1);
    const out = svc.output();
    expect(out).toMatch(new RegExp(`moolai-orchestrator: cannot start, the orchestrator database \\(postgres://moolai@127\\.0\\.0\\.1:${port}/orch\\) did not answer within 1 s \\(DB_CONNECT_RETRY_S\\): .*ECONNREFUSED`));
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain('s3cret-pw');
  });
});
