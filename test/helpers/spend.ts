import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import type { RequestRecord } from '../../src/monitoring/request-record.js';
import type { AnyPgDb } from '../../src/monitoring/sql-rows.js';
import { migratePostgres } from '../../src/storage/migrate.js';
import * as schema from '../../src/storage/monitoring/schema.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

/** A migrated monitoring database of its own (only the monitoring migrations), for the spend tests. */
export async function monitoringDatabase(label: string): Promise<{ db: AnyPgDb; close(): Promise<void> }> {
  const test: TestDatabase = await createTestDatabase(label);
  await migratePostgres(test.url, { role: 'monitoring', log: pino({ level: 'silent' }), deadline: Date.now() + 30_000, windowS: 30 });
  const pool = new pg.Pool({ connectionString: test.url, max: 2 });
  return {
    db: drizzle(pool, { schema }) as unknown as AnyPgDb,
    async close() {
      await pool.end();
      await test.drop();
    },
  };
}

/** One llm_requests row as the recorder writes it, with only what spend depends on given. */
export const request = (r: { orgId: string; userId: string | null; apiKeyId?: string | null; costUsd: number; at: Date; cached?: boolean }): RequestRecord => ({
  id: `rec_${randomBytes(6).toString('hex')}`,
  orgId: r.orgId,
  orchestratorId: 'o1',
  userId: r.userId,
  apiKeyId: r.apiKeyId ?? null,
  endpoint: 'openai',
  provider: 'openai',
  model: 'gpt-4o-mini',
  status: 'success',
  cached: r.cached ?? false,
  costUsd: r.costUsd,
  createdAt: r.at,
});
