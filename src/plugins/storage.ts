import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { Databases } from '../storage/database.js';
import { openDatabases } from '../storage/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    dbs: Databases;
  }
}

/**
 * Opens and migrates both databases. buildApp calls it before registering the storage plugin rather than inside
 * it: every plugin gets Fastify's pluginTimeout, and creating the embedded database on a busy machine or waiting
 * DB_CONNECT_RETRY_S for a server that is still starting must not be cut short by it.
 */
export function openStorage(config: Config, log: FastifyBaseLogger): Promise<Databases> {
  return openDatabases({
    orchestrator: config.databases.orchestrator,
    monitoring: config.databases.monitoring,
    poolMax: config.databases.poolMax,
    connectRetryMs: config.databases.connectRetryMs,
    log: log as unknown as Logger,
  });
}

/** Both databases, already open and migrated, closed when the app closes. */
export default fp<{ databases: Databases }>(
  async (app, { databases }) => {
    app.decorate('dbs', databases);
    // Databases close last (onClose hooks run in reverse order of registration): the services flush through them.
    app.addHook('onClose', () => databases.close());
  },
  { name: 'storage', dependencies: ['config'] },
);
