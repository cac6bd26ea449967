import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oidcOptions, parseDefaultRole, parseRoleMap, type OidcOptions } from '../auth/oidc/oidc-config.js';
import type { Role } from '../auth/principal.js';
import { parsePolicyEnv, PolicyError, type PolicyOverrides } from '../firewall/policy.js';
import { envSchema, type Env } from './env-schema.js';
import { evaluationConfig, type EvaluationConfig } from './evaluation-env.js';
import { findPlaceholders, placeholderProblem, placeholderWarning } from './placeholders.js';

export { KNOWN_ENV_VARS } from './env-schema.js';

/** Where a database lives: a Postgres server, or the embedded PGlite folder. */
export type DbTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

export interface Config {
  environment: 'development' | 'production';
  orgId: string;
  orchestratorId: string;
  version: string;
  server: { host: string; port: number; publicUrl: string; bodyLimitBytes: number; shutdownTimeoutMs: number; trustProxy: boolean };
  logLevel: string;
  /** connectRetryMs: how long start-up waits, for both databases together, for a server that does not answer yet. */
  databases: { orchestrator: DbTarget; monitoring: DbTarget; poolMax: number; connectRetryMs: number };
  redis: { url: string | undefined; keyPrefix: string; commandTimeoutMs: number };
  controller: { url: string | undefined; heartbeatIntervalMs: number; retryBaseMs: number; retryMaxMs: number };
  auth: {
    jwtSecret: string;
    multiUserMode: boolean;
    tokenTtlS: number;
    bootstrapAdmin: { username: string; password: string } | undefined;
    loginThrottle: { maxPerUser: number; maxPerAddress: number; windowS: number };
  };
  rateLimit: { perMinute: number; concurrentStreams: number; streamLeaseMs: number };
  /** Spend limits in USD (calendar day and month, UTC) for users without their own; undefined = no limit. */
  budgets: { dailyUsd: number | undefined; monthlyUsd: number | undefined; reconcileIntervalMs: number };
  /** Model names or `*` patterns each role may call; null = every model. */
  modelAccess: Record<Role, string[] | null>;
  /** Single sign-on with an OpenID Connect provider; null when OIDC_ISSUER_URL is unset. */
  oidc: OidcOptions | null;
  providers: {
    openai: { apiKey: string | undefined; baseUrl: string | undefined };
    anthropic: { apiKey: string | undefined; baseUrl: string | undefined };
    /** Named OpenAI-compatible servers: model `name/model` routes to `endpoints[name]`. */
    endpoints: Record<string, string>;
  };
  llm: {
    defaultModel: string;
    aliases: Record<string, string>;
    fallbackModels: string[];
    maxRetries: number;
    retryBaseMs: number;
    retryMaxMs: number;
    firstTokenTimeoutMs: number;
    totalTimeoutMs: number;
    pricingFile: string | undefined;
    dropUnsupportedParams: boolean;
    cache: { enabled: boolean; ttlSeconds: number };
    /** The semantic cache (SEMANTIC_CACHE_*); null when SEMANTIC_CACHE_ENABLED is off. */
    semanticCache: SemanticCacheConfig | null;
  };
  recorder: { queueMax: number; batchSize: number; flushIntervalMs: number };
  monitoring: { systemMetricsIntervalMs: number; retentionDays: number };
  /** Stored prompt and answer text (PROMPT_LOGGING*): the starting mode, what may be chosen, who reads, how long it stays. */
  promptLogging: { mode: 'off' | 'masked' | 'full'; fullAllowed: boolean; analystsSeeText: boolean; retentionDays: number };
  firewall: {
    enabled: boolean;
    blockOnViolation: boolean;
    allowlistTopics: string[];
    piiAction: 'block' | 'redact' | 'log';
    refuseImages: boolean;
    scannerBudgetMs: number;
    scannerBudgetMsPerKb: number;
    rulesReloadMs: number;
    /** FIREWALL_POLICY: per-type settings laid over the defaults at start-up. */
    policy: PolicyOverrides;
    publicFigures: 'allow' | 'flag';
    /** The moderation stage (FIREWALL_MODERATION=openai); null when off. */
    moderation: { model: string; baseUrl: string | undefined; apiKey: string | undefined; timeoutMs: number; failClosed: boolean } | null;
  };
  phoenix: { uiPort: number; grpcPort: number };
  /** OpenTelemetry export to Phoenix; off when `endpoint` is undefined. */
  tracing: { endpoint: string | undefined; serviceName: string; hideInputs: boolean; hideOutputs: boolean; sampleRatio: number };
  /** Answer quality: sampling, the judge, its queue and cost cap, Phoenix annotations (EVAL_*, PHOENIX_URL). */
  evaluation: EvaluationConfig;
  /** Defaults taken that would be unsafe in production; logged once at start-up. */
  warnings: string[];
}

