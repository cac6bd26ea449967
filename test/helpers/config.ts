import { type Config, loadConfig } from '../../src/config/index.js';

/**
 * A development config for tests: quiet, no Controller, fast retries. Pass env variables to change it, exactly as
 * an operator would.
 */
export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    ENVIRONMENT: 'development',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    OPENAI_API_KEY: 'sk-test',
    CONTROLLER_RETRY_BASE_MS: '50',
    CONTROLLER_RETRY_MAX_MS: '200',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
}
