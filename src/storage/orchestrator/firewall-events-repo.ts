import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { OrchestratorDb } from '../database.js';
import { recordsetInsert, type JsonRow } from '../recordset-insert.js';
import { firewallEvents } from './schema.js';

export type FirewallEventRow = typeof firewallEvents.$inferInsert;
export type StoredFirewallEvent = typeof firewallEvents.$inferSelect;

export interface FirewallEventQuery {
  decision?: 'allow' | 'block' | 'redact';
  userId?: string;
  source?: string;
  /** Cursor: only events with a smaller id (older). */
  before?: number;
  limit: number;
}

/** The firewall's decision log: written in batches by the events writer, read newest first by the events route. */
export function createFirewallEventsRepo(db: OrchestratorDb, orgId: string) {
  return {
    async insert(rows: readonly FirewallEventRow[] | readonly JsonRow<FirewallEventRow>[]): Promise<void> {
      await db.execute(recordsetInsert(firewallEvents, rows));
    },

    list(q: FirewallEventQuery): Promise<StoredFirewallEvent[]> {
      const where: SQL[] = [eq(firewallEvents.orgId, orgId)];
      if (q.decision) where.push(eq(firewallEvents.decision, q.decision));
      if (q.userId) where.push(eq(firewallEvents.userId, q.userId));
      if (q.source) where.push(eq(firewallEvents.source, q.source));
      if (q.before) where.push(lt(firewallEvents.id, q.before));
      return db.select().from(firewallEvents).where(and(...where)).orderBy(desc(firewallEvents.id)).limit(q.limit);
    },
  };
}

export type FirewallEventsRepo = ReturnType<typeof createFirewallEventsRepo>;
