import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { DatabaseStartError } from './storage/migrate.js';

/** Process entry: config → app → listen; signals drain the app and exit. Nothing else lives here. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`moolai-orchestrator: cannot start, ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const app = await buildApp(config).catch((err: unknown) => {
    // An operator's problem (a database down or refusing us), not a defect: one line, no stack.
    if (!(err instanceof DatabaseStartError)) throw err;
    process.stderr.write(`moolai-orchestrator: cannot start, ${err.message}\n`);
    process.exit(1);
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, inflight: app.lifecycle.inflight }, 'shutting down');
    // In-flight requests get SHUTDOWN_TIMEOUT_MS to finish; then the app ends what is left, each stream with its
    // error event (plugins/lifecycle.ts), and close() completes. This timer is only for a close that hangs.
    const hardTimer = setTimeout(() => {
      app.log.error('shutdown hung, exiting');
      process.exit(1);
    }, config.server.shutdownTimeoutMs + 10_000);
    hardTimer.unref();
    try {
      await app.close();
      app.log.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.server.host, port: config.server.port });
  // Process start to serving: what a first `npm start` costs (PGlite creation, migrations, scanner warm-up).
  app.log.info({ startup_ms: Math.round(performance.now()) }, 'started');
}

main().catch((err: unknown) => {
  process.stderr.write(`moolai-orchestrator: fatal start-up error: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
