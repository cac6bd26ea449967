import { z } from 'zod';
import { evaluationEnv } from './evaluation-env.js';

/**
 * Every environment variable the orchestrator reads, with its default and why it exists. This is the only place
 * that knows variable names; `loadConfig` turns the parsed result into the typed `Config` the app receives.
 * Values arrive as strings (or undefined); empty strings count as unset so that `FOO=` in a .env file means default.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const str = () => z.preprocess(emptyToUndefined, z.string().trim().optional());
const url = () => z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional());
const bool = (def: boolean) =>
  z.preprocess(
    (v) => emptyToUndefined(typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? def : ['true', '1', 'yes', 'on'].includes(v))),
  );
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const port = (def: number) => int(def, 1, 65535);
/** An amount in US dollars, unset when empty. */
const usd = () => z.preprocess(emptyToUndefined, z.coerce.number({ message: 'must be a number of US dollars' }).min(0).optional());
/** gRPC collectors are host:port; the scheme says plaintext (http) or TLS (https), so it is required. */
const grpcEndpoint = () =>
  z.preprocess(emptyToUndefined, z.string().trim().regex(/^https?:\/\/[^\s/]+\/?$/, 'must be http(s)://host:port').optional());
const list = () =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  );

/** Python-style names from the seed (INFO, WARNING) and pino's own names both work. */
const logLevel = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'info'),
  z
    .enum(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'critical', 'fatal', 'silent'])
    .transform((v) => (v === 'warning' ? 'warn' : v === 'critical' ? 'fatal' : v)),
);

