import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { TimeRange } from '../../monitoring/analytics-range.js';
import { usage } from '../../monitoring/usage.js';
import type { MonitoringDb, OrchestratorDb } from '../database.js';
import { firewallEvents } from '../orchestrator/schema.js';
import { llmRequests } from './schema.js';

/** Firewall events are written moments before or after their request's record; this window finds them by index. */
const EVENT_WINDOW_MS = 15 * 60_000;

/**
 * Spend and usage breakdowns, and what the request log's drawer joins to one request. Both databases, like the
 * analytics repository: figures in monitoring, usernames, key names and firewall events in the orchestrator database.
 */
export function createUsageRepo(monitoring: MonitoringDb, orchestrator: OrchestratorDb, orgId: string) {
  return {
    usage(range: TimeRange) {
      return usage(monitoring, orchestrator, orgId, range);
    },

    /** The record's owner and time, or undefined when this organisation has no such request. */
    async record(requestId: string): Promise<{ userId: string | null; createdAt: Date } | undefined> {
      const [found] = await monitoring
        .select({ userId: llmRequests.userId, createdAt: llmRequests.createdAt })
        .from(llmRequests)
        .where(and(eq(llmRequests.orgId, orgId), eq(llmRequests.id, requestId)))
        .limit(1);
      return found;
    },

    /** The firewall's decisions on one request (its prompt, and its answer when the output was scanned), oldest first. */
    firewallEventsOf(requestId: string, at: Date) {
      return orchestrator
        .select()
        .from(firewallEvents)
        .where(
          and(
            eq(firewallEvents.orgId, orgId),
            gte(firewallEvents.createdAt, new Date(at.getTime() - EVENT_WINDOW_MS)),
            lte(firewallEvents.createdAt, new Date(at.getTime() + EVENT_WINDOW_MS)),
            eq(firewallEvents.requestId, requestId),
          ),
        )
        .orderBy(desc(firewallEvents.id))
        .limit(20);
    },
  };
}

export type UsageRepo = ReturnType<typeof createUsageRepo>;
