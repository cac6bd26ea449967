/**
 * What an API key costs instead of a JWT, piece by piece, in this process, with CPU time from `process.cpuUsage()`:
 * - `authenticate()` of the real authenticator with a cached key against a cached JWT. The JWT is verified by the
 *   same @fastify/jwt (fast-jwt, HS256) behind the same verified-token cache as the orchestrator's; the key by the real verifier,
 *   its record already cached (the lookup is a stub, asked once);
 * - `caller()`, what the pipeline holds each request to (model access, budgets);
 * - counting the request's spend in Redis (the real spend store and backend on the bench's Redis): a key's request
 *   adds the key's day and month counters to its user's, four counters in one script instead of two.
 * Everything else on the request path is the same for both credentials (grep `apiKey` in src/: the per-key rpm
 * limiter and the budget read run only for a key that has an rpm or a budget, which the bench key has not).
 */
import jwt from '@fastify/jwt';
import Fastify from 'fastify';
import pino, { type Logger } from 'pino';
import { checksumValid, generateApiKey, hashApiKey } from '../../src/auth/api-keys/key-format.js';
import { createApiKeyVerifier, type KeyRecord } from '../../src/auth/api-keys/key-verifier.js';
import { createAuthenticator } from '../../src/auth/authenticator.js';
import type { Principal } from '../../src/auth/principal.js';
import { createVerifiedTokenCache } from '../../src/auth/verified-tokens.js';
import { createSessionRevocations } from '../../src/auth/session-revocations.js';
import { createUserStatus } from '../../src/auth/user-status.js';
import { createRedisClient, waitForRedis } from '../../src/cache/redis-client.js';
import { loadConfig } from '../../src/config/index.js';
import { createRedisSpendBackend } from '../../src/limits/spend-backend.js';
import { createSpendStore } from '../../src/limits/spend-store.js';
import type { UsersRepo } from '../../src/storage/orchestrator/users-repo.js';
import { deleteRedisPrefix, REDIS_URL, uniqueRedisPrefix } from './infra.js';
import { median } from './stats.js';

/** One step of the request path that differs by credential: CPU ns per call, medians of the blocks. */
export interface MicroStep {
  label: string;
  jwtNs: number;
  keyNs: number;
  /** Median over the blocks of (key − JWT), each block measuring both side by side. */
  diffNs: number;
  iterations: number;
}

export interface MicroResult {
  steps: MicroStep[];
  /** The sum of the steps' differences: what a key costs per request more than a JWT, in isolation. */
  totalDiffNs: number;
  /** What verifying a cached key is made of, ns per call. */
  keyParts: { label: string; ns: number }[];
  /** Where the spend step's difference comes from (not added to the total): its JavaScript side alone. */
  breakdown: MicroStep[];
  blocks: number;
  /** Whether authenticate() answered without a promise, both credentials cached. */
  keySync: boolean;
  jwtSync: boolean;
  /** Why the spend step is missing, if it is (Redis unreachable). */
  spendNote?: string;
}

const cpuNs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};

