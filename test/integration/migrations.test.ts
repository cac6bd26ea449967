import { readFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabases } from '../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

const created: TestDatabase[] = [];
afterAll(async () => {
  for (const d of created) await d.drop();
});

async function tables(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    return r.rows.map((x) => x.table_name);
  } finally {
    await c.end();
  }
}

const log = pino({ level: 'silent' });

describe('migrations', () => {
  it('several instances starting at once against empty databases all come up (advisory lock)', async () => {
    const orch = await createTestDatabase('orch');
    const mon = await createTestDatabase('mon');
    created.push(orch, mon);
    const target = { orchestrator: { kind: 'postgres' as const, url: orch.url }, monitoring: { kind: 'postgres' as const, url: mon.url }, poolMax: 2, log };
    const instances = await Promise.all([openDatabases(target), openDatabases(target), openDatabases(target)]);
    await Promise.all(instances.map((i) => i.close()));

    expect(await tables(orch.url)).toEqual(['api_keys', 'conversations', 'custom_evaluators', 'firewall_events', 'firewall_policies', 'firewall_rules', 'messages', 'prompt_logging_changes', 'prompt_logging_settings', 'semantic_cache_entries', 'users']);
    expect(await tables(mon.url)).toEqual(['eval_runs', 'llm_latency_hourly', 'llm_requests', 'llm_requests_hourly', 'llm_requests_user_daily', 'llm_requests_user_hourly', 'prompt_text_access', 'prompt_text_erasures', 'prompt_texts', 'request_evaluations', 'request_feedback', 'request_spans', 'system_metrics']);
  });

  it('both roles may share one database; a restart finds nothing left to apply', async () => {
    const one = await createTestDatabase('one');
    created.push(one);
    const target = { orchestrator: { kind: 'postgres' as const, url: one.url }, monitoring: { kind: 'postgres' as const, url: one.url }, poolMax: 2, log };
    await Promise.all([openDatabases(target), openDatabases(target)]).then((xs) => Promise.all(xs.map((x) => x.close())));
    const again = await openDatabases(target);
    await again.close();
    expect(await tables(one.url)).toEqual(['api_keys', 'conversations', 'custom_evaluators', 'eval_runs', 'firewall_events', 'firewall_policies', 'firewall_rules', 'llm_latency_hourly', 'llm_requests', 'llm_requests_hourly', 'llm_requests_user_daily', 'llm_requests_user_hourly', 'messages', 'prompt_logging_changes', 'prompt_logging_settings', 'prompt_text_access', 'prompt_text_erasures', 'prompt_texts', 'request_evaluations', 'request_feedback', 'request_spans', 'semantic_cache_entries', 'system_metrics', 'users']);
    const c = new pg.Client({ connectionString: one.url });
    await c.connect();
    const journal = await c.query(`select count(*)::int as n from drizzle.__drizzle_migrations_orchestrator`);
    await c.end();
    // Each migration applied exactly once, however many instances raced.
    const entries = JSON.parse(readFileSync(new URL('../../migrations/orchestrator/meta/_journal.json', import.meta.url), 'utf8')).entries.length;
    expect(journal.rows[0].n).toBe(entries);
  });
});
