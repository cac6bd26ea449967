/**
 * Builds migrations/pglite-seed.tar.br, the ready data folder a first `npm start` loads instead of running initdb
 * inside WebAssembly (4–45 s on a busy machine, ~1 s from the seed): an empty PGlite with every migration of both
 * roles applied, exactly as `openDatabases` would leave it. `npm run db:generate` runs this after a schema change;
 * test/integration/startup-embedded-seed.test.ts fails while the seed lags behind the migrations.
 *
 *   npm run db:pglite-seed
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_SEED } from '../../src/storage/embedded.js';
import { migrateEmbedded } from '../../src/storage/migrate.js';

const started = performance.now();
const lite = await PGlite.create();
try {
  // The same order as openDatabases: orchestrator, then monitoring.
  await migrateEmbedded(lite, 'orchestrator');
  await migrateEmbedded(lite, 'monitoring');
  // Everything in the data files, so the WAL holds nothing a reader would have to replay.
  await lite.exec('checkpoint');
  const tar = Buffer.from(await (await lite.dumpDataDir('none')).arrayBuffer());
  // Brotli at its best: the tar is mostly empty pages and catalogs (41 MB → ~1.4 MB; gzip gives ~4.7 MB).
  const packed = brotliCompressSync(tar, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
  });
  writeFileSync(PGLITE_SEED, packed);
  console.log(`${relative(process.cwd(), PGLITE_SEED)}: ${packed.length} bytes (tar ${tar.length}) in ${Math.round(performance.now() - started)} ms`);
} finally {
  await lite.close();
}
