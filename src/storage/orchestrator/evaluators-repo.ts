import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OrchestratorDb } from '../database.js';
import { customEvaluators } from './schema.js';

export type CustomEvaluatorRow = typeof customEvaluators.$inferSelect;
export interface CustomEvaluatorInput {
  name: string;
  rubric: string;
  labels: Record<string, number>;
  enabled: boolean;
  sampleRate: number | null;
}

/** Admin-defined evaluators (custom_evaluators). */
export function createEvaluatorsRepo(db: OrchestratorDb, orgId: string) {
  const t = customEvaluators;
  return {
    list(): Promise<CustomEvaluatorRow[]> {
      return db.select().from(t).where(eq(t.orgId, orgId)).orderBy(asc(t.name));
    },

    /** Creates or replaces the evaluator of that name. */
    async upsert(input: CustomEvaluatorInput, by: string): Promise<CustomEvaluatorRow> {
      const [r] = await db
        .insert(t)
        .values({ id: randomUUID(), orgId, ...input, createdBy: by })
        .onConflictDoUpdate({ target: [t.orgId, t.name], set: { rubric: input.rubric, labels: input.labels, enabled: input.enabled, sampleRate: input.sampleRate, updatedAt: sql`now()` } })
        .returning();
      return r!;
    },

    async remove(name: string): Promise<boolean> {
      const gone = await db.delete(t).where(and(eq(t.orgId, orgId), eq(t.name, name))).returning({ id: t.id });
      return gone.length > 0;
    },
  };
}

export type EvaluatorsRepo = ReturnType<typeof createEvaluatorsRepo>;