export interface SemanticCacheConfig {
  embeddingModel: string;
  threshold: number;
  scope: 'org' | 'user';
  /** Model names or `*` patterns; null = every model. */
  models: string[] | null;
  ttlSeconds: number;
  maxEntries: number;
  maxTurns: number;
  allowSampled: boolean;
  embeddingTimeoutMs: number;
  /** `dimensions` asked of the embedding model; undefined: its own size. */
  embeddingDimensions: number | undefined;
}

/** Thrown when the environment cannot produce a usable Config; `problems` names every variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    // dist/src/config → ../../../package.json when compiled
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
      return pkg.version ?? '0.0.0';
    } catch {
      return '0.0.0';
    }
  }
}

/** A full URL wins; otherwise the pieces docker-compose passes (host + password) build one; otherwise embedded. */
function dbTarget(env: Env, which: 'ORCHESTRATOR' | 'MONITORING', dataDir: string): DbTarget {
  const url = env[`${which}_DATABASE_URL`];
  if (url) return { kind: 'postgres', url };
  const password = env[`${which}_DB_PASSWORD`];
  const host = env[`${which}_DB_HOST`];
  if (!host) return { kind: 'embedded', dataDir };
  const user = encodeURIComponent(env[`${which}_DB_USER`]);
  const auth = password ? `${user}:${encodeURIComponent(password)}` : user;
  const name = env[`${which}_DB_NAME`] ?? `${which.toLowerCase()}_${env.ORG_ID}`;
  return { kind: 'postgres', url: `postgres://${auth}@${host}:${env[`${which}_DB_PORT`]}/${encodeURIComponent(name)}` };
}

function redisUrl(env: Env): string | undefined {
  if (env.REDIS_URL) return env.REDIS_URL;
  if (!env.REDIS_HOST) return undefined;
  const auth = env.REDIS_PASSWORD ? `:${encodeURIComponent(env.REDIS_PASSWORD)}@` : '';
  return `redis://${auth}${env.REDIS_HOST}:${env.REDIS_PORT}/${env.REDIS_DB}`;
}

/** Rules that need more than one variable; in production every unsafe default is an error, not a warning. */
function crossCheck(env: Env): { problems: string[]; warnings: string[] } {
  const prod = env.ENVIRONMENT === 'production';
  const problems: string[] = [];
  const warnings: string[] = [];
  const flag = (prodProblem: string, devWarning: string) => (prod ? problems.push(prodProblem) : warnings.push(devWarning));

  if (!env.CONTROLLER_URL) flag('CONTROLLER_URL is required', 'CONTROLLER_URL not set: Controller registration is skipped');
  for (const which of ['ORCHESTRATOR', 'MONITORING'] as const) {
    const hasUrl = Boolean(env[`${which}_DATABASE_URL`]);
    if (!hasUrl && !env[`${which}_DB_PASSWORD`]) {
      flag(
        `${which}_DB_PASSWORD is required (or ${which}_DATABASE_URL)`,
        `${which}_DATABASE_URL not set: the ${which.toLowerCase()} database runs embedded (PGlite) under DATA_DIR`,
      );
    } else if (!hasUrl && !env[`${which}_DB_HOST`]) {
      // A password without a host is what docker-compose's .env gives outside compose: say so plainly.
      flag(`${which}_DB_HOST is required with ${which}_DB_PASSWORD (or set ${which}_DATABASE_URL)`, `${which}_DB_HOST not set: the ${which.toLowerCase()} database runs embedded`);
    }
  }
  if (!env.JWT_SECRET) {
    flag('JWT_SECRET is required', `JWT_SECRET not set: using a development secret kept in ${join(env.DATA_DIR, DEV_JWT_SECRET_FILE)}`);
  } else if (env.JWT_SECRET.length < 32) {
    flag('JWT_SECRET must be at least 32 characters', 'JWT_SECRET is shorter than 32 characters');
  }
  if (Boolean(env.ADMIN_USERNAME) !== Boolean(env.ADMIN_PASSWORD)) problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  if (env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length < 12) problems.push('ADMIN_PASSWORD must be at least 12 characters');
  // Phoenix's documented PHOENIX_COLLECTOR_ENDPOINT is its HTTP port; our exporter speaks gRPC (4317).
  if (/:6006\/?$/.test(env.PHOENIX_COLLECTOR_ENDPOINT ?? '')) warnings.push('PHOENIX_COLLECTOR_ENDPOINT uses port 6006 (Phoenix UI/HTTP): traces go over gRPC, usually port 4317');
  if (env.FIREWALL_MODERATION === 'openai' && !(env.FIREWALL_MODERATION_API_KEY ?? env.OPENAI_API_KEY) && !(env.FIREWALL_MODERATION_BASE_URL ?? env.OPENAI_BASE_URL)) {
    problems.push('FIREWALL_MODERATION=openai needs FIREWALL_MODERATION_API_KEY (or OPENAI_API_KEY), or FIREWALL_MODERATION_BASE_URL for a compatible server');
  }
  if (env.PROMPT_LOGGING === 'full' && !env.PROMPT_LOGGING_FULL_ALLOWED) {
    problems.push('PROMPT_LOGGING=full needs PROMPT_LOGGING_FULL_ALLOWED=true: raw prompt text is stored only where the deployment allows it');
  }
  if (env.PROMPT_LOG_RETENTION_DAYS !== undefined && env.PROMPT_LOG_RETENTION_DAYS > env.MONITORING_RETENTION_DAYS) {
    problems.push(`PROMPT_LOG_RETENTION_DAYS (${env.PROMPT_LOG_RETENTION_DAYS}) must not exceed MONITORING_RETENTION_DAYS (${env.MONITORING_RETENTION_DAYS}): text would outlive the record it belongs to`);
  }
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    flag('OPENAI_API_KEY is required (or OPENAI_BASE_URL for a self-hosted OpenAI-compatible server)', 'OPENAI_API_KEY not set: OpenAI models answer 503');
  }
  return { problems, warnings };
}

