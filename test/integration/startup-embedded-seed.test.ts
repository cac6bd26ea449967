import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/paths.js';
import { openEmbedded, PGLITE_SEED } from '../../src/storage/embedded.js';
import { migrateEmbedded, type DbRole } from '../../src/storage/migrate.js';

/**
 * The first `npm start` loads migrations/pglite-seed.tar.br instead of running initdb. The seed must be exactly
 * what the migrations make: this compares everything a migration can create, between a database created from
 * scratch and migrated, and one loaded from the seed before any migration runs. When it fails after a schema
 * change: `npm run db:pglite-seed`.
 */

const ROLES: DbRole[] = ['orchestrator', 'monitoring'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const lines: { msg: string; from?: string }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { lines, log };
}

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`;

/** Every object a migration can make or change, as text, in a stable order. */
async function schemaOf(lite: PGlite): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await lite.query(sql)).rows;
  return {
    columns: await q(`select c.table_schema, c.table_name, c.column_name, c.ordinal_position, c.data_type, c.udt_name, c.is_nullable, c.column_default,
                        c.character_maximum_length, c.numeric_precision, c.is_identity, c.generation_expression
                      from information_schema.columns c join pg_namespace n on n.nspname = c.table_schema
                      where ${USER_SCHEMAS} order by 1, 2, 4`),
    relations: await q(`select n.nspname, c.relname, c.relkind, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where ${USER_SCHEMAS} and c.relkind in ('r', 'v', 'm', 'S', 'p', 'i') order by 1, 2`),
    indexes: await q(`select schemaname, tablename, indexname, indexdef from pg_indexes i join pg_namespace n on n.nspname = i.schemaname
                      where ${USER_SCHEMAS} order by 1, 2, 3`),
    constraints: await q(`select n.nspname, c.conrelid::regclass::text as rel, c.conname, pg_get_constraintdef(c.oid) as def
                          from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${USER_SCHEMAS} order by 1, 2, 3`),
    functions: await q(`select n.nspname, p.proname, pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                        where ${USER_SCHEMAS} order by 1, 2, 3`),
    triggers: await q(`select tgrelid::regclass::text as rel, tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1, 2`),
    views: await q(`select n.nspname, c.relname, pg_get_viewdef(c.oid) as def from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where ${USER_SCHEMAS} and c.relkind in ('v', 'm') order by 1, 2`),
    extensions: await q(`select extname, extversion from pg_extension order by 1`),
    journals: await q(`select 'orchestrator' as role, hash, created_at::text from drizzle.__drizzle_migrations_orchestrator
                       union all select 'monitoring', hash, created_at::text from drizzle.__drizzle_migrations_monitoring order by 1, 3`),
  };
}

describe('the ready-made embedded database (migrations/pglite-seed.tar.br)', () => {
  it('is committed, and a fresh instance from it has exactly the schema the migrations produce', { timeout: 240_000 }, async () => {
    expect(existsSync(PGLITE_SEED)).toBe(true);

    // From scratch: initdb, then every migration, as a start without the seed does.
    const scratchDir = mkdtempSync(join(tmpdir(), 'moolai-seed-a-'));
    dirs.push(scratchDir);
    const scratchLog = capture();
    const scratch = await openEmbedded(scratchDir, scratchLog.log, { seed: false });
    let expected: Record<string, unknown[]>;
    try {
      for (const role of ROLES) await migrateEmbedded(scratch, role);
      expected = await schemaOf(scratch);
    } finally {
      await scratch.close();
    }
    expect(scratchLog.lines.map((l) => l.msg)).toEqual(['creating the embedded database, first start takes a while', 'embedded database created']);

    // From the seed, before any migration: already complete.
    const seededDir = mkdtempSync(join(tmpdir(), 'moolai-seed-b-'));
    dirs.push(seededDir);
    const seededLog = capture();
    const seeded = await openEmbedded(seededDir, seededLog.log);
    try {
      expect(seededLog.lines.map((l) => l.msg)).toEqual(['creating the embedded database from its ready-made copy', 'embedded database created']);
      expect(seededLog.lines.at(-1)?.from).toBe('seed');
      const actual = await schemaOf(seeded);
      // Every migration file is in the seed's journals (the seed is not behind), and nothing else differs.
      const files = ROLES.flatMap((role) => readMigrationFiles({ migrationsFolder: migrationsDir(role) }).map((m) => ({ role, hash: m.hash })));
      expect(actual.journals!.map((j) => ({ role: (j as { role: string }).role, hash: (j as { hash: string }).hash })).sort((a, b) => a.hash.localeCompare(b.hash))).toEqual(
        files.sort((a, b) => a.hash.localeCompare(b.hash)),
      );
      expect(actual).toEqual(expected);
      // Migrating it is a no-op.
      for (const role of ROLES) await migrateEmbedded(seeded, role);
      expect(await schemaOf(seeded)).toEqual(expected);
    } finally {
      await seeded.close();
    }

    // And the folder it wrote opens again as an existing database.
    const reopenLog = capture();
    const reopened = await openEmbedded(seededDir, reopenLog.log);
    await reopened.close();
    expect(reopenLog.lines.map((l) => l.msg)).toEqual(['embedded database opened']);
  });
});