export const envSchema = z.object({
  // --- identity -------------------------------------------------------------------------------------------------
  /** Organization this worker serves; scopes cache keys, rules and Controller registration. */
  ORG_ID: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -').default('org_001')),
  /** Unique id of this instance at the Controller. */
  ORCHESTRATOR_ID: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('orchestrator_001')),
  /** development: embedded defaults and password-free dev users; production: every secret must be set. */
  ENVIRONMENT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'development'),
    z.enum(['development', 'production']),
  ),

  // --- HTTP server ----------------------------------------------------------------------------------------------
  /** Port the service listens on. */
  ORCHESTRATOR_PORT: port(8000),
  /**
   * Address to bind. Default 127.0.0.1 in development (where a caller without a token is an admin) and 0.0.0.0 in
   * production; the Dockerfile and docker-compose.yml set 0.0.0.0 explicitly.
   */
  ORCHESTRATOR_HOST: str(),
  /** URL the Controller and browsers use to reach this instance (default http://localhost:<port>). */
  ORCHESTRATOR_PUBLIC_URL: url(),
  /** Largest accepted request body; larger bodies answer 413. */
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  /** How long SIGTERM waits for in-flight requests and streams before closing them. */
  SHUTDOWN_TIMEOUT_MS: int(15_000, 0),
  /** Trust X-Forwarded-* from a reverse proxy (TLS termination in front of the service). */
  TRUST_PROXY: bool(false),
  /** pino level; INFO/WARNING/DEBUG as in the seed, or pino's names. */
  LOG_LEVEL: logLevel,

  // --- databases ------------------------------------------------------------------------------------------------
  /** Full URL of the orchestrator database; wins over the ORCHESTRATOR_DB_* pieces. */
  ORCHESTRATOR_DATABASE_URL: url(),
  ORCHESTRATOR_DB_HOST: str(),
  ORCHESTRATOR_DB_PORT: port(5432),
  ORCHESTRATOR_DB_USER: z.preprocess(emptyToUndefined, z.string().default('orchestrator_user')),
  /** Database name; default orchestrator_<ORG_ID>. */
  ORCHESTRATOR_DB_NAME: str(),
  ORCHESTRATOR_DB_PASSWORD: str(),
  /** Full URL of the monitoring database; may equal the orchestrator URL (table names do not collide). */
  MONITORING_DATABASE_URL: url(),
  MONITORING_DB_HOST: str(),
  MONITORING_DB_PORT: port(5432),
  MONITORING_DB_USER: z.preprocess(emptyToUndefined, z.string().default('monitoring_user')),
  /** Database name; default monitoring_<ORG_ID>. */
  MONITORING_DB_NAME: str(),
  MONITORING_DB_PASSWORD: str(),
  /** Connections per pool. */
  DB_POOL_MAX: int(10, 1, 200),
  /**
   * How long start-up keeps retrying a Postgres server that does not answer yet (container start order), for both
   * databases together; then the process exits 1 naming the database and the cause.
   */
  DB_CONNECT_RETRY_S: int(60, 0, 3_600),
  /** Folder for the embedded PGlite database when no database is configured. */
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),

  // --- Redis ----------------------------------------------------------------------------------------------------
  /** Full Redis URL; wins over REDIS_HOST/PORT/PASSWORD/DB. Unset (and no host): in-memory cache. */
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  REDIS_HOST: str(),
  REDIS_PORT: port(6379),
  REDIS_PASSWORD: str(),
  REDIS_DB: int(0, 0, 15),
  /** Prefix of every key this service writes, so several services can share one Redis. */
  REDIS_KEY_PREFIX: z.preprocess(emptyToUndefined, z.string().default('moolai:')),
  /** A Redis command slower than this counts as a failure (cache miss), so a slow Redis never slows requests. */
  REDIS_COMMAND_TIMEOUT_MS: int(250, 10),

  // --- Controller -----------------------------------------------------------------------------------------------
  /** Central Controller; registration and heartbeats go there. Required in production. */
  CONTROLLER_URL: url(),
  /** Seconds between heartbeats once registered. */
  CONTROLLER_HEARTBEAT_INTERVAL_S: int(30, 1),
  /** First retry delay of a failed registration; doubles (with jitter) up to CONTROLLER_RETRY_MAX_MS. */
  CONTROLLER_RETRY_BASE_MS: int(1_000, 10),
  CONTROLLER_RETRY_MAX_MS: int(60_000, 10),

  // --- auth -----------------------------------------------------------------------------------------------------
  /** HS256 secret shared with the Controller. Required in production (32+ characters). */
  JWT_SECRET: str(),
  /** false: one default user, no login. */
  MULTI_USER_MODE: bool(true),
  /** Lifetime of the tokens this service issues at login, in seconds. */
  JWT_EXPIRES_IN_S: int(86_400, 60),
  /** Production bootstrap: an admin created at start-up when no user of that name exists. */
  ADMIN_USERNAME: str(),
  /** Password of the bootstrap admin (12+ characters). */
  ADMIN_PASSWORD: str(),
  /** Failed sign-ins one username may have per LOGIN_FAILURE_WINDOW_S before logins for it answer 429; 0 = off. */
  LOGIN_MAX_FAILURES_PER_USER: int(10, 0),
  /** Failed sign-ins one client address may have per LOGIN_FAILURE_WINDOW_S before its logins answer 429; 0 = off. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: int(30, 0),
  /** Window (seconds) of the login failure counters, counted in Redis across instances; starts at the first failure. */
  LOGIN_FAILURE_WINDOW_S: int(900, 1, 86_400),
  /** LLM requests per user per minute, counted in Redis across instances (in memory when embedded); 0 = off. */
  RATE_LIMIT_PER_MINUTE: int(120, 0),
  /** Streams (SSE or WebSocket answers) one user may have open at once; 0 = off. */
  RATE_LIMIT_CONCURRENT_STREAMS: int(4, 0),
  /**
   * How long (ms) a stream's slot outlives its last renewal; streams renew every third of it. Bounds how long an
   * instance that died (or a release that never reached Redis) keeps a user's slots taken.
   */
  RATE_LIMIT_STREAM_LEASE_MS: int(30_000, 1_000),

  /** Default budget in USD per user per calendar day (UTC), for users without their own; unset = no limit. */
  BUDGET_USD_DAILY_DEFAULT: usd(),
  /** Default budget in USD per user per calendar month (UTC), for users without their own; unset = no limit. */
  BUDGET_USD_MONTHLY_DEFAULT: usd(),
  /** Seconds between reconciliations of the spend counters (Redis) with the recorded costs (monitoring database). */
  SPEND_RECONCILE_INTERVAL_S: int(60, 5),
  /**
   * Models each role may call: comma-separated names or patterns with `*` (`gpt-4o*,claude-*`); unset = every model.
   * An API key's own `models` narrow this further. Anything else is refused with 403 MODEL_NOT_ALLOWED.
   */
  MODEL_ACCESS_DEVELOPER: list(),
  MODEL_ACCESS_ANALYST: list(),
  MODEL_ACCESS_ADMIN: list(),

  // --- single sign-on (OpenID Connect) ---------------------------------------------------------------------------
  /** The provider's issuer exactly as in its tokens' `iss` (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0). */
  OIDC_ISSUER_URL: url(),
  /** This app's client id at the provider. */
  OIDC_CLIENT_ID: str(),
  /** Only for confidential clients; empty for a public client (PKCE alone). */
  OIDC_CLIENT_SECRET: str(),
  /** Accepted `aud` values, comma-separated; default the client id (Entra access tokens: the App ID URI api://…). */
  OIDC_AUDIENCE: list(),
  /** https://<host>/api/v1/auth/sso/callback as registered at the provider; without it only bearer tokens work. */
  OIDC_REDIRECT_URI: url(),
  /** Claim holding roles or groups, dotted path allowed: roles, groups, realm_access.roles. */
  OIDC_ROLE_CLAIM: z.preprocess(emptyToUndefined, z.string().default('roles')),
  /** Claim value → role: `Gateway.Admins=admin,Analysts=analyst,*=developer`; the highest match wins. */
  OIDC_ROLE_MAP: str(),
  /** Role for users with no mapped value; empty or `none` refuses them. */
  OIDC_DEFAULT_ROLE: str(),
  /** Claim for the username (then email, then sub). */
  OIDC_USERNAME_CLAIM: z.preprocess(emptyToUndefined, z.string().default('preferred_username')),

  // --- LLM providers --------------------------------------------------------------------------------------------
  OPENAI_API_KEY: str(),
  /** An OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio) instead of api.openai.com. */
  OPENAI_BASE_URL: url(),
  ANTHROPIC_API_KEY: str(),
  ANTHROPIC_BASE_URL: url(),

  /** Extra OpenAI-compatible servers, `name=baseURL` comma-separated; model `name/model` routes there. */
  OPENAI_COMPATIBLE_ENDPOINTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[a-z0-9_-]+=https?:\/\/[^,\s]+(\s*,\s*[a-z0-9_-]+=https?:\/\/[^,\s]+)*\s*$/i, 'must be name=http(s)://url[,name=url…]')
      .optional()
      .transform((v) =>
        Object.fromEntries((v ?? '').split(',').filter((p) => p.trim()).map((p) => p.trim().split('=', 2) as [string, string]).map(([n, u]) => [n.toLowerCase(), u])),
      ),
  ),

  // --- LLM routing ------------------------------------------------------------------------------------------------
  /** Model used when a request names none. */
  DEFAULT_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4o-mini')),
  /** Aliases `alias=model`, comma-separated (e.g. fast=gpt-4o-mini,smart=claude-sonnet-4-5). */
  MODEL_ALIASES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[^=,\s]+=[^=,\s]+(\s*,\s*[^=,\s]+=[^=,\s]+)*\s*$/, 'must be alias=model[,alias=model…]')
      .optional()
      .transform((v) => Object.fromEntries((v ?? '').split(',').filter((p) => p.trim()).map((p) => p.trim().split('=', 2) as [string, string]))),
  ),
  /** Models tried in order when the requested one fails (after its retries) before any byte reached the client. */
  FALLBACK_MODELS: list(),
  /** Retries per model on 429/5xx/timeouts/connection errors, with exponential backoff and jitter. */
  LLM_MAX_RETRIES: int(2, 0, 10),
  LLM_RETRY_BASE_MS: int(250, 1),
  /** Longest wait between retries (also caps a Retry-After the upstream asks for). */
  LLM_RETRY_MAX_MS: int(8_000, 1),
  /** Time to first token (streams) or to the answer (non-streamed) per attempt. */
  LLM_FIRST_TOKEN_TIMEOUT_MS: int(30_000, 10),
  /** Whole request, retries and fallbacks included. */
  LLM_TIMEOUT_MS: int(120_000, 10),
  /** JSON file of per-model prices (USD per 1M tokens) merged over the built-in table. */
  LLM_PRICING_FILE: str(),
  /**
   * Leave out parameters a provider cannot take (temperature/top_p for Claude on API version 2026-10-21) instead of
   * answering 400 naming them; what was left out is listed in the x-moolai-dropped-params header.
   */
  LLM_DROP_UNSUPPORTED_PARAMS: bool(false),

  // --- response cache ---------------------------------------------------------------------------------------------
  LLM_CACHE_ENABLED: bool(true),
  LLM_CACHE_TTL_SECONDS: int(3_600, 1),

  // --- semantic cache (src/cache/semantic) -------------------------------------------------------------------------
  /** Answer paraphrases of questions answered before (after an exact-cache miss, before the provider). Off by default. */
  SEMANTIC_CACHE_ENABLED: bool(false),
  /** The embedding model questions are compared with, through the provider layer (`endpoint/model` for a local server). */
  SEMANTIC_CACHE_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('text-embedding-3-small')),
  /**
   * Cosine similarity a stored question must reach to answer, 0–1. The default comes from `npm run
   * eval:semantic-cache` (README, "Semantic cache"); it depends on the embedding model, so measure yours.
   */
  SEMANTIC_CACHE_THRESHOLD: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(0.96)),
  /** org: an answer may serve anyone in the organisation; user: only the user whose question it answered. */
  SEMANTIC_CACHE_SCOPE: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'org'),
    z.enum(['org', 'user']),
  ),
  /** Comma-separated model names or `*` patterns whose answers are cached by meaning; empty = every model. */
  SEMANTIC_CACHE_MODELS: list(),
  /** How long a stored answer may serve paraphrases; defaults to LLM_CACHE_TTL_SECONDS. */
  SEMANTIC_CACHE_TTL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  /**
   * Most entries kept per organisation; beyond it the least recently used are evicted. Every instance keeps their
   * vectors in memory and searches them by brute force (5,000 × 1,536 dimensions: 31 MB, a few ms a search).
   */
  SEMANTIC_CACHE_MAX_ENTRIES: int(5_000, 1, 1_000_000),
  /**
   * Ask the embedding model for vectors of this many dimensions (OpenAI's text-embedding-3 models take `dimensions`;
   * fewer is faster to search and smaller to keep). Unset: the model's own size.
   */
  SEMANTIC_CACHE_EMBEDDING_DIMENSIONS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(16).max(8_192).optional()),
  /** Most user turns (the last one included) a conversation may have to be cached by meaning. */
  SEMANTIC_CACHE_MAX_TURNS: int(3, 1, 100),
  /** Also cache requests with temperature > 0 or n > 1 (by default they are not: the caller asked for variety). */
  SEMANTIC_CACHE_SAMPLED: bool(false),
  /** How long a lookup waits for the embedding model before it counts as a miss. */
  SEMANTIC_CACHE_EMBEDDING_TIMEOUT_MS: int(2_000, 10, 60_000),

  // --- request recording ------------------------------------------------------------------------------------------
  /** Records waiting for the monitoring database; beyond this the oldest are dropped (and counted). */
  RECORDER_QUEUE_MAX: int(10_000, 10),
  RECORDER_BATCH_SIZE: int(500, 1),
  RECORDER_FLUSH_INTERVAL_MS: int(500, 10),

  // --- monitoring -------------------------------------------------------------------------------------------------
  /** Seconds between samples of the process (CPU, memory, event loop, queues) stored in system_metrics; decimals allowed. */
  SYSTEM_METRICS_INTERVAL_S: z.preprocess(emptyToUndefined, z.coerce.number().min(0.1).max(3_600).default(10)),
  /** llm_requests and system_metrics rows older than this many days are deleted (hourly, in small batches). */
  MONITORING_RETENTION_DAYS: int(30, 1, 3_650),

  // --- prompt text logging ----------------------------------------------------------------------------------------
  /**
   * Whether prompt and answer text is stored (prompt_texts, monitoring database): off (default), masked (as the
   * provider saw them, every firewall finding masked) or full (as sent). The starting mode; an admin may change it
   * at run time (the change is stored, audited and wins). Blocked prompts are stored masked in every mode but off.
   */
  PROMPT_LOGGING: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'off'),
    z.enum(['off', 'masked', 'full']),
  ),
  /** Allows `full`, from this variable or from an admin: without it a dashboard click alone cannot store raw text. */
  PROMPT_LOGGING_FULL_ALLOWED: bool(false),
  /** Analysts see everyone's stored text (admins always do; everyone sees their own). */
  PROMPT_LOGGING_ANALYSTS: bool(false),
  /** Stored text older than this many days is deleted (hourly); default 7, never longer than MONITORING_RETENTION_DAYS. */
  PROMPT_LOG_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3_650).optional()),

  // --- firewall -------------------------------------------------------------------------------------------------
  FIREWALL_ENABLED: bool(true),
  FIREWALL_BLOCK_ON_VIOLATION: bool(true),
  /** Comma-separated topics seeded as allow rules at start-up (turns on allowlist mode). */
  FIREWALL_ALLOWLIST_TOPICS: list(),
  /** What PII in a prompt does: block it, redact it (placeholders upstream, restored in the answer), or only log. */
  FIREWALL_PII_ACTION: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'block'),
    z.enum(['block', 'redact', 'log']),
  ),
  /** allow: images and other binary input pass (the scanners cannot read them); block: such requests are refused. */
  FIREWALL_IMAGES: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'allow'),
    z.enum(['allow', 'block']),
  ),
  /**
   * CPU milliseconds one prompt's scan may use before it is blocked (fail closed) and the overrun recorded, plus
   * FIREWALL_SCANNER_BUDGET_MS_PER_KB for each KB of text. CPU time, so a busy machine never turns a healthy prompt
   * into a block; the scanners are linear-time, so this only catches a defect. A dense 1 MB prompt costs ~0.6 s.
   */
  FIREWALL_SCANNER_BUDGET_MS: int(1_000, 1),
  FIREWALL_SCANNER_BUDGET_MS_PER_KB: int(5, 0),
  /**
   * Per finding type: `TYPE=action[@threshold]`, comma-separated (actions block, redact, log, off), laid over the
   * defaults at start-up; admins change it at run time through the API and the dashboard. E.g.
   * `URL=block,IP_ADDRESS=off,PERSON=redact@0.7,secrets.jwt=log,toxicity.obscenity=block`.
   */
  FIREWALL_POLICY: str(),
  /** allow: a well-known person named in a prompt (Lincoln, Marie Curie) is only logged; flag: treated as any name. */
  FIREWALL_PUBLIC_FIGURES: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'allow'),
    z.enum(['allow', 'flag']),
  ),
  /**
   * The second toxicity stage: off, or openai (a moderation endpoint called with the openai SDK for prompts the
   * rules pass, concurrently with the provider call; a flagged prompt cancels the call).
   */
  FIREWALL_MODERATION: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'off'),
    z.enum(['off', 'openai']),
  ),
  FIREWALL_MODERATION_MODEL: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('omni-moderation-latest')),
  /** Any OpenAI-compatible moderation server; defaults to OPENAI_BASE_URL, then OpenAI. */
  FIREWALL_MODERATION_BASE_URL: url(),
  /** Defaults to OPENAI_API_KEY. */
  FIREWALL_MODERATION_API_KEY: str(),
  FIREWALL_MODERATION_TIMEOUT_MS: int(2_000, 50, 60_000),
  /** What an unreachable moderation endpoint means: open (the rules' verdict stands, logged) or closed (block). */
  FIREWALL_MODERATION_FAIL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : 'open'),
    z.enum(['open', 'closed']),
  ),
  /** Safety-net reload of the rules (changes otherwise propagate at once through Redis). */
  FIREWALL_RULES_RELOAD_S: int(30, 1),

  // --- Phoenix --------------------------------------------------------------------------------------------------
  PHOENIX_UI_PORT: port(6006),
  PHOENIX_GRPC_PORT: port(4317),

  // --- tracing (OpenTelemetry → Phoenix) ------------------------------------------------------------------------
  /** Phoenix's OTLP gRPC endpoint (http://phoenix:4317 in compose); wins over OTEL_EXPORTER_OTLP_ENDPOINT. Both unset: tracing off. */
  PHOENIX_COLLECTOR_ENDPOINT: grpcEndpoint(),
  /** Any OTLP gRPC collector (the standard OpenTelemetry variable); used when PHOENIX_COLLECTOR_ENDPOINT is unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: grpcEndpoint(),
  /** service.name of every span (and the Phoenix project name). */
  OTEL_SERVICE_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('moolai-orchestrator')),
  /** Keep prompts out of LLM spans (input.value, llm.input_messages). Default false, as in OpenInference: prompts reach Phoenix. */
  OPENINFERENCE_HIDE_INPUTS: bool(false),
  /** Keep answers out of LLM spans (output.value, llm.output_messages). */
  OPENINFERENCE_HIDE_OUTPUTS: bool(false),
  /** Share of new traces kept, 0–1; a caller's traceparent decides for its own trace. */
  TRACING_SAMPLE_RATIO: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(1)),

  // --- answer quality: feedback and LLM-as-judge evaluations (src/evaluation, config/evaluation-env.ts) -------------
  ...evaluationEnv,
});

export type Env = z.infer<typeof envSchema>;

/** Every variable name the service understands (docker-compose and .env.example are checked against it). */
export const KNOWN_ENV_VARS: readonly string[] = Object.keys(envSchema.shape);
