import pino from 'pino';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openGate } from '../../src/firewall/gate.js';
import { createServices, type Services } from '../../src/services.js';
import { createMemoryKv } from '../../src/cache/memory-kv.js';
import { openDatabases } from '../../src/storage/database.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('composition', () => {
  it('routes, sockets and plugins never build queries: every query goes through a repository', () => {
    const offenders = ['http', 'ws', 'plugins']
      .flatMap((d) => files(join(SRC, d)))
      .filter((f) => /from 'drizzle-orm|\.(orchestrator|monitoring)\.db\b/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(SRC.length));
    expect(offenders).toEqual([]);
  });

  describe('createServices', () => {
    const dbs: TestDatabase[] = [];
    const built: Services[] = [];
    afterAll(async () => {
      for (const s of built) await s.close();
      for (const d of dbs) await d.drop();
    });

    async function build(firewallEnabled: boolean) {
      const db = await createTestDatabase('compose');
      dbs.push(db);
      const config = testConfig({ FIREWALL_ENABLED: String(firewallEnabled) });
      const log = pino({ level: 'silent' });
      const opened = await openDatabases({ orchestrator: { kind: 'postgres', url: db.url }, monitoring: { kind: 'postgres', url: db.url }, poolMax: 2, log });
      const services = await createServices(config, { dbs: opened, kv: createMemoryKv(), redis: undefined, log, server: { inflight: () => 0, draining: () => false, openWebsockets: () => 0 } });
      built.push(services);
      return services;
    }

    // Before createServices the gate came from a decorator that existed only if the firewall plugin happened to be
    // registered first; now the choice is made here, from the config alone.
    it('chooses the scanning gate from FIREWALL_ENABLED, with no plugin involved', async () => {
      const on = await build(true);
      expect(on.firewall.gate).not.toBe(openGate);
      const text = 'deploy with ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' + ' please';
      const site = { role: 'user' as const, path: 'messages[0].content', text, set: () => undefined };
      expect(on.firewall.gate.checkPrompt([site], { requestId: 'r1', userId: 'u1', source: 'prompt' }).allowed).toBe(false);

      const off = await build(false);
      expect(off.firewall.gate).toBe(openGate);
      expect(off.firewall.gate.checkPrompt([site], { requestId: 'r2', userId: 'u1', source: 'prompt' }).allowed).toBe(true);
    });
  });
});