/** Parses and validates the environment once. Throws ConfigError listing every problem at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  const problems: string[] = [];
  // A placeholder is named as one even where it also fails a format check (CONTROLLER_URL=change-me is no URL).
  const placeholders = findPlaceholders(source);
  const placeholderNames = new Set(placeholders.map((p) => p.name));
  const production = String(source.ENVIRONMENT ?? '').trim().toLowerCase() === 'production';
  const aboutPlaceholder = (problem: string) => placeholderNames.has(/^[A-Z0-9_]+/.exec(problem)?.[0] ?? '');
  if (!parsed.success) {
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    for (const issue of parsed.error.issues) if (!placeholderNames.has(String(issue.path[0]))) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    problems.push(...placeholders.filter((p) => production || bad.has(p.name)).map(placeholderProblem));
    // Also report the cross-field problems of the variables that did parse, so one run names everything.
    const rest = Object.fromEntries(Object.entries(source).filter(([k]) => !bad.has(k)));
    const lenient = envSchema.safeParse(rest);
    if (lenient.success) problems.push(...crossCheck(lenient.data).problems.filter((p) => !bad.has(p.split(' ')[0] ?? '') && !aboutPlaceholder(p)));
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const checked = crossCheck(env);
  if (production) {
    checked.problems = [...checked.problems.filter((p) => !aboutPlaceholder(p)), ...placeholders.map(placeholderProblem)];
  } else {
    checked.warnings.push(...placeholders.map(placeholderWarning));
  }
  const oidc = oidcConfig(env, checked.problems);
  let policyOverrides: PolicyOverrides = {};
  try {
    if (env.FIREWALL_POLICY) policyOverrides = parsePolicyEnv(env.FIREWALL_POLICY);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    checked.problems.push(err.message);
  }
  if (checked.problems.length) throw new ConfigError(checked.problems);

  const port = env.ORCHESTRATOR_PORT;
  return {
    environment: env.ENVIRONMENT,
    orgId: env.ORG_ID,
    orchestratorId: env.ORCHESTRATOR_ID,
    version: packageVersion(),
    server: {
      // Development is open (a caller without a token is an admin): only this machine may reach it unless asked.
      host: env.ORCHESTRATOR_HOST ?? (env.ENVIRONMENT === 'production' ? '0.0.0.0' : '127.0.0.1'),
      port,
      publicUrl: (env.ORCHESTRATOR_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      trustProxy: env.TRUST_PROXY,
    },
    logLevel: env.LOG_LEVEL,
    databases: {
      orchestrator: dbTarget(env, 'ORCHESTRATOR', env.DATA_DIR),
      monitoring: dbTarget(env, 'MONITORING', env.DATA_DIR),
      poolMax: env.DB_POOL_MAX,
      connectRetryMs: env.DB_CONNECT_RETRY_S * 1000,
    },
    redis: { url: redisUrl(env), keyPrefix: env.REDIS_KEY_PREFIX, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS },
    controller: { url: env.CONTROLLER_URL?.replace(/\/+$/, ''), heartbeatIntervalMs: env.CONTROLLER_HEARTBEAT_INTERVAL_S * 1000,
      retryBaseMs: env.CONTROLLER_RETRY_BASE_MS,
      retryMaxMs: env.CONTROLLER_RETRY_MAX_MS,
    },
    auth: {
      // Production refused a missing secret above; development keeps one under DATA_DIR, so tokens outlive restarts.
      jwtSecret: env.JWT_SECRET ?? devJwtSecret(env.DATA_DIR),
      multiUserMode: env.MULTI_USER_MODE,
      tokenTtlS: env.JWT_EXPIRES_IN_S,
      bootstrapAdmin: env.ADMIN_USERNAME && env.ADMIN_PASSWORD ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD } : undefined,
      loginThrottle: { maxPerUser: env.LOGIN_MAX_FAILURES_PER_USER, maxPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS, windowS: env.LOGIN_FAILURE_WINDOW_S },
    },
    rateLimit: { perMinute: env.RATE_LIMIT_PER_MINUTE, concurrentStreams: env.RATE_LIMIT_CONCURRENT_STREAMS, streamLeaseMs: env.RATE_LIMIT_STREAM_LEASE_MS },
    budgets: { dailyUsd: env.BUDGET_USD_DAILY_DEFAULT, monthlyUsd: env.BUDGET_USD_MONTHLY_DEFAULT, reconcileIntervalMs: env.SPEND_RECONCILE_INTERVAL_S * 1000 },
    modelAccess: {
      developer: env.MODEL_ACCESS_DEVELOPER.length ? env.MODEL_ACCESS_DEVELOPER : null,
      analyst: env.MODEL_ACCESS_ANALYST.length ? env.MODEL_ACCESS_ANALYST : null,
      admin: env.MODEL_ACCESS_ADMIN.length ? env.MODEL_ACCESS_ADMIN : null,
    },
    oidc,
    providers: {
      openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL },
      anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL },
      endpoints: env.OPENAI_COMPATIBLE_ENDPOINTS,
    },
    llm: {
      defaultModel: env.DEFAULT_MODEL,
      aliases: env.MODEL_ALIASES,
      fallbackModels: env.FALLBACK_MODELS,
      maxRetries: env.LLM_MAX_RETRIES,
      retryBaseMs: env.LLM_RETRY_BASE_MS,
      retryMaxMs: env.LLM_RETRY_MAX_MS,
      firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
      totalTimeoutMs: env.LLM_TIMEOUT_MS,
      pricingFile: env.LLM_PRICING_FILE,
      dropUnsupportedParams: env.LLM_DROP_UNSUPPORTED_PARAMS,
      cache: { enabled: env.LLM_CACHE_ENABLED, ttlSeconds: env.LLM_CACHE_TTL_SECONDS },
      semanticCache: env.SEMANTIC_CACHE_ENABLED
        ? {
            embeddingModel: env.SEMANTIC_CACHE_EMBEDDING_MODEL,
            threshold: env.SEMANTIC_CACHE_THRESHOLD,
            scope: env.SEMANTIC_CACHE_SCOPE,
            models: env.SEMANTIC_CACHE_MODELS.length ? env.SEMANTIC_CACHE_MODELS : null,
            ttlSeconds: env.SEMANTIC_CACHE_TTL_SECONDS ?? env.LLM_CACHE_TTL_SECONDS,
            maxEntries: env.SEMANTIC_CACHE_MAX_ENTRIES,
            maxTurns: env.SEMANTIC_CACHE_MAX_TURNS,
            allowSampled: env.SEMANTIC_CACHE_SAMPLED,
            embeddingTimeoutMs: env.SEMANTIC_CACHE_EMBEDDING_TIMEOUT_MS,
            embeddingDimensions: env.SEMANTIC_CACHE_EMBEDDING_DIMENSIONS,
          }
        : null,
    },
    recorder: { queueMax: env.RECORDER_QUEUE_MAX, batchSize: env.RECORDER_BATCH_SIZE, flushIntervalMs: env.RECORDER_FLUSH_INTERVAL_MS },
    monitoring: { systemMetricsIntervalMs: Math.round(env.SYSTEM_METRICS_INTERVAL_S * 1000), retentionDays: env.MONITORING_RETENTION_DAYS },
    promptLogging: {
      mode: env.PROMPT_LOGGING,
      fullAllowed: env.PROMPT_LOGGING_FULL_ALLOWED,
      analystsSeeText: env.PROMPT_LOGGING_ANALYSTS,
      // Shorter than the records' by default: text is the most sensitive thing the gateway keeps.
      retentionDays: env.PROMPT_LOG_RETENTION_DAYS ?? Math.min(7, env.MONITORING_RETENTION_DAYS),
    },
    firewall: {
      enabled: env.FIREWALL_ENABLED,
      blockOnViolation: env.FIREWALL_BLOCK_ON_VIOLATION,
      allowlistTopics: env.FIREWALL_ALLOWLIST_TOPICS,
      piiAction: env.FIREWALL_PII_ACTION,
      refuseImages: env.FIREWALL_IMAGES === 'block',
      scannerBudgetMs: env.FIREWALL_SCANNER_BUDGET_MS,
      scannerBudgetMsPerKb: env.FIREWALL_SCANNER_BUDGET_MS_PER_KB,
      rulesReloadMs: env.FIREWALL_RULES_RELOAD_S * 1000,
      policy: policyOverrides,
      publicFigures: env.FIREWALL_PUBLIC_FIGURES,
      moderation:
        env.FIREWALL_MODERATION === 'off'
          ? null
          : {
              model: env.FIREWALL_MODERATION_MODEL,
              baseUrl: env.FIREWALL_MODERATION_BASE_URL ?? env.OPENAI_BASE_URL,
              apiKey: env.FIREWALL_MODERATION_API_KEY ?? env.OPENAI_API_KEY,
              timeoutMs: env.FIREWALL_MODERATION_TIMEOUT_MS,
              failClosed: env.FIREWALL_MODERATION_FAIL === 'closed',
            },
    },
    phoenix: { uiPort: env.PHOENIX_UI_PORT, grpcPort: env.PHOENIX_GRPC_PORT },
    tracing: {
      endpoint: env.PHOENIX_COLLECTOR_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME,
      hideInputs: env.OPENINFERENCE_HIDE_INPUTS,
      hideOutputs: env.OPENINFERENCE_HIDE_OUTPUTS,
      sampleRatio: env.TRACING_SAMPLE_RATIO,
    },
    evaluation: evaluationConfig(env),
    warnings: checked.warnings,
  };
}

const DEV_JWT_SECRET_FILE = 'jwt-secret';

/**
 * Development without JWT_SECRET: a random secret created once under DATA_DIR (mode 0600) and read on every later
 * start, so a developer's token (and the dashboard session) survives a restart. Production requires JWT_SECRET.
 */
