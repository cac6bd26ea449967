import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { sql } from 'drizzle-orm';
import { insertRequests } from '../../src/monitoring/rollup.js';
import { rows } from '../../src/monitoring/sql-rows.js';
import { firewallEvents, users } from '../../src/storage/orchestrator/schema.js';
import { recordsetInsert } from '../../src/storage/recordset-insert.js';
import { testConfig } from '../helpers/config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'moolai-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded defaults (no database, no Redis configured)', () => {
  // A ceiling, not a speed target: two PGlite starts, each 9-45 s on a loaded 2-core machine (#13 item 5); beside a
  // CPU hog the pair passed 30 s.
  it('serves /health on PGlite and the in-memory cache, and keeps data across a restart', { timeout: 180_000 }, async () => {
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
    // The batched writers' JSON-recordset inserts (and the rollup CTEs) run on PGlite as on Postgres.
    const base = { orgId: 'org_001', orchestratorId: 'o1', endpoint: 'prompt', status: 'success', model: 'gpt-4o-mini', provider: 'openai', latencyMs: 12.5 };
    expect(await insertRequests(first.dbs.monitoring.db, [{ ...base, id: 'r1', userId: 'u1', promptTokens: 3, costUsd: 0.001 }, { ...base, id: "r'2", cached: true, createdAt: new Date('2026-01-02T03:04:05Z') }])).toBe(2);
    const [hourly] = await rows<{ requests: number; cache_hits: number }>(first.dbs.monitoring.db, sql`select sum(requests)::int as requests, sum(cache_hits)::int as cache_hits from llm_requests_hourly`);
    expect(hourly).toEqual({ requests: 2, cache_hits: 1 });
    await first.dbs.orchestrator.db.execute(recordsetInsert(firewallEvents, [{ orgId: 'org_001', requestId: 'r1', userId: null, source: 'prompt', decision: 'allow', mode: 'x', riskLevel: 'none', reasons: ["it's fine"], findings: [], scannerTimingsMs: { pii: 0.1 } }]));
    const [event] = await first.dbs.orchestrator.db.select().from(firewallEvents);
    expect(event).toMatchObject({ requestId: 'r1', reasons: ["it's fine"], scannerTimingsMs: { pii: 0.1 } });
    expect(event!.createdAt).toBeInstanceOf(Date);
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