/** CPU ns per call of `fn` over `n` calls; async when `fn` may return a promise (awaited like the auth hook does). */
async function perCall(n: number, fn: () => unknown): Promise<number> {
  const t0 = cpuNs();
  for (let i = 0; i < n; i++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
  return (cpuNs() - t0) / n;
}

export async function microAuthenticate(opts: { iterations: number; blocks: number }): Promise<MicroResult> {
  const log = pino({ level: 'silent' }) as unknown as Logger;
  const config = loadConfig({
    ENVIRONMENT: 'development',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    OPENAI_API_KEY: 'x',
    ORG_ID: 'org_bench',
  });
  // The orchestrator's own JWT plugin and options (src/plugins/auth.ts), on an app that never listens.
  const app = Fastify({ logger: false });
  await app.register(jwt, { secret: config.auth.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });
  await app.ready();

  const owner = { id: 'user_bench', username: 'bench_dev', fullName: 'Bench Developer', role: 'developer' as const, isActive: true, tokenVersion: 0, budgetUsdDaily: null, budgetUsdMonthly: null };
  const { key, prefix } = generateApiKey();
  const record: KeyRecord = { id: 'key_bench', orgId: config.orgId, userId: owner.id, name: 'bench', prefix, models: null, rpm: null, budgetUsdDaily: null, budgetUsdMonthly: null, expiresAt: null, revokedAt: null, owner };
  let lookups = 0;
  // Trusted for an hour here, so every block finds it cached (in production a busy key is read again every 30 s).
  const apiKeys = createApiKeyVerifier({ lookup: async () => (lookups++, record), channel: 'unused', log, cacheTtlMs: 60 * 60_000, touchLastUsed: async () => undefined, flushIntervalMs: 60_000 });
  const userStatus = createUserStatus({ lookup: async () => ({ status: 'active', tokenVersion: 0, budgetUsdDaily: null, budgetUsdMonthly: null }), ttlMs: 60 * 60_000, log });
  const revocations = createSessionRevocations({ redis: undefined, keyPrefix: 'bench:', orgId: config.orgId, log, onUserChanged: (id) => userStatus.forget(id) });
  const auth = createAuthenticator({
    config,
    verifyJwt: createVerifiedTokenCache({ verify: (token) => app.jwt.verify<{ exp?: unknown }>(token) }),
    signJwt: (claims, expiresInS) => app.jwt.sign(claims, { expiresIn: expiresInS }),
    apiKeys,
    oidc: null,
    users: {} as UsersRepo,
    revocations,
    userStatus,
    log,
  });
  const { token } = auth.issueToken({ userId: owner.id, username: owner.username, role: owner.role, orgId: config.orgId, fullName: owner.fullName }, 0);

  // Fill both caches (key record, user status, fast-jwt's verify cache) and check both credentials work.
  const settle = async (t: string) => {
    const got = auth.authenticate(t);
    return got instanceof Promise ? await got : got;
  };
  const pj: Principal = await settle(token);
  const pk: Principal = await settle(key);
  if (pj.via !== 'token' || pk.via !== 'api-key') throw new Error(`micro-benchmark: unexpected principals ${pj.via} / ${pk.via}`);
  const jwtSync = !(auth.authenticate(token) instanceof Promise);
  const keySync = !(auth.authenticate(key) instanceof Promise);

  const n = opts.iterations;
  const steps: MicroStep[] = [];
  const breakdown: MicroStep[] = [];
  const sideBySide = async (label: string, iterations: number, jwtFn: () => unknown, keyFn: () => unknown, run = perCall, into = steps) => {
    // Warm-up: let V8 optimise both paths before anything is counted.
    for (let w = 0; w < 3; w++) {
      await run(iterations / 4, jwtFn);
      await run(iterations / 4, keyFn);
    }
    const j: number[] = [];
    const k: number[] = [];
    const d: number[] = [];
    for (let b = 0; b < opts.blocks; b++) {
      // Alternate which goes first, so a drift in the machine's speed hits both alike.
      let jn: number;
      let kn: number;
      if (b % 2 === 0) {
        jn = await run(iterations, jwtFn);
        kn = await run(iterations, keyFn);
      } else {
        kn = await run(iterations, keyFn);
        jn = await run(iterations, jwtFn);
      }
      j.push(jn);
      k.push(kn);
      d.push(kn - jn);
    }
    into.push({ label, jwtNs: median(j), keyNs: median(k), diffNs: median(d), iterations });
  };

  await sideBySide('authenticate()', n, () => auth.authenticate(token), () => auth.authenticate(key));
  await sideBySide('caller() (model access, budgets)', n, () => auth.caller(pj), () => auth.caller(pk));

  const keyParts: MicroResult['keyParts'] = [];
  for (const [label, fn] of [
    ['checksumValid (format, CRC32)', () => checksumValid(key)],
    ['hashApiKey (SHA-256)', () => hashApiKey(key)],
    ['apiKeys.verifyCached (SHA-256, LRU get, checks; no checksum)', () => apiKeys.verifyCached(key)],
  ] as const) {
    await perCall(n / 4, fn);
    const samples: number[] = [];
    for (let b = 0; b < opts.blocks; b++) samples.push(await perCall(n, fn));
    keyParts.push({ label, ns: median(samples) });
  }
  await apiKeys.close();
  revocations.close();
  await app.close();
  if (lookups !== 1) throw new Error(`micro-benchmark: the key was looked up ${lookups} times, expected once (not cached?)`);

  // Spend counting, as the recorder's hook does it for every request with a cost (src/services.ts).
  let spendNote: string | undefined;
  const redis = createRedisClient({ url: REDIS_URL, commandTimeoutMs: 2_000, log, connectionName: 'bench-micro' });
  const redisPrefix = uniqueRedisPrefix();
  try {
    if (!(await waitForRedis(redis, 3_000))) spendNote = `Redis at ${REDIS_URL} not reachable: spend counting not measured`;
    else {
      const store = createSpendStore({ backend: createRedisSpendBackend(redis, redisPrefix), orgId: config.orgId, log });
      const at = new Date();
      const spendN = Math.max(64, Math.round(n / 20));
      // 32 in flight at a time, as concurrent requests would have them.
      const inFlight = async (count: number, fn: () => unknown) => {
        const t0 = cpuNs();
        for (let i = 0; i < count; i += 32) await Promise.all(Array.from({ length: Math.min(32, count - i) }, fn));
        return (cpuNs() - t0) / count;
      };
      await sideBySide(
        'spend counting (spendStore.add, Redis)',
        spendN,
        () => store.add({ userId: owner.id, apiKeyId: null, costUsd: 0.000123, at }),
        () => store.add({ userId: owner.id, apiKeyId: record.id, costUsd: 0.000123, at }),
        inFlight,
      );
    }
    // The same store over a Redis client that answers at once: the counters' keys, periods and script arguments.
    const stub = { defineCommand: () => undefined, moolaiSpendAdd: () => Promise.resolve(1) } as unknown as Parameters<typeof createRedisSpendBackend>[0];
    const jsOnly = createSpendStore({ backend: createRedisSpendBackend(stub, redisPrefix), orgId: config.orgId, log });
    const at = new Date();
    await sideBySide(
      '  of which JavaScript (keys, periods, arguments)',
      n,
      () => jsOnly.add({ userId: owner.id, apiKeyId: null, costUsd: 0.000123, at }),
      () => jsOnly.add({ userId: owner.id, apiKeyId: record.id, costUsd: 0.000123, at }),
      perCall,
      breakdown,
    );
  } finally {
    redis.disconnect();
    await deleteRedisPrefix(redisPrefix).catch(() => undefined);
  }

  return {
    steps,
    totalDiffNs: steps.reduce((s, x) => s + x.diffNs, 0),
    keyParts,
    breakdown,
    blocks: opts.blocks,
    keySync,
    jwtSync,
    ...(spendNote ? { spendNote } : {}),
  };
}
