import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDatabase, deleteRedisPrefix, REDIS_URL, uniqueRedisPrefix, type BenchDatabase } from './infra.js';
import { freePort, runCommand, startNode, stopAll, waitReady, type Child } from './procs.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Runner = 'dist' | 'tsx';

/**
 * The node flags a build is deployed with: those of its `npm run start:prod` (the Dockerfile's CMD carries the same),
 * so the bench measures the process as it runs in production, and a --baseline build as it ran then.
 */
export function deployedNodeFlags(root: string): string[] {
  try {
    const script = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts?: Record<string, string> }).scripts?.['start:prod'] ?? '';
    const words = script.split(/\s+/);
    const at = words.indexOf('node');
    if (at < 0) return [];
    const flags: string[] = [];
    for (const w of words.slice(at + 1)) {
      if (!w.startsWith('--')) break;
      flags.push(w);
    }
    return flags;
  } catch {
    return [];
  }
}

export interface Stack {
  runner: Runner;
  mock: Child;
  passthrough: Child;
  orchestrator: Child;
  /** An earlier build of the orchestrator (--baseline), run beside the current one for before/after figures. */
  baseline?: Child;
  url: { mock: string; passthrough: string; orchestrator: string; baseline?: string };
  db: BenchDatabase;
  /** The --baseline build's own database: its Postgres backends are this bench's infrastructure too, not outside load. */
  baselineDbName?: string;
  redisPrefix: string;
  /** A development user's bearer token, so JWT verification is on the measured path like in production. */
  auth: { headers: Record<string, string>; note: string };
  baselineAuth?: { headers: Record<string, string>; note: string };
  /** An API key of the same user (created through POST /api/v1/keys after login), for the credential comparison. */
  keyAuth?: { headers: Record<string, string>; note: string; prefix: string };
}

/** `auto`: build and run what production runs (node dist/src/main.js); fall back to tsx if the build fails. */
export async function prepareRunner(choice: string, skipBuild: boolean): Promise<{ runner: Runner; note: string }> {
  if (choice === 'tsx') return { runner: 'tsx', note: 'node --import tsx src/main.ts (asked for)' };
  if (skipBuild) {
    if (existsSync(`${ROOT}/dist/src/main.js`)) return { runner: 'dist', note: 'node dist/src/main.js (existing build, --skip-build)' };
    if (choice === 'dist') throw new Error('--skip-build with --runner dist, but dist/src/main.js does not exist');
    return { runner: 'tsx', note: 'node --import tsx src/main.ts (no build found, --skip-build)' };
  }
  const started = performance.now();
  const buildStarted = Date.now() - 1000;
  const build = await runCommand('npm', ['run', '--silent', 'build'], ROOT);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (build.code === 0 && existsSync(`${ROOT}/dist/src/main.js`)) return { runner: 'dist', note: `node dist/src/main.js (npm run build ok in ${secs} s)` };
  const why = build.output.split('\n').filter(Boolean).slice(0, 3).join(' | ');
  // tsc still emits on type errors (other people's work in progress): that JS is what tsx would run too.
  const emitted = existsSync(`${ROOT}/dist/src/main.js`) && statSync(`${ROOT}/dist/src/main.js`).mtimeMs >= buildStarted;
  if (emitted) return { runner: 'dist', note: `node dist/src/main.js (npm run build emitted JS but reported type errors: ${why})` };
  if (choice === 'dist') throw new Error(`npm run build failed: ${why}`);
  return { runner: 'tsx', note: `node --import tsx src/main.ts (npm run build failed: ${why})` };
}

let db: BenchDatabase | undefined;
let redisPrefix: string | undefined;
let baselineDb: BenchDatabase | undefined;
let baselinePrefix: string | undefined;

