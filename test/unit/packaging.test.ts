import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, KNOWN_ENV_VARS, loadConfig } from '../../src/config/index.js';

/**
 * The deployment files must agree with the env schema: a variable compose passes or .env.example lists that the
 * schema does not know is silently ignored, and a schema variable missing from .env.example is undocumented.
 * KNOWN_ENV_VARS is read at run time, so adding a variable to the schema makes this test ask for it here.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(root + file, 'utf8');
const known = new Set(KNOWN_ENV_VARS);

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, unknown> | string[];
  env_file?: Array<string | { path: string }> | string;
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  profiles?: string[];
  restart?: string;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};

function envKeys(s: Service): string[] {
  const env = s.environment ?? {};
  return Array.isArray(env) ? env.map((e) => e.split('=')[0] ?? e) : Object.keys(env);
}

/** `${VAR:-default}` → default, `${VAR:?message}` / `${VAR}` → <VAR>: what compose makes of a value with nothing set. */
const withDefaults = (s: string) =>
  s.replace(/\$\{(\w+)(?::?-([^}]*)|:?\?[^}]*)?\}/g, (_m, name: string, def: string | undefined) => def ?? `<${name}>`);

/** "127.0.0.1:5434:5432", "${PORT:-8000}:8000" → { host: 5434, container: 5432 } */
function ports(s: Service): Array<{ host: number; container: number }> {
  return (s.ports ?? []).map((p) => {
    const parts = withDefaults(String(p)).split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

/** Names defined in .env.example, set (`NAME=`) or shown commented (`# NAME=`). */
const envExampleNames = read('.env.example')
  .split('\n')
  .map((line) => /^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
  .filter((n): n is string => n !== undefined);

describe('docker-compose.yml and the env schema', () => {
  it('passes only variables the schema knows to the orchestrator', () => {
    const keys = envKeys(service('moolai-orchestrator'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
  });

  it('interpolates only variables the schema knows (they come from the same .env)', () => {
    const used = [...read('docker-compose.yml').matchAll(/\$\{(\w+)/g)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((k) => !known.has(k))).toEqual([]);
  });

  it('gives the orchestrator the .env file and the database and Redis containers by name', () => {
    const s = service('moolai-orchestrator');
    const files = [s.env_file ?? []].flat().map((f) => (typeof f === 'string' ? f : f.path));
    expect(files).toContain('.env');
    const env = s.environment as Record<string, unknown>;
    expect(env.ORCHESTRATOR_DB_HOST).toBe('postgres-orchestrator');
    expect(env.MONITORING_DB_HOST).toBe('postgres-monitoring');
    expect(env.REDIS_HOST).toBe('redis');
    expect(String(env.ORCHESTRATOR_DB_PASSWORD)).toMatch(/^\$\{ORCHESTRATOR_DB_PASSWORD:\?/);
    expect(String(env.MONITORING_DB_PASSWORD)).toMatch(/^\$\{MONITORING_DB_PASSWORD:\?/);
  });
});

describe('.env.example and the env schema', () => {
  it('lists only variables the schema knows', () => {
    expect(envExampleNames.filter((n) => !known.has(n))).toEqual([]);
  });

  it('lists every variable the schema knows (add new ones to .env.example with a comment)', () => {
    const listed = new Set(envExampleNames);
    expect(KNOWN_ENV_VARS.filter((n) => !listed.has(n))).toEqual([]);
  });

  it('lists each variable once', () => {
    expect(envExampleNames.filter((n, i) => envExampleNames.indexOf(n) !== i)).toEqual([]);
  });

  it('is a production template with a placeholder for each required secret', () => {
    const text = read('.env.example');
    expect(text).toMatch(/^ENVIRONMENT=production$/m);
    for (const name of ['CONTROLLER_URL', 'ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'JWT_SECRET', 'OPENAI_API_KEY']) {
      expect(text).toMatch(new RegExp(`^${name}=change-me$`, 'm'));
    }
  });
});

describe('what the container gets: .env.example plus the compose environment', () => {
  /** The .env values as compose reads them (`NAME=value` lines), then the orchestrator's `environment:` on top. */
  function containerEnv(overrides: Record<string, string>): Record<string, string> {
    const dotenv: Record<string, string> = {};
    for (const line of read('.env.example').split('\n')) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (m?.[1]) dotenv[m[1]] = m[2] ?? '';
    }
    Object.assign(dotenv, overrides);
    const env = service('moolai-orchestrator').environment as Record<string, unknown>;
    const interpolate = (v: string) =>
      v.replace(/\$\{(\w+)(?::?-([^}]*)|:?\?[^}]*)?\}/g, (_m, name: string, def: string | undefined) => dotenv[name] || def || '');
    return { ...dotenv, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v))])) };
  }

  it('loads in production once the placeholders are filled in, with the compose databases and Redis', () => {
    const config = loadConfig(
      containerEnv({
        CONTROLLER_URL: 'http://controller:9000',
        JWT_SECRET: 'Zk0H2c1qv9R5yQW7nE3tLm8pX4bJ6dAfGs-_uYiO',
        ORCHESTRATOR_DB_PASSWORD: 'p@ss',
        MONITORING_DB_PASSWORD: 'm',
        OPENAI_API_KEY: 'sk-proj-4fT9qLm2Zr8xVn1KcB7wHe3J',
      }),
    );
    expect(config.environment).toBe('production');
    expect(config.server.port).toBe(8000);
    expect(config.databases.orchestrator).toEqual({ kind: 'postgres', url: 'postgres://orchestrator_user:p%40ss@postgres-orchestrator:5432/orchestrator_org_001' });
    expect(config.databases.monitoring).toEqual({ kind: 'postgres', url: 'postgres://monitoring_user:m@postgres-monitoring:5432/monitoring_org_001' });
    expect(config.redis.url).toBe('redis://redis:6379/0');
  });

  it('refuses to start in production with the placeholders left in', () => {
    expect(() => loadConfig(containerEnv({}))).toThrow(ConfigError);
    try {
      loadConfig(containerEnv({}));
    } catch (e) {
      // Each placeholder by name: a change-me database password or API key would otherwise start production.
      for (const name of ['CONTROLLER_URL', 'JWT_SECRET', 'ORCHESTRATOR_DB_PASSWORD', 'MONITORING_DB_PASSWORD', 'OPENAI_API_KEY']) {
        expect((e as ConfigError).message).toContain(`${name} is still a placeholder (change-me)`);
      }
    }
  });
});

describe('docker-compose.yml services', () => {
  it('has the five services of the seed', () => {
    expect(Object.keys(services).sort()).toEqual(['moolai-orchestrator', 'phoenix', 'postgres-monitoring', 'postgres-orchestrator', 'redis']);
  });

  it('publishes the seed ports', () => {
    expect(ports(service('moolai-orchestrator'))).toEqual([{ host: 8000, container: 8000 }]);
    expect(ports(service('postgres-orchestrator'))).toEqual([{ host: 5434, container: 5432 }]);
    expect(ports(service('postgres-monitoring'))).toEqual([{ host: 5432, container: 5432 }]);
    expect(ports(service('redis'))).toEqual([{ host: 6379, container: 6379 }]);
    expect(ports(service('phoenix'))).toEqual([
      { host: 6006, container: 6006 },
      { host: 4317, container: 4317 },
    ]);
  });

  it('builds and runs the orchestrator image', () => {
    const s = service('moolai-orchestrator');
    expect(s.image).toBe('moolai/orchestrator:latest');
    expect(s.build).toBeDefined();
  });

  it('runs Phoenix only under the with-phoenix profile', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name === 'phoenix') expect(s.profiles).toEqual(['with-phoenix']);
      else expect(s.profiles).toBeUndefined();
    }
  });

  it('health-checks Postgres and Redis, and starts the orchestrator only once they are healthy', () => {
    for (const name of ['postgres-orchestrator', 'postgres-monitoring']) {
      expect([service(name).healthcheck?.test].flat().join(' ')).toContain('pg_isready');
    }
    expect([service('redis').healthcheck?.test].flat().join(' ')).toMatch(/redis-cli.*ping/);
    const deps = service('moolai-orchestrator').depends_on as Record<string, { condition: string }>;
    for (const name of ['postgres-orchestrator', 'postgres-monitoring', 'redis']) {
      expect(deps[name]?.condition).toBe('service_healthy');
    }
    expect(deps.phoenix).toBeUndefined();
  });

  it('keeps all data in named volumes and restarts services', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const mounts: Record<string, string> = {
      'postgres-orchestrator': '/var/lib/postgresql/data',
      'postgres-monitoring': '/var/lib/postgresql/data',
      redis: '/data',
    };
    for (const [name, target] of Object.entries(mounts)) {
      const mount = (service(name).volumes ?? []).find((v) => v.endsWith(`:${target}`));
      expect(mount, `${name} mounts ${target}`).toBeDefined();
      expect(declared).toContain(mount?.split(':')[0]);
    }
    for (const s of Object.values(services)) expect(s.restart).toBe('unless-stopped');
  });
});

