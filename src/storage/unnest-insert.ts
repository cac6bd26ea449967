import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (<columns>) select * from unnest($1::type[], …)`: one array parameter per column, so the
 * statement is the same whatever the batch size and building it costs nothing per value (a values-list builder walks
 * every field of every row, which showed up in the request path's profile). Missing values take the column's
 * literal default, or now() for a NOT NULL timestamp; dates travel as ISO strings and JSON as text, which both pg
 * and PGlite accept inside arrays.
 */
export function unnestInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const columns = columnsOf(table);
  const arrays = columns.map((c) => sql`${sql.param(rows.map((r) => c.fill((r as Record<string, unknown>)[c.key])))}::${sql.raw(c.sqlType)}[]`);
  return sql`insert into ${sql.raw(`"${getTableConfig(table).name}"`)} (${sql.raw(columns.map((c) => `"${c.name}"`).join(', '))}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}

interface Column {
  key: string;
  name: string;
  sqlType: string;
  fill(v: unknown): unknown;
}

const cache = new WeakMap<PgTable, Column[]>();

function columnsOf(table: PgTable): Column[] {
  let cols = cache.get(table);
  if (cols) return cols;
  cols = Object.entries(getTableColumns(table))
    // Serial ids are left to their sequence.
    .filter(([, col]) => !col.getSQLType().includes('serial'))
    .map(([key, col]) => {
      const def: unknown = col.default;
      const sqlType = col.getSQLType();
      const isTime = sqlType.startsWith('timestamp');
      const isJson = sqlType === 'jsonb' || sqlType === 'json';
      const literal = typeof def === 'number' || typeof def === 'boolean' || typeof def === 'string' ? def : undefined;
      return {
        key,
        name: col.name,
        sqlType,
        fill(v: unknown): unknown {
          if (v === undefined || v === null) {
            if (literal !== undefined) return literal;
            if (isTime && col.notNull) return new Date().toISOString();
            // JSON columns have SQL defaults ('[]', '{}') that a literal cannot carry: callers send complete rows.
            return null;
          }
          if (v instanceof Date) return v.toISOString();
          return isJson ? JSON.stringify(v) : v;
        },
      };
    });
  cache.set(table, cols);
  return cols;
}
