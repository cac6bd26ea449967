import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (<columns>) select … from json_to_recordset($1::json) as r(<columns>)`: the whole batch is
 * one JSON parameter, made by one native JSON.stringify of the rows as they are. The statement text does not
 * depend on the batch size, and nothing walks the rows value by value in JavaScript (the array-per-column form this
 * replaces had pg escape every value of every row into an array literal, which showed in the request path's
 * profile as a tenth of its garbage). The recordset's columns are named by the rows' property names, so rows need
 * no reshaping. A missing value takes the column's literal default, or now() for a NOT NULL timestamp; Dates
 * arrive as ISO strings. JSON columns with SQL defaults ('[]', '{}') have no literal: callers send complete rows.
 */
export function recordsetInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][] | readonly JsonRow<T['$inferInsert']>[]): SQL {
  const { columns, defs, select } = shapeOf(table);
  const json = typeof rows[0] === 'string' ? `[${rows.join(',')}]` : JSON.stringify(rows);
  return sql`insert into ${sql.raw(`"${getTableConfig(table).name}"`)} (${sql.raw(columns)}) select ${sql.raw(select)} from json_to_recordset(${sql.param(json)}::json) as r(${sql.raw(defs)})`;
}

/** A row already serialised (see `jsonRow`). */
export type JsonRow<T> = string & { readonly __row?: T };

/**
 * A row as the JSON text `recordsetInsert` sends. Batch writers queue rows in this form: one flat string per row
 * instead of an object graph, so the rows that wait for the next flush (long enough to outlive a couple of young
 * generation collections) are cheap for the garbage collector to copy and promote, and take less memory.
 */
export const jsonRow = <T extends object>(row: T): JsonRow<T> => JSON.stringify(row) as JsonRow<T>;

interface Shape {
  columns: string;
  defs: string;
  select: string;
}

const shapes = new WeakMap<PgTable, Shape>();

function shapeOf(table: PgTable): Shape {
  let shape = shapes.get(table);
  if (shape) return shape;
  const cols = Object.entries(getTableColumns(table))
    // Serial ids are left to their sequence.
    .filter(([, col]) => !col.getSQLType().includes('serial'))
    .map(([key, col]) => {
      const sqlType = col.getSQLType();
      const def: unknown = col.default;
      const literal =
        typeof def === 'number' || typeof def === 'boolean' ? String(def) : typeof def === 'string' ? `'${def.replaceAll("'", "''")}'` : undefined;
      const fallback = literal ?? (sqlType.startsWith('timestamp') && col.notNull ? 'now()' : undefined);
      const field = `r."${key}"`;
      return { name: `"${col.name}"`, def: `"${key}" ${sqlType}`, value: fallback ? `coalesce(${field}, ${fallback}::${sqlType})` : field };
    });
  shape = { columns: cols.map((c) => c.name).join(', '), defs: cols.map((c) => c.def).join(', '), select: cols.map((c) => c.value).join(', ') };
  shapes.set(table, shape);
  return shape;
}
