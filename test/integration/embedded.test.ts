import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { users } from '../../src/storage/orchestrator/schema.js';
import { testConfig } from '../helpers/config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'moolai-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded defaults (no database, no Redis configured)', () => {
  it('serves /health on PGlite and the in-memory cache, and keeps data across a restart', async () => {
    const config = testConfig({ DATA_DIR: dataDir });
    const first = await buildApp(config, { logger: false });
    const health = (await first.inject({ url: '/health' })).json();
    expect(health.status).toBe('healthy');
    expect(health.components).toMatchObject({
      orchestrator_db: { status: 'up', backend: 'pglite' },
      monitoring_db: { status: 'up', backend: 'pglite' },
      cache: { status: 'up', backend: 'memory' },
    });
    await first.dbs.orchestrator.db.insert(users).values({ id: 'u1', orgId: 'org_001', username: 'kept', role: 'admin' });
    await first.close();

    const second = await buildApp(config, { logger: false });
    try {
      const rows = await second.dbs.orchestrator.db.select().from(users);
      expect(rows.map((r) => r.username)).toContain('kept');
    } finally {
      await second.close();
    }
  });
});
