import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Any drizzle Postgres handle (node-postgres or PGlite); both answer raw queries with `{ rows }`. */
export type AnyPgDb = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/** Runs raw SQL and returns its rows, typed by the caller (who casts columns in SQL so the shape is known). */
export async function rows<T>(db: AnyPgDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Aggregates come back as strings (bigint, numeric) from node-postgres; null stays null. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const iso = (v: unknown): string => new Date(v as string | Date).toISOString();

