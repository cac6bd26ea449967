import fp from 'fastify-plugin';
import type { Services } from '../services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    // The services routes use most, under short names.
    repos: Services['repos'];
    llm: Services['llm'];
    firewall: Services['firewall'];
    rateLimiter: Services['rateLimiter'];
    monitoring: Services['monitoring'];
    /** The one health check, shared by `/health` and the Controller heartbeats. */
    health: Services['health'];
    controller: Services['controller'];
  }
}

/**
 * Hands the services built by createServices (services.ts) to the routes, and ties their lifetime to the app's:
 * background work starts when the app is ready, Controller heartbeats once it listens (so the Controller can reach
 * us), and everything is flushed and stopped on close, before the cache and databases close (their hooks run later).
 */
export default fp<{ services: Services }>(
  async (app, { services }) => {
    app.decorate('services', services);
    app.decorate('repos', services.repos);
    app.decorate('llm', services.llm);
    app.decorate('firewall', services.firewall);
    app.decorate('rateLimiter', services.rateLimiter);
    app.decorate('monitoring', services.monitoring);
    app.decorate('health', services.health);
    app.decorate('controller', services.controller);
    app.addHook('onReady', async () => services.start());
    app.addHook('onListen', async () => services.controller.start());
    app.addHook('onClose', () => services.close());
  },
  { name: 'services', dependencies: ['config', 'storage', 'cache'] },
);
