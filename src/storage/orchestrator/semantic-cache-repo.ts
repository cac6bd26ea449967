import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import type { OrchestratorDb } from '../database.js';
import { semanticCacheEntries as t } from './semantic-cache-schema.js';

export type SemanticEntryRow = typeof t.$inferSelect;
export type NewSemanticEntry = Omit<typeof t.$inferInsert, 'orgId' | 'hits' | 'lastHitAt' | 'lastSimilarity'>;

/** What the in-memory index needs of a row: never the answer. */
export interface SemanticVectorRow {
  id: string;
  partition: string;
  embeddingModel: string;
  embedding: Uint8Array;
  question: string;
  expiresAt: Date;
}

/** An entry as the dashboard lists it: the answer only as the caller previews it. */
export type SemanticEntrySummary = Omit<SemanticEntryRow, 'embedding' | 'orgId' | 'partition'>;

const { embedding: _e, orgId: _o, partition: _p, ...summaryColumns } = getTableColumns(t);

/** The semantic cache's rows of one organisation (src/cache/semantic keeps the index of them). */
export function createSemanticCacheRepo(db: OrchestratorDb, orgId: string) {
  const mine = eq(t.orgId, orgId);
  const live = () => and(mine, gt(t.expiresAt, sql`now()`));
  return {
    async insert(row: NewSemanticEntry): Promise<void> {
      await db.insert(t).values({ ...row, orgId });
    },

    /** Ids of every entry still live: what an instance compares its index with. */
    async liveIds(): Promise<string[]> {
      const rows = await db.select({ id: t.id }).from(t).where(live());
      return rows.map((r) => r.id);
    },

    /** The vectors and questions of these entries (those still live). */
    vectors(ids: readonly string[]): Promise<SemanticVectorRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .select({ id: t.id, partition: t.partition, embeddingModel: t.embeddingModel, embedding: t.embedding, question: t.question, expiresAt: t.expiresAt })
        .from(t)
        .where(and(live(), inArray(t.id, [...ids])));
    },

    /** The stored answer of a live entry; null when it expired or was deleted meanwhile (by any instance). */
    async answer(id: string): Promise<SemanticEntryRow | null> {
      const [row] = await db.select().from(t).where(and(live(), eq(t.id, id))).limit(1);
      return row ?? null;
    },

    async noteHit(id: string, similarity: number): Promise<void> {
      await db
        .update(t)
        .set({ hits: sql`${t.hits} + 1`, lastHitAt: sql`now()`, lastSimilarity: similarity })
        .where(and(mine, eq(t.id, id)));
    },

    /** Deletes expired entries; returns their ids. */
    async deleteExpired(): Promise<string[]> {
      const rows = await db.delete(t).where(and(mine, lte(t.expiresAt, sql`now()`))).returning({ id: t.id });
      return rows.map((r) => r.id);
    },

    /**
     * Deletes the least recently used entries beyond `max` (last hit, else creation); returns their ids. Several
     * instances may evict at once: each deletes what it selected, and a row gone already is simply not returned.
     */
    async evictBeyond(max: number): Promise<string[]> {
      const [total] = await db.select({ n: count() }).from(t).where(mine);
      const excess = (total?.n ?? 0) - max;
      if (excess <= 0) return [];
      const oldest = db
        .select({ id: t.id })
        .from(t)
        .where(mine)
        .orderBy(asc(sql`coalesce(${t.lastHitAt}, ${t.createdAt})`), asc(t.id))
        .limit(excess);
      const rows = await db.delete(t).where(and(mine, inArray(t.id, oldest))).returning({ id: t.id });
      return rows.map((r) => r.id);
    },

    async clear(): Promise<number> {
      const rows = await db.delete(t).where(mine).returning({ id: t.id });
      return rows.length;
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.delete(t).where(and(mine, eq(t.id, id))).returning({ id: t.id });
      return rows.length > 0;
    },

    /** Live entries for the dashboard: the most used first, or the newest. */
    list(opts: { limit: number; order: 'hits' | 'recent' }): Promise<SemanticEntrySummary[]> {
      const order = opts.order === 'hits' ? [desc(t.hits), desc(t.createdAt)] : [desc(t.createdAt)];
      return db.select(summaryColumns).from(t).where(live()).orderBy(...order).limit(opts.limit);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(t).where(live());
      return row?.n ?? 0;
    },
  };
}

export type SemanticCacheRepo = ReturnType<typeof createSemanticCacheRepo>;
