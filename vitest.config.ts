import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers and talk to real Postgres/Redis: give them room on a 2-core box.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page or a writer does next; its 1 s default is a speed target beside a CPU hog
    // (a rule's 409 reached the page after more than 1 s). A ceiling, as the browser pages' 15 s.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
