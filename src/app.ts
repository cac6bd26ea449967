import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { registerErrorHandling } from './errors/error-handler.js';
import { registerRoutes } from './http/routes.js';
import { lazyChildLogger, loggerOptions } from './logger.js';
import { openWebsocketCount } from './monitoring/system-sampler.js';
import authPlugin from './plugins/auth.js';
import cachePlugin, { openCache } from './plugins/cache.js';
import configPlugin from './plugins/config.js';
import lifecyclePlugin from './plugins/lifecycle.js';
import limitsPlugin from './plugins/limits.js';
import monitoringPlugin from './plugins/monitoring.js';
import servicesPlugin from './plugins/services.js';
import storagePlugin, { openStorage } from './plugins/storage.js';
import telemetryPlugin from './plugins/telemetry.js';
import { createServices } from './services.js';
import chatPlugin from './ws/chat-plugin.js';

export interface AppOverrides {
  /** pino options or false; tests silence logs. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * The one composition root: main.ts and every test build the app through here. Infrastructure is opened here,
 * services are built from it in one plain function (createServices), and plugins only attach hooks and lifetimes.
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: overrides.logger ?? loggerOptions(config.logLevel),
    childLoggerFactory: lazyChildLogger,
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    // The request id is always minted: it keys the request's record, logs and firewall events, so a caller must not
    // choose it. A caller's own x-request-id is kept beside it (request.clientRequestId, see plugins/lifecycle.ts).
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    // Requests that arrive while draining are refused by the lifecycle plugin, in our error shape with Retry-After
    // (Fastify's own 503 has neither), and health checks still answer.
    return503OnClosing: false,
    // A cold first start (PGlite's WebAssembly, migrations, scanner warm-up) on a busy machine can take longer than
    // Fastify's 10 s per plugin; DESIGN §5: start-up waits as long as a cold start needs. Still bounded, so a plugin
    // that truly hangs fails the start instead of leaving a process that never serves.
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'MoolAI Orchestrator', version: config.version, description: 'Per-organization LLM gateway worker' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(configPlugin, { config });
  await app.register(lifecyclePlugin);
  // Before auth and the routes: its request span must open first and its onRoute hook must see every route.
  await app.register(telemetryPlugin);
  // Outside any plugin's timeout: a first embedded start or a database still starting may take longer (storage.ts).
  // Registered at once, so whatever fails later in the build still closes them (onClose).
  await app.register(storagePlugin, { databases: await openStorage(config, app.log) });
  await app.register(cachePlugin, await openCache(config, app.log));
  await app.after();
  const log = app.log as unknown as Logger;
  const services = await createServices(config, {
    dbs: app.dbs,
    kv: app.kv,
    redis: app.redis,
    log,
    server: { inflight: () => app.lifecycle.inflight, draining: () => app.lifecycle.draining, openWebsockets: () => openWebsocketCount(app) },
  }).catch(async (err: unknown) => {
    await app.close().catch(() => undefined);
    throw err;
  });
  await app.register(servicesPlugin, { services });
  // Hooks, in the order they must run: who is calling (auth), then their limits, then per-route metrics.
  await app.register(authPlugin);
  await app.register(limitsPlugin);
  await app.register(monitoringPlugin);
  await app.register(chatPlugin);
  await registerRoutes(app);

  for (const warning of config.warnings) app.log.warn(warning);
  return app;
}
