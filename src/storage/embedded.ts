import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import { projectRoot } from '../paths.js';

/**
 * A ready data folder: an empty PGlite with every migration of both roles applied, as a brotli-compressed tar
 * (`npm run db:pglite-seed` makes it; `npm run db:generate` remakes it after a schema change). Loading it takes
 * about a second where initdb inside WebAssembly took 4–45 s on a busy machine; migrations still run after it, so
 * a seed older than the migrations only costs the missing steps.
 */
export const PGLITE_SEED = join(projectRoot, 'migrations', 'pglite-seed.tar.br');

export interface OpenEmbeddedOptions {
  /** The seed to create a fresh folder from; false creates it with initdb (how the seed itself is made). */
  seed?: string | false;
}

const since = (started: number) => Math.round(performance.now() - started);

/** Opens (or creates) the embedded Postgres under DATA_DIR; the data survives restarts. */
export async function openEmbedded(dataDir: string, log: Logger, opts: OpenEmbeddedOptions = {}): Promise<PGlite> {
  const dir = resolve(dataDir, 'pglite');
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const { PGlite: Lite } = await import('@electric-sql/pglite');
  if (!fresh) {
    const lite = await Lite.create(dir);
    log.info({ dir, ms: since(started) }, 'embedded database opened');
    return lite;
  }

  const seed = opts.seed ?? PGLITE_SEED;
  if (seed && existsSync(seed)) {
    log.info({ dir }, 'creating the embedded database from its ready-made copy');
    try {
      const lite = await Lite.create(dir, { loadDataDir: new Blob([brotliDecompressSync(readFileSync(seed))]) });
      log.info({ dir, ms: since(started), from: 'seed' }, 'embedded database created');
      return lite;
    } catch (err) {
      // A seed made by another PGlite (another Postgres major) does not load; initdb still works, only slower.
      log.warn({ err: (err as Error).message, seed }, 'the ready-made embedded database did not load, creating it from scratch');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
  log.info({ dir }, 'creating the embedded database, first start takes a while');
  const lite = await Lite.create(dir);
  log.info({ dir, ms: since(started), from: 'initdb' }, 'embedded database created');
  return lite;
}
