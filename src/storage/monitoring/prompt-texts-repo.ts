import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { PromptTextRow } from '../../monitoring/prompt-text/capture.js';
import { rows } from '../../monitoring/sql-rows.js';
import type { MonitoringDb } from '../database.js';
import { recordsetInsert, type JsonRow } from '../recordset-insert.js';
import { promptTextAccess, promptTextErasures, promptTexts } from './schema.js';

export type AccessAction = 'read' | 'delete' | 'erase_user';

export interface Actor {
  id: string;
  username: string;
  role: string;
}

export interface AccessEntry {
  id: number;
  action: AccessAction;
  actorId: string;
  actorUsername: string;
  actorRole: string;
  requestId: string | null;
  subjectUserId: string | null;
  at: Date;
}

/** Stored prompt text (prompt_texts), its audit trail (prompt_text_access) and the erased users (prompt_text_erasures). */
export function createPromptTextsRepo(db: MonitoringDb, orgId: string) {
  const t = promptTexts;
  const a = promptTextAccess;
  const e = promptTextErasures;
  return {
    /**
     * Inserts a batch. A row of a user whose text was erased after the row's request is not inserted (a request
     * queued on some instance while its user was deleted), and a batch retried after a commit that looked failed
     * inserts nothing twice.
     */
    async insert(batch: readonly JsonRow<PromptTextRow>[]): Promise<void> {
      // createdAt travels as its ISO text, which is what a Date becomes in the batch's JSON anyway.
      await db.execute(sql`${recordsetInsert(t, batch as readonly JsonRow<unknown>[] as readonly JsonRow<typeof t.$inferInsert>[])}
        where not exists (select 1 from ${e} where ${e.orgId} = r."orgId" and ${e.userId} = r."userId" and ${e.erasedAt} >= coalesce(r."createdAt", now()))
        on conflict (${sql.identifier(t.requestId.name)}) do nothing`);
    },

    /** Deletes one request's text; returns whose it was, or undefined when there was none. */
    async deleteOne(requestId: string, by: Actor): Promise<{ userId: string | null } | undefined> {
      return db.transaction(async (tx) => {
        const [gone] = await tx.delete(t).where(and(eq(t.orgId, orgId), eq(t.requestId, requestId))).returning({ userId: t.userId });
        if (!gone) return undefined;
        await tx.insert(a).values({ orgId, action: 'delete', actorId: by.id, actorUsername: by.username, actorRole: by.role, requestId, subjectUserId: gone.userId });
        return gone;
      });
    },

    /**
     * Deletes every text of a user and marks them erased (so rows still queued anywhere are refused at insert), with
     * the audit entry, in one transaction. Returns how many texts went.
     */
    async eraseUser(userId: string, by: Actor): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.insert(e).values({ orgId, userId }).onConflictDoUpdate({ target: [e.orgId, e.userId], set: { erasedAt: sql`now()` } });
        const gone = await tx.delete(t).where(and(eq(t.orgId, orgId), eq(t.userId, userId))).returning({ id: t.requestId });
        await tx.insert(a).values({ orgId, action: 'erase_user', actorId: by.id, actorUsername: by.username, actorRole: by.role, subjectUserId: userId });
        return gone.length;
      });
    },

    /** Records reads of stored text, one entry per request read. */
    async recordReads(reads: readonly { requestId: string; subjectUserId: string | null }[], by: Actor): Promise<void> {
      if (!reads.length) return;
      await db.insert(a).values(reads.map((r) => ({ orgId, action: 'read' as const, actorId: by.id, actorUsername: by.username, actorRole: by.role, requestId: r.requestId, subjectUserId: r.subjectUserId })));
    },

    /** The audit trail, newest first; `before` is the last id of the previous page. */
    async accessLog(q: { limit: number; before?: number | undefined; requestId?: string | undefined; actorId?: string | undefined }): Promise<AccessEntry[]> {
      const where = [eq(a.orgId, orgId)];
      if (q.before !== undefined) where.push(lt(a.id, q.before));
      if (q.requestId) where.push(eq(a.requestId, q.requestId));
      if (q.actorId) where.push(eq(a.actorId, q.actorId));
      return db
        .select({ id: a.id, action: a.action, actorId: a.actorId, actorUsername: a.actorUsername, actorRole: a.actorRole, requestId: a.requestId, subjectUserId: a.subjectUserId, at: a.at })
        .from(a)
        .where(and(...where))
        .orderBy(desc(a.id))
        .limit(q.limit);
    },

    /** Deletes up to `limit` texts older than `cutoff` (with erasure marks that old); returns how many texts went. */
    async deleteTextsBefore(cutoff: Date, limit: number): Promise<number> {
      const [row] = await rows<{ n: number }>(
        db,
        sql`with d as (delete from ${t} where ${t.requestId} in (select ${t.requestId} from ${t} where ${t.orgId} = ${orgId} and ${t.createdAt} < ${cutoff.toISOString()}::timestamptz limit ${limit}) returning 1)
          select count(*)::int as n from d`,
      );
      await db.delete(e).where(and(eq(e.orgId, orgId), lt(e.erasedAt, cutoff)));
      return Number(row?.n ?? 0);
    },

    /** Deletes up to `limit` audit entries older than `cutoff`; returns how many went. */
    /**
     * The stored prompts of these requests, by request id: for the firewall's draft-rule preview, which runs a rule
     * over them and returns counts only (no text leaves the server, so no read is recorded).
     */
    async promptsOf(requestIds: readonly string[]): Promise<Map<string, string>> {
      if (!requestIds.length) return new Map();
      const found = await db.select({ requestId: t.requestId, prompt: t.prompt }).from(t).where(and(eq(t.orgId, orgId), inArray(t.requestId, [...requestIds])));
      return new Map(found.map((r) => [r.requestId, r.prompt]));
    },

    async deleteAccessBefore(cutoff: Date, limit: number): Promise<number> {
      const [row] = await rows<{ n: number }>(
        db,
        sql`with d as (delete from ${a} where ${a.id} in (select ${a.id} from ${a} where ${a.orgId} = ${orgId} and ${a.at} < ${cutoff.toISOString()}::timestamptz limit ${limit}) returning 1)
          select count(*)::int as n from d`,
      );
      return Number(row?.n ?? 0);
    },
  };
}

export type PromptTextsRepo = ReturnType<typeof createPromptTextsRepo>;
