import { insertRequests } from '../../monitoring/rollup.js';
import type { RequestRecord } from '../../monitoring/request-record.js';
import { recentSamples, type SystemMetricRow } from '../../monitoring/system-metrics-store.js';
import type { SystemSample } from '../../monitoring/system-sampler.js';
import type { MonitoringDb } from '../database.js';
import { recordsetInsert, type JsonRow } from '../recordset-insert.js';
import { systemMetrics } from './schema.js';

/**
 * What the recorders write to the monitoring database: request records (with their rollups, rollup.ts) and process
 * samples. The SQL stays beside the analytics that reads the same tables (src/monitoring/); this is the one object
 * the rest of the service writes through.
 */
export function createRequestsRepo(db: MonitoringDb, orchestratorId: string) {
  return {
    /** Inserts a batch of records; a batch retried after a commit that looked failed inserts nothing twice. */
    insert(rows: readonly RequestRecord[] | readonly JsonRow<RequestRecord>[]): Promise<number> {
      return insertRequests(db, rows);
    },

    async insertSamples(rows: readonly SystemMetricRow[]): Promise<void> {
      await db.execute(recordsetInsert(systemMetrics, rows));
    },

    /** This instance's last `limit` process samples, oldest first. */
    recentSamples(limit: number): Promise<SystemSample[]> {
      return recentSamples(db, orchestratorId, limit);
    },
  };
}

export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