function devJwtSecret(dataDir: string): string {
  const file = join(dataDir, DEV_JWT_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet: created below
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch {
    // A read-only folder: the secret lives as long as the process, as before.
  }
  return secret;
}

/** OIDC_* into the verifier's options; a bad role map or default role is a configuration problem named here. */
function oidcConfig(env: Env, problems: string[]): OidcOptions | null {
  if (!env.OIDC_ISSUER_URL) return null;
  if (!env.OIDC_CLIENT_ID) {
    problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER_URL');
    return null;
  }
  if (env.ENVIRONMENT === 'production' && !env.OIDC_ISSUER_URL.startsWith('https://')) problems.push('OIDC_ISSUER_URL must be https:// in production');
  try {
    return oidcOptions({
      issuerUrl: env.OIDC_ISSUER_URL,
      clientId: env.OIDC_CLIENT_ID,
      ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
      ...(env.OIDC_REDIRECT_URI ? { redirectUri: env.OIDC_REDIRECT_URI } : {}),
      ...(env.OIDC_AUDIENCE.length ? { audience: env.OIDC_AUDIENCE } : {}),
      roleClaim: env.OIDC_ROLE_CLAIM,
      roleMap: parseRoleMap(env.OIDC_ROLE_MAP ?? ''),
      defaultRole: parseDefaultRole(env.OIDC_DEFAULT_ROLE),
      usernameClaim: env.OIDC_USERNAME_CLAIM,
    });
  } catch (err) {
    problems.push(`OIDC: ${(err as Error).message}`);
    return null;
  }
}
