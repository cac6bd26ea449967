import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';

/** Opens (or creates) the embedded Postgres under DATA_DIR; the data survives restarts. */
export async function openEmbedded(dataDir: string, log: Logger): Promise<PGlite> {
  const dir = resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const { PGlite: Lite } = await import('@electric-sql/pglite');
  const lite = await Lite.create(join(dir));
  log.info({ dir, ms: Math.round(performance.now() - started) }, 'embedded database opened');
  return lite;
}
