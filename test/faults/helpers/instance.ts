import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../helpers/redis.js';
import { killGroup, spawnChild, type Child } from './procs.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const JWT_SECRET = 'faults-suite-jwt-secret-0123456789abcdef';
export const ADMIN = { username: 'faults-admin', password: 'faults-admin-password-1' };
export const ORG_ID = 'org_faults';

export interface Instance {
  id: string;
  url: string;
  port: number;
  child: Child;
  /** Seconds from spawn to the first 200 of /health/ready. */
  readySeconds: number;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, nothing flushed. */
  kill9(): Promise<void>;
  output(): string;
}

/** The variables production requires (ENVIRONMENT=production refuses to start without them), for one instance. */
export function productionEnv(opts: {
  orchestratorDb: string;
  monitoringDb: string;
  redisUrl: string;
  openaiBaseUrl: string;
  controllerUrl: string;
}): Record<string, string> {
  return {
    ENVIRONMENT: 'production',
    NODE_ENV: 'production',
    ORG_ID,
    ORCHESTRATOR_DATABASE_URL: opts.orchestratorDb,
    MONITORING_DATABASE_URL: opts.monitoringDb,
    REDIS_URL: opts.redisUrl,
    CONTROLLER_URL: opts.controllerUrl,
    CONTROLLER_RETRY_BASE_MS: '100',
    CONTROLLER_RETRY_MAX_MS: '1000',
    JWT_SECRET,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    OPENAI_API_KEY: 'sk-faults',
    OPENAI_BASE_URL: opts.openaiBaseUrl,
    DEFAULT_MODEL: 'gpt-4o-mini',
    LOG_LEVEL: 'warn',
  };
}

/**
 * Starts the built service as production runs it (`node dist/src/main.js`, the Dockerfile's CMD) with exactly
 * `env` (plus PATH/HOME), in its own process group, and waits until /health/ready answers 200.
 */
export async function startInstance(id: string, env: Record<string, string>, opts: { port?: number; readyTimeoutMs?: number } = {}): Promise<Instance> {
  const port = opts.port ?? (await freePort());
  const started = Date.now();
  const child = spawnChild(`instance ${id}`, process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ORCHESTRATOR_ID: id, ...env, ORCHESTRATOR_HOST: '127.0.0.1', ORCHESTRATOR_PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`instance ${id} exited with ${child.proc.exitCode} before ready:\n${child.output().slice(-4000)}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${id} not ready within ${opts.readyTimeoutMs ?? 90_000} ms:\n${child.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    id,
    url,
    port,
    child,
    readySeconds: (Date.now() - started) / 1000,
    async stop() {
      killGroup(child.proc, 'SIGTERM');
      return child.exited;
    },
    async kill9() {
      killGroup(child.proc, 'SIGKILL');
      await child.exited;
    },
    output: () => child.output(),
  };
}

/**
 * An HS256 token as the Controller (which shares JWT_SECRET) issues them: the suite mints tokens for the users it
 * created instead of logging each in, so it never depends on login throttling.
 */
export function mintToken(user: { user_id: string; username: string; role?: string }, ttlS = 3_600): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ sub: user.user_id, username: user.username, role: user.role ?? 'developer', org_id: ORG_ID, full_name: user.username, iat: now, exp: now + ttlS });
  const sig = createHmac('sha256', JWT_SECRET).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
