import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { ControllerClient } from '../controller/controller-client.js';

declare module 'fastify' {
  interface FastifyInstance {
    controller: ControllerClient;
  }
}

/** Registers with the Controller once the server listens (so the Controller can reach us); deregisters on close. */
export default fp(
  async (app) => {
    const { config } = app;
    const client = new ControllerClient({
      url: config.controller.url,
      orchestratorId: config.orchestratorId,
      orgId: config.orgId,
      publicUrl: config.server.publicUrl,
      heartbeatIntervalMs: config.controller.heartbeatIntervalMs,
      retryBaseMs: config.controller.retryBaseMs,
      retryMaxMs: config.controller.retryMaxMs,
      log: app.log.child({ component: 'controller' }) as unknown as Logger,
      // The health plugin comes later (it looks at the Controller too); heartbeats start once the app listens.
      healthStatus: async () => (await app.health.check()).status,
    });
    app.decorate('controller', client);
    app.addHook('onListen', async () => client.start());
    app.addHook('onClose', () => client.stop());
  },
  { name: 'controller', dependencies: ['config', 'lifecycle'] },
);