/** Mock upstream, bare passthrough and orchestrator, each its own process on a free loopback port. */
export async function startStack(runner: Runner, nodeArgs: string[] = [], extraEnv: Record<string, string> = {}, baselineRoot?: string): Promise<Stack> {
  const [mockPort, passPort, orchPort] = [await freePort(), await freePort(), await freePort()];
  db = await createDatabase();
  redisPrefix = uniqueRedisPrefix();
  const url: Stack['url'] = { mock: `http://127.0.0.1:${mockPort}`, passthrough: `http://127.0.0.1:${passPort}`, orchestrator: `http://127.0.0.1:${orchPort}` };

  const mock = startNode('mock-llm', ['--import', 'tsx', 'test/helpers/mock-llm-cli.ts', '--port', String(mockPort)], { cwd: ROOT });
  const passthrough = startNode('passthrough', ['--import', 'tsx', 'bench/passthrough.ts', '--port', String(passPort), '--upstream', url.mock], { cwd: ROOT });
  const entry = runner === 'dist' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const env = (port: number, dbUrl: string, prefix: string) => ({
    ORCHESTRATOR_PORT: String(port),
    ORCHESTRATOR_HOST: '127.0.0.1',
    OPENAI_BASE_URL: `${url.mock}/v1`,
    OPENAI_API_KEY: 'x',
    DEFAULT_MODEL: 'gpt-4o-mini',
    LOG_LEVEL: 'warn',
    ORCHESTRATOR_DATABASE_URL: dbUrl,
    MONITORING_DATABASE_URL: dbUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    FIREWALL_ENABLED: 'true',
    // The per-user limiter stays on (its Redis INCR is part of the request path) but never trips.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_CONCURRENT_STREAMS: '100000',
    ...extraEnv,
  });
  const orchestrator = startNode('orchestrator', [...deployedNodeFlags(ROOT), ...nodeArgs, ...entry], { cwd: ROOT, env: env(orchPort, db.url, redisPrefix) });
  let baseline: Child | undefined;
  if (baselineRoot) {
    // Its own database and key prefix: the two builds may differ in schema and cache layout.
    const port = await freePort();
    baselineDb = await createDatabase();
    baselinePrefix = uniqueRedisPrefix();
    url.baseline = `http://127.0.0.1:${port}`;
    baseline = startNode('baseline', [...deployedNodeFlags(baselineRoot), ...nodeArgs, 'dist/src/main.js'], { cwd: baselineRoot, env: env(port, baselineDb.url, baselinePrefix) });
  }
  await Promise.all([
    waitReady(mock, `${url.mock}/v1/models`),
    waitReady(passthrough, `${url.passthrough}/health`),
    waitReady(orchestrator, `${url.orchestrator}/health/ready`, 60_000),
    ...(baseline ? [waitReady(baseline, `${url.baseline}/health/ready`, 60_000)] : []),
  ]);
  return {
    runner, mock, passthrough, orchestrator, baseline, url, db, redisPrefix,
    ...(baselineDb ? { baselineDbName: baselineDb.name } : {}),
    auth: await login(url.orchestrator),
    ...(url.baseline ? { baselineAuth: await login(url.baseline) } : {}),
  };
}

/** Logs in as a password-free development user; without a token the app treats callers as its dev default user. */
async function login(origin: string): Promise<Stack['auth']> {
  const username = 'dinakar_developer';
  try {
    const res = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as { token?: string };
    if (res.ok && body.token) return { headers: { authorization: `Bearer ${body.token}` }, note: `bearer token of ${username}` };
    return { headers: {}, note: `no token (login answered HTTP ${res.status}); requests run as the dev default user` };
  } catch (err) {
    return { headers: {}, note: `no token (login failed: ${(err as Error).message})` };
  }
}

/** Idempotent; safe from error and signal paths. */
let cleaning: Promise<string[]> | undefined;
export function cleanup(): Promise<string[]> {
  cleaning ??= (async () => {
    const notes: string[] = [];
    await stopAll().catch((err: unknown) => notes.push(`stopping children: ${(err as Error).message}`));
    if (db) await db.drop().then(() => notes.push(`dropped database ${db!.name}`), (err: unknown) => notes.push(`could not drop ${db!.name}: ${(err as Error).message}`));
    if (baselineDb) await baselineDb.drop().catch((err: unknown) => notes.push(`could not drop ${baselineDb!.name}: ${(err as Error).message}`));
    if (baselinePrefix) await deleteRedisPrefix(baselinePrefix).catch(() => undefined);
    if (redisPrefix) {
      await deleteRedisPrefix(redisPrefix).then(
        (n) => notes.push(`deleted ${n} Redis keys under ${redisPrefix}`),
        (err: unknown) => notes.push(`could not clean Redis prefix ${redisPrefix}: ${(err as Error).message}`),
      );
    }
    return notes;
  })();
  return cleaning;
}
