import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config/index.js';
import { registerErrorHandling } from './errors/error-handler.js';
import { registerRoutes } from './http/routes.js';
import { lazyChildLogger, loggerOptions } from './logger.js';
import authPlugin from './plugins/auth.js';
import cachePlugin from './plugins/cache.js';
import configPlugin from './plugins/config.js';
import controllerPlugin from './plugins/controller.js';
import firewallPlugin from './plugins/firewall.js';
import healthPlugin from './plugins/health.js';
import lifecyclePlugin from './plugins/lifecycle.js';
import limitsPlugin from './plugins/limits.js';
import llmPlugin, { type LlmPluginOptions } from './plugins/llm.js';
import monitoringPlugin from './plugins/monitoring.js';
import storagePlugin, { openStorage } from './plugins/storage.js';
import telemetryPlugin from './plugins/telemetry.js';
import chatPlugin from './ws/chat-plugin.js';
import type { Databases } from './storage/database.js';

export interface AppOverrides {
  /** pino options or false; tests silence logs. */
  logger?: FastifyServerOptions['logger'];
  /** Already-open databases (tests share one migrated pair); the app will not close them. */
  databases?: Databases;
  llm?: LlmPluginOptions;
}

/** The one composition root: main.ts and every test build the app through here. */
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
  const databases = overrides.databases ?? (await openStorage(config, app.log));
  await app.register(storagePlugin, { databases, owned: !overrides.databases });
  await app.register(cachePlugin);
  await app.register(authPlugin);
  await app.register(limitsPlugin);
  await app.register(controllerPlugin);
  await app.register(firewallPlugin);
  await app.register(llmPlugin, overrides.llm ?? {});
  await app.register(monitoringPlugin);
  await app.register(healthPlugin);
  await app.register(chatPlugin);
  await registerRoutes(app);

  for (const warning of config.warnings) app.log.warn(warning);
  return app;
}
