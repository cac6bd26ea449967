import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('loadConfig', () => {
  it('gives the seed defaults in development with nothing set, and warns about each unsafe default', () => {
    const c = loadConfig({});
    expect(c.environment).toBe('development');
    expect(c.orgId).toBe('org_001');
    expect(c.orchestratorId).toBe('orchestrator_001');
    expect(c.server.port).toBe(8000);
    expect(c.auth.multiUserMode).toBe(true);
    expect(c.firewall).toMatchObject({ enabled: true, blockOnViolation: true, allowlistTopics: [], piiAction: "block" });
    expect(c.phoenix).toEqual({ uiPort: 6006, grpcPort: 4317 });
    expect(c.logLevel).toBe('info');
    expect(c.databases.orchestrator).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(c.redis.url).toBeUndefined();
    expect(c.auth.jwtSecretIsEphemeral).toBe(true);
    expect(c.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.warnings.join('\n')).toMatch(/JWT_SECRET/);
    expect(c.warnings.join('\n')).toMatch(/CONTROLLER_URL/);
  });

  it('in production names every missing variable in one error', () => {
    let err: unknown;
    try {
      loadConfig({ ENVIRONMENT: 'production' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    for (const name of ['CONTROLLER_URL', 'ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'JWT_SECRET', 'OPENAI_API_KEY']) {
      expect(msg).toContain(name);
    }
  });

  it('reports invalid values and missing ones together', () => {
    try {
      loadConfig({ ENVIRONMENT: 'production', ORCHESTRATOR_PORT: 'eighty', CONTROLLER_URL: 'not a url' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/ORCHESTRATOR_PORT/);
      expect(problems).toMatch(/CONTROLLER_URL: must be a URL/);
      expect(problems).toMatch(/JWT_SECRET is required/);
    }
  });

  it('builds database and Redis URLs from the pieces docker-compose passes; a full URL wins', () => {
    const c = loadConfig({
      ORCHESTRATOR_DB_HOST: 'postgres-orchestrator',
      ORCHESTRATOR_DB_PASSWORD: 'p@ss word',
      MONITORING_DATABASE_URL: 'postgres://m:x@db:5432/mon',
      MONITORING_DB_HOST: 'ignored',
      MONITORING_DB_PASSWORD: 'ignored',
      REDIS_HOST: 'redis',
      ORG_ID: 'acme',
    });
    expect(c.databases.orchestrator).toEqual({
      kind: 'postgres',
      url: 'postgres://orchestrator_user:p%40ss%20word@postgres-orchestrator:5432/orchestrator_acme',
    });
    expect(c.databases.monitoring).toEqual({ kind: 'postgres', url: 'postgres://m:x@db:5432/mon' });
    expect(c.redis.url).toBe('redis://redis:6379/0');
  });

  it('accepts the seed’s Python log level names and boolean spellings', () => {
    const c = loadConfig({ LOG_LEVEL: 'WARNING', FIREWALL_ENABLED: 'False', MULTI_USER_MODE: '0', FIREWALL_ALLOWLIST_TOPICS: 'weather, sports,' });
    expect(c.logLevel).toBe('warn');
    expect(c.firewall.enabled).toBe(false);
    expect(c.auth.multiUserMode).toBe(false);
    expect(c.firewall.allowlistTopics).toEqual(['weather', 'sports']);
    expect(() => loadConfig({ FIREWALL_ENABLED: 'maybe' })).toThrow(/FIREWALL_ENABLED: must be true or false/);
  });

  it('a complete production environment loads without warnings', () => {
    const c = loadConfig({
      ENVIRONMENT: 'production',
      CONTROLLER_URL: 'http://controller:9000/',
      ORCHESTRATOR_DB_HOST: 'a',
      ORCHESTRATOR_DB_PASSWORD: 'x',
      MONITORING_DB_HOST: 'b',
      MONITORING_DB_PASSWORD: 'y',
      JWT_SECRET: 'x'.repeat(40),
      OPENAI_API_KEY: 'sk-1',
    });
    expect(c.warnings).toEqual([]);
    expect(c.controller.url).toBe('http://controller:9000');
    expect(c.auth.jwtSecretIsEphemeral).toBe(false);
  });
});
