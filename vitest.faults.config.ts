import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the service built and run as production runs it, under steady load, while its Redis,
 * databases, upstream and instances fail (test/faults/README.md). Files run one at a time: each starts its own
 * Postgres clusters, Redis, instances and load, and the machine has 2 cores.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