describe('Dockerfile and build.sh', () => {
  const dockerfile = read('Dockerfile');
  const instructions = (name: string) => dockerfile.match(new RegExp(`^${name}\\s.*$`, 'gm')) ?? [];

  it('runs as a non-root user', () => {
    const users = instructions('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
  });

  it('health-checks /health', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*?\/health['"]/m);
  });

  it('installs production dependencies only in the runtime stage and runs the compiled entry point', () => {
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(instructions('CMD').at(-1)).toContain('dist/src/main.js');
    expect(instructions('EXPOSE')).toContain('EXPOSE 8000');
  });

  it('listens on every interface in the container, whatever ENVIRONMENT says (development defaults to 127.0.0.1)', () => {
    expect(dockerfile).toMatch(/^\s*ORCHESTRATOR_HOST=0\.0\.0\.0\b/m);
    expect((service('moolai-orchestrator').environment as Record<string, unknown>).ORCHESTRATOR_HOST).toBe('0.0.0.0');
  });

  it('build.sh is executable and tags moolai/orchestrator:latest', () => {
    expect(statSync(root + 'build.sh').mode & 0o111).not.toBe(0);
    const script = read('build.sh');
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('moolai/orchestrator');
    expect(script).toContain(':latest');
  });
});

describe('README', () => {
  it('starts with the two newcomer commands and documents every variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm install && npm start');
    expect(firstBlock).toContain('npm test');
    const missing = KNOWN_ENV_VARS.filter((v) => !readme.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
