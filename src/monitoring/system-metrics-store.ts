import { desc, eq } from 'drizzle-orm';
import type { MonitoringDb } from '../storage/database.js';
import { systemMetrics } from '../storage/monitoring/schema.js';
import type { SystemSample } from './system-sampler.js';

export type SystemMetricRow = typeof systemMetrics.$inferInsert;

export const toRow = (s: SystemSample, orchestratorId: string): SystemMetricRow => ({ orchestratorId, ...s });

/** A sample as the API shows it. */
export function toWire(s: SystemSample) {
  return {
    created_at: s.createdAt.toISOString(),
    cpu_percent: s.cpuPercent,
    rss_bytes: s.rssBytes,
    heap_used_bytes: s.heapUsedBytes,
    event_loop_p50_ms: s.eventLoopP50Ms,
    event_loop_p99_ms: s.eventLoopP99Ms,
    open_websockets: s.openWebsockets,
    inflight_requests: s.inflightRequests,
    queue_depth: s.queueDepth,
    dropped_total: s.droppedTotal,
  };
}

/** This instance's last `limit` samples, oldest first. */
export async function recentSamples(db: MonitoringDb, orchestratorId: string, limit: number): Promise<SystemSample[]> {
  const found = await db
    .select()
    .from(systemMetrics)
    .where(eq(systemMetrics.orchestratorId, orchestratorId))
    .orderBy(desc(systemMetrics.createdAt))
    .limit(limit);
  return found.reverse().map(({ id: _id, orchestratorId: _o, ...s }) => s);
}
