import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
      JWT_SECRET: 'Zk0H2c1qv9R5yQW7nE3tLm8pX4bJ6dAfGs-_uYiO',
      OPENAI_API_KEY: 'sk-1',
    });
    expect(c.warnings).toEqual([]);
    expect(c.controller.url).toBe('http://controller:9000');
  });
});

/** The values `cp .env.example .env` gives, as compose reads them (`NAME=value` lines). */
function envExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

/** What production needs, filled with values that look real. */
const REAL = {
  ENVIRONMENT: 'production',
  CONTROLLER_URL: 'http://10.0.0.5:9000',
  ORCHESTRATOR_DB_HOST: 'postgres-orchestrator',
  ORCHESTRATOR_DB_PASSWORD: 'q8Vt2nLx0pRz',
  MONITORING_DB_HOST: 'postgres-monitoring',
  MONITORING_DB_PASSWORD: 'Wm3kP9sXc7Ue',
  JWT_SECRET: 'Zk0H2c1qv9R5yQW7nE3tLm8pX4bJ6dAfGs-_uYiO',
  OPENAI_API_KEY: 'sk-proj-4fT9qLm2Zr8xVn1KcB7wHe3J',
};

describe('placeholders from .env.example', () => {
  it('production refuses every placeholder .env.example ships, naming each variable', () => {
    const problems = problemsOf({ ...envExample(), ORCHESTRATOR_DB_HOST: 'a', MONITORING_DB_HOST: 'b' });
    for (const name of ['ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'JWT_SECRET', 'OPENAI_API_KEY', 'CONTROLLER_URL']) {
      expect(problems.filter((p) => p.startsWith(`${name} `) || p.startsWith(`${name}:`)), name).toEqual([`${name} is still a placeholder (change-me): set the real value`]);
    }
  });

  it('a filled-in production environment loads', () => {
    expect(problemsOf(REAL)).toEqual([]);
  });

  it.each([
    ['OPENAI_API_KEY', 'changeme', 'change-me'],
    ['OPENAI_API_KEY', 'CHANGE_ME', 'change-me'],
    ['ORCHESTRATOR_DB_PASSWORD', 'your-password', 'your-…'],
    ['OPENAI_API_KEY', 'sk-your-key-here', 'your-…'],
    ['OPENAI_API_KEY', 'YOUR_OPENAI_API_KEY', 'your-…'],
    ['JWT_SECRET', '<a 32+ character secret from openssl rand>', '<…>'],
    ['OPENAI_API_KEY', 'sk-xxxxxxxxxxxxxxxxxxxxxxxx', 'xxx…'],
    ['MONITORING_DB_PASSWORD', 'XXXXXXXX', 'xxx…'],
    ['ANTHROPIC_API_KEY', 'sk-ant-example-key', 'an example value'],
    ['OPENAI_API_KEY', 'AKIAIOSFODNN7EXAMPLE', 'an example value'],
    ['ORCHESTRATOR_DB_PASSWORD', 'password', 'a placeholder word'],
    ['JWT_SECRET', 'change-me-change-me-change-me-change-me', 'change-me'],
    ['CONTROLLER_URL', 'http://your-controller:9000', 'your-…'],
    ['CONTROLLER_URL', 'https://controller.example.com', 'an example host'],
    ['CONTROLLER_URL', 'http://<controller-ip>:9000', '<…>'],
  ])('production refuses %s=%s', (name, value, label) => {
    expect(problemsOf({ ...REAL, [name]: value })).toEqual([`${name} is still a placeholder (${label}): set the real value`]);
  });

  it('a placeholder password inside a database URL is refused too, without echoing the value', () => {
    const problems = problemsOf({ ...REAL, ORCHESTRATOR_DATABASE_URL: 'postgres://orchestrator_user:change-me@db:5432/orch' });
    expect(problems).toEqual(['ORCHESTRATOR_DATABASE_URL is still a placeholder (change-me as the password): set the real value']);
  });

  it('real-looking values pass: keys, passwords and hosts that merely contain x, your or example-like words', () => {
    expect(
      problemsOf({
        ...REAL,
        OPENAI_API_KEY: 'sk-proj-xA9fyourkQ2e',
        ANTHROPIC_API_KEY: 'sk-ant-api03-Lx7wq',
        ORCHESTRATOR_DB_PASSWORD: 'correct horse battery staple',
        CONTROLLER_URL: 'https://controller.examples-inc.io',
        OPENAI_BASE_URL: 'http://vllm.internal:8000/v1',
      }),
    ).toEqual([]);
  });

  it('development warns about each placeholder and starts', () => {
    const c = loadConfig({ ...envExample(), ENVIRONMENT: 'development', CONTROLLER_URL: '' });
    const warned = c.warnings.filter((w) => /placeholder/.test(w));
    expect(warned.map((w) => w.split(' ')[0]).sort()).toEqual(['JWT_SECRET', 'MONITORING_DB_PASSWORD', 'OPENAI_API_KEY', 'ORCHESTRATOR_DB_PASSWORD']);
    expect(warned[0]).toMatch(/production refuses to start with it/);
  });
});

describe('bind address', () => {
  it('development binds 127.0.0.1 by default (a caller without a token is an admin there); production 0.0.0.0', () => {
    expect(loadConfig({}).server.host).toBe('127.0.0.1');
    expect(loadConfig(REAL).server.host).toBe('0.0.0.0');
    expect(loadConfig({ ORCHESTRATOR_HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
    expect(loadConfig({ ...REAL, ORCHESTRATOR_HOST: '10.0.0.7' }).server.host).toBe('10.0.0.7');
  });
});

describe('database start-up window', () => {
  it('waits 60 s for an unreachable database by default (DB_CONNECT_RETRY_S)', () => {
    expect(loadConfig({}).databases.connectRetryMs).toBe(60_000);
    expect(loadConfig({ DB_CONNECT_RETRY_S: '5' }).databases.connectRetryMs).toBe(5_000);
  });
});

describe('credentials configuration (#14)', () => {
  it('development without JWT_SECRET keeps one secret under DATA_DIR, so tokens survive a restart', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/moolai-cfg-`);
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(statSync(`${dir}/jwt-secret`).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: mkdtempSync(`${tmpdir()}/moolai-cfg-`) }).auth.jwtSecret).not.toBe(first.auth.jwtSecret);
  });

  it('reads default budgets, per-role model access and OIDC, and names a bad role map', () => {
    const c = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      BUDGET_USD_DAILY_DEFAULT: '2.5',
      MODEL_ACCESS_DEVELOPER: 'gpt-4o-mini, claude-*',
      OIDC_ISSUER_URL: 'https://login.example.com/tenant/v2.0',
      OIDC_CLIENT_ID: 'gateway',
      OIDC_ROLE_MAP: 'Gateway.Admins=admin,*=developer',
    });
    expect(c.budgets).toMatchObject({ dailyUsd: 2.5, monthlyUsd: undefined });
    expect(c.modelAccess).toEqual({ developer: ['gpt-4o-mini', 'claude-*'], analyst: null, admin: null });
    expect(c.oidc).toMatchObject({ issuerUrl: 'https://login.example.com/tenant/v2.0', clientId: 'gateway', roleMap: { 'Gateway.Admins': 'admin', '*': 'developer' } });
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), BUDGET_USD_DAILY_DEFAULT: 'lots' })).toThrow(/BUDGET_USD_DAILY_DEFAULT/);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), OIDC_ISSUER_URL: 'https://idp.example.com', OIDC_CLIENT_ID: 'g', OIDC_ROLE_MAP: 'Admins=boss' })).toThrow(/OIDC: .*role must be one of/);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), OIDC_ISSUER_URL: 'https://idp.example.com' })).toThrow(/OIDC_CLIENT_ID is required/);
  });
});
