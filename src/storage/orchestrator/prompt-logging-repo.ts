import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { PromptLoggingMode } from '../../monitoring/prompt-text/mode.js';
import type { OrchestratorDb } from '../database.js';
import { promptLoggingChanges, promptLoggingSettings } from './schema.js';

export interface StoredPromptLogging {
  mode: PromptLoggingMode;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface PromptLoggingChange {
  id: number;
  fromMode: string;
  toMode: string;
  changedBy: string | null;
  changedByUsername: string | null;
  changedAt: Date;
}

/** The prompt logging mode an admin chose (one row per organisation) and the audit trail of its changes. */
export function createPromptLoggingRepo(db: OrchestratorDb, orgId: string) {
  const s = promptLoggingSettings;
  return {
    /** The admin's choice; null while there is none (the environment's PROMPT_LOGGING applies). */
    async get(): Promise<StoredPromptLogging | null> {
      const [row] = await db.select().from(s).where(eq(s.orgId, orgId));
      return row && row.version > 0 ? { mode: row.mode, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt } : null;
    },

    /**
     * Sets the mode and records the change (from what it was: the stored mode, else `start`, the environment's) in
     * one transaction, under a row lock, so changes from several instances serialise and each is audited once.
     * Setting the mode in force changes nothing and records nothing.
     */
    async set(mode: PromptLoggingMode, start: PromptLoggingMode, by: { id: string; username: string }): Promise<{ saved: StoredPromptLogging; from: PromptLoggingMode; changed: boolean }> {
      return db.transaction(async (tx) => {
        await tx.insert(s).values({ orgId, mode: start }).onConflictDoNothing();
        const [row] = await tx.select().from(s).where(eq(s.orgId, orgId)).for('update');
        // Version 0 is the row made just now (or by a racing first change): no admin has chosen yet.
        const from = row!.version === 0 ? start : row!.mode;
        if (from === mode) return { saved: { mode, version: row!.version, updatedBy: row!.updatedBy, updatedAt: row!.updatedAt }, from, changed: false };
        const [out] = await tx
          .update(s)
          .set({ mode, version: sql`${s.version} + 1`, updatedBy: by.id, updatedAt: new Date() })
          .where(eq(s.orgId, orgId))
          .returning();
        await tx.insert(promptLoggingChanges).values({ orgId, fromMode: from, toMode: mode, changedBy: by.id, changedByUsername: by.username });
        return { saved: { mode: out!.mode, version: out!.version, updatedBy: out!.updatedBy, updatedAt: out!.updatedAt }, from, changed: true };
      });
    },

    /** Changes, newest first; `before` is the id of the last one of the previous page. */
    async changes(limit: number, before?: number): Promise<PromptLoggingChange[]> {
      const c = promptLoggingChanges;
      return db
        .select({ id: c.id, fromMode: c.fromMode, toMode: c.toMode, changedBy: c.changedBy, changedByUsername: c.changedByUsername, changedAt: c.changedAt })
        .from(c)
        .where(before === undefined ? eq(c.orgId, orgId) : and(eq(c.orgId, orgId), lt(c.id, before)))
        .orderBy(desc(c.id))
        .limit(limit);
    },
  };
}

export type PromptLoggingRepo = ReturnType<typeof createPromptLoggingRepo>;
