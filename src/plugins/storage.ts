import fp from 'fastify-plugin';
import type { Databases } from '../storage/database.js';
import { openDatabases } from '../storage/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    dbs: Databases;
  }
}

/** Both databases, opened and migrated before the app is ready; closed on app close. */
export default fp<{ databases?: Databases }>(
  async (app, opts) => {
    const { config } = app;
    const dbs =
      opts.databases ??
      (await openDatabases({
        orchestrator: config.databases.orchestrator,
        monitoring: config.databases.monitoring,
        poolMax: config.databases.poolMax,
        log: app.log as unknown as import('pino').Logger,
      }));
    app.decorate('dbs', dbs);
    // Databases close last: other onClose hooks (recorder flush) still write through them.
    app.addHook('onClose', async () => {
      if (!opts.databases) await dbs.close();
    });
  },
  { name: 'storage', dependencies: ['config'] },
);
