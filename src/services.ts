import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createLoginThrottle, type LoginThrottle } from './auth/login-throttle.js';
import { seedUsers } from './auth/seed-users.js';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords.js';
import { createApiKeyVerifier, type ApiKeyVerifier } from './auth/api-keys/key-verifier.js';
import { createOidcVerifier, type OidcVerifier } from './auth/oidc/oidc-verifier.js';
import { createPkceFlow, kvLoginStateStore, type PkceFlow } from './auth/oidc/pkce-flow.js';
import { createSessionRevocations, type SessionRevocations } from './auth/session-revocations.js';
import { createUserStatus, type UserStatusCheck } from './auth/user-status.js';
import { createBudgetGuard, type BudgetGuard } from './limits/budget.js';
import { createMemorySpendBackend, createRedisSpendBackend } from './limits/spend-backend.js';
import { SpendReconciler, spendFromDb } from './limits/spend-reconcile.js';
import { createSpendStore, type SpendStore } from './limits/spend-store.js';
import type { KvStore } from './cache/kv-store.js';
import { createResponseCache } from './cache/response-cache.js';
import { createProviderEmbedder } from './cache/semantic/embedder.js';
import { watchOutputMasking } from './cache/semantic/output-watch.js';
import { createSemanticCache, type SemanticCache } from './cache/semantic/semantic-cache.js';
import type { Config } from './config/index.js';
import { ControllerClient } from './controller/controller-client.js';
import { createFirewallEngine, type Engine } from './firewall/engine.js';
import { createFirewallGate } from './firewall/firewall-gate.js';
import { openGate, type PromptGate } from './firewall/gate.js';
import { createOpenAiModerator } from './firewall/moderation.js';
import { defaultPolicy, effectivePolicy } from './firewall/policy.js';
import { PolicyStore } from './firewall/policy-store.js';
import { RuleStore } from './firewall/rules/rule-store.js';
import { createHealthService, type HealthService } from './health/health-service.js';
import { bothHooks } from './evaluation/capture.js';
import { createEvaluation, type Evaluation } from './evaluation/index.js';
import { createRateLimiter, type RateLimiter } from './limits/rate-limiter.js';
import { createMemorySlotStore, createRedisSlotStore } from './limits/slot-store.js';
import { createEmbeddings, type Embeddings } from './llm/embeddings.js';
import { createPipeline, type Pipeline, type PipelineDeps } from './llm/pipeline.js';
import { loadPricing, type Pricing } from './llm/pricing.js';
import { createProviderRegistry, type ProviderRegistry } from './llm/provider-registry.js';
import type { ResponseCache } from './cache/response-cache.js';
import { BatchWriter, type BatchWriterStats } from './monitoring/batch-writer.js';
import { createPromMetrics, type PromMetrics } from './monitoring/prometheus.js';
import type { RequestRecord } from './monitoring/request-record.js';
import { Retention } from './monitoring/retention.js';
import type { PromptTextHook } from './monitoring/prompt-text/capture.js';
import { createPromptText, type PromptText } from './monitoring/prompt-text/index.js';
import { toRow, type SystemMetricRow } from './monitoring/system-metrics-store.js';
import { SystemSampler } from './monitoring/system-sampler.js';
import type { Databases } from './storage/database.js';
import type { FirewallEventRow } from './storage/orchestrator/firewall-events-repo.js';
import { jsonRow, type JsonRow } from './storage/recordset-insert.js';
import { createRepos, type Repos } from './storage/repos.js';

/** What the services stand on: opened (and closed) by the composition root, never by a service. */
export interface Infra {
  dbs: Databases;
  kv: KvStore;
  /** The Redis client behind `kv`, for pub/sub and scripts; undefined on the embedded in-memory cache. */
  redis: Redis | undefined;
  log: Logger;
  /** The HTTP server's state, read by samples and health (the lifecycle plugin keeps it). */
  server: { inflight(): number; draining(): boolean; openWebsockets(): number };
}

export interface Firewall {
  engine: Engine;
  rules: RuleStore;
  policy: PolicyStore;
  events: BatchWriter<FirewallEventRow, JsonRow<FirewallEventRow>>;
  /**
   * What every prompt and answer passes through: the scanning gate when FIREWALL_ENABLED, else the open gate. The
   * scan and rule endpoints work either way (an admin can prepare rules before turning the firewall on).
   */
  gate: PromptGate;
}

export interface Llm {
  pipeline: Pipeline;
  embeddings: Embeddings;
  cache: ResponseCache;
  /** The semantic cache; undefined unless SEMANTIC_CACHE_ENABLED. */
  semantic: SemanticCache | undefined;
  registry: ProviderRegistry;
  pricing: Pricing;
  recorder: BatchWriter<RequestRecord, JsonRow<RequestRecord>>;
}

export interface Monitoring {
  metrics: PromMetrics;
  sampler: SystemSampler;
  samples: BatchWriter<SystemMetricRow>;
  retention: Retention;
  /** Every batch writer's counters by table name. */
  writers(): Record<string, BatchWriterStats>;
}

export interface Auth {
  /** Logins and user creation hash through a semaphore: each scrypt holds 128 MB (passwords.ts). */
  passwords: PasswordHasher;
  /** A deactivated (or deleted) user's unexpired token is refused too; user states are cached briefly. */
  userStatus: UserStatusCheck;
  loginThrottle: LoginThrottle;
  apiKeys: ApiKeyVerifier;
  /** Logged-out tokens and changed users, the same on every instance within a second. */
  revocations: SessionRevocations;
  /** Single sign-on; null unless OIDC_ISSUER_URL is set. `flow` also needs OIDC_REDIRECT_URI. */
  oidc: { verifier: OidcVerifier; flow: PkceFlow | null } | null;
}

export interface Spend {
  store: SpendStore;
  guard: BudgetGuard;
  reconciler: SpendReconciler;
  /** Per-key request limits (an API key's `rpm`), one limiter per distinct limit. */
  keyLimiter(rpm: number): RateLimiter;
  close(): Promise<void>;
}

export interface Services {
  repos: Repos;
  auth: Auth;
  rateLimiter: RateLimiter;
  spend: Spend;
  firewall: Firewall;
  llm: Llm;
  monitoring: Monitoring;
  /** Stored prompt text (PROMPT_LOGGING): the mode, the capture hook, its writer, retention and service. */
  promptText: PromptText;
  /** Answer quality: feedback, sampled LLM-as-judge evaluations, Phoenix annotations, eval runs (src/evaluation). */
  evaluation: Evaluation;
  controller: ControllerClient;
  health: HealthService;
  /** Starts the background work that waits for a ready instance (samples, retention); heartbeats start on listen. */
  start(): void;
  /** Stops everything in dependency order, flushing what is queued; the infra is closed after, by its owner. */
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;
/** Safety-net sync of the semantic cache's index (changes otherwise reach every instance at once through Redis). */
const SEMANTIC_SYNC_MS = 30_000;

/**
 * Builds every service from the config and the infrastructure, in one plain function (the one place that decides
 * how the pieces connect): no service looks another up at run time, so no registration order can leave one out.
 */
export async function createServices(config: Config, infra: Infra): Promise<Services> {
  const { dbs, kv, redis, log } = infra;
  const child = (component: string) => log.child({ component });
  const repos = createRepos(dbs, config);
  await seedUsers(config, repos.users, child('auth'));

  const auth = createAuth(config, infra, repos);

  const rateLimiter = createRateLimiter({
    kv,
    orgId: config.orgId,
    perMinute: config.rateLimit.perMinute,
    concurrentStreams: config.rateLimit.concurrentStreams,
    // Slots live where the cache backbone does: in Redis when there is one, so they hold across instances.
    slots: redis ? createRedisSlotStore(redis, config.redis.keyPrefix) : createMemorySlotStore(),
    streamLeaseMs: config.rateLimit.streamLeaseMs,
    log: child('rate-limit'),
  });

  const spend = createSpend(config, infra);
  const firewall = await createFirewall(config, infra, repos);
  const promptText = await createPromptText(config, infra, repos, firewall.engine);
  // Evaluation needs the pipelines it hooks into: its hook is bound once it exists (off until then).
  let evalHook: PromptTextHook = { active: false, capture: () => undefined };
  const finishHook = bothHooks(promptText.log, { get active() { return evalHook.active; }, capture: (run, outcome) => evalHook.capture(run, outcome) });
  const llm = createLlm(config, infra, repos, firewall.gate, rateLimiter, spend, finishHook);
  const evaluation = await createEvaluation(config, infra, repos, { internal: llm.internal, pipeline: llm.pipeline, flushRecords: () => llm.recorder.flush() });
  evalHook = evaluation.hook;
  const monitoring = createMonitoring(config, infra, repos, { llm, firewall, promptText, evaluation });
  llm.onRecord((row) => monitoring.metrics.observeRecord(row));

  // Heartbeats report the same health the /health route does, from the one health service (declared below: the
  // health service looks at the Controller too, and heartbeats start only once the app listens).
  const controller = new ControllerClient({
    url: config.controller.url,
    orchestratorId: config.orchestratorId,
    orgId: config.orgId,
    publicUrl: config.server.publicUrl,
    heartbeatIntervalMs: config.controller.heartbeatIntervalMs,
    retryBaseMs: config.controller.retryBaseMs,
    retryMaxMs: config.controller.retryMaxMs,
    log: child('controller'),
    healthStatus: async () => (await health.check()).status,
  });
  const health = createHealthService({
    orchestratorDb: (ms) => dbs.orchestrator.ping(ms),
    monitoringDb: (ms) => dbs.monitoring.ping(ms),
    cache: () => kv.health(),
    rateLimiter: () => rateLimiter.state(),
    controller: () => controller.getStatus(),
    writers: () => monitoring.writers(),
    draining: () => infra.server.draining(),
  });

  return {
    repos,
    auth,
    rateLimiter,
    spend,
    firewall,
    llm,
    monitoring,
    promptText,
    evaluation,
    controller,
    health,
    start() {
      void auth.revocations.start();
      spend.reconciler.start();
      monitoring.samples.start();
      monitoring.sampler.start();
      monitoring.retention.start();
      promptText.start();
      evaluation.start();
      void llm.semantic?.start();
    },
    async close() {
      await controller.stop();
      monitoring.sampler.stop();
      await monitoring.retention.stop();
      // Answers finished just before shutdown are stored before Redis closes (the infra closes after this).
      await llm.cache.flushPending();
      await llm.semantic?.stop();
      // Before the recorder: a judge call still in flight records its own request.
      await evaluation.close();
      await llm.recorder.close();
      await promptText.close();
      await llm.registry.close();
      await firewall.rules.stop();
      firewall.policy.stop();
      await firewall.events.close();
      // Samples are worth less than request records: do not hold shutdown long for them.
      await monitoring.samples.close(1_000);
      await rateLimiter.close();
      await spend.close();
      await auth.apiKeys.close();
      auth.revocations.close();
    },
  };
}

function createAuth(config: Config, infra: Infra, repos: Repos): Auth {
  const { redis, log } = infra;
  const child = (component: string) => log.child({ component });
  const apiKeys = createApiKeyVerifier({
    lookup: (hash) => repos.apiKeys.byHash(hash),
    touchLastUsed: (ids, at) => repos.apiKeys.touchLastUsed(ids, at),
    ...(redis ? { redis } : {}),
    channel: `${config.redis.keyPrefix}apikeys:changes:${config.orgId}`,
    log: child('api-keys'),
  });
  // Declared before the revocations that call it: a user changed anywhere is looked up again on the next request.
  const userStatus: UserStatusCheck = createUserStatus({
    lookup: (id) => repos.users.stateById(id),
    // While the change notices cannot be heard, trust a cached user for a second only (revocation within a second).
    ttlMs: () => (revocations.listening ? 10_000 : 1_000),
    log: child('user-status'),
  });
  const revocations = createSessionRevocations({
    redis,
    keyPrefix: config.redis.keyPrefix,
    orgId: config.orgId,
    log: child('sessions'),
    onUserChanged: (id) => userStatus.forget(id),
  });
  let oidc: Auth['oidc'] = null;
  if (config.oidc) {
    // A token with an unknown key id refetches the provider's keys at most every 5 s (jose's default is 30 s, which
    // refuses sign-ins for that long after a provider rotates to a key it had not published before).
    const verifier = createOidcVerifier(config.oidc, { jwksCooldownMs: 5_000 });
    // Discovery happens on first use; asking now only warms it (a provider down at start-up is not fatal).
    verifier.metadata().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'OIDC provider not reachable yet: SSO answers 503 until it is'));
    const flow = config.oidc.redirectUri ? createPkceFlow(config.oidc, { verifier, store: kvLoginStateStore(infra.kv, `oidc:login:${config.orgId}:`) }) : null;
    oidc = { verifier, flow };
  }
  return {
    passwords: createPasswordHasher(),
    userStatus,
    loginThrottle: createLoginThrottle({ redis, keyPrefix: config.redis.keyPrefix, orgId: config.orgId, ...config.auth.loginThrottle, log: child('login-throttle') }),
    apiKeys,
    revocations,
    oidc,
  };
}

function createSpend(config: Config, infra: Infra): Spend {
  const log = infra.log.child({ component: 'spend' });
  const store = createSpendStore({
    backend: infra.redis ? createRedisSpendBackend(infra.redis, config.redis.keyPrefix) : createMemorySpendBackend(),
    orgId: config.orgId,
    log,
  });
  const db = infra.dbs.monitoring.db;
  const guard = createBudgetGuard({ store, log, fallback: (subject, now) => spendFromDb(db, config.orgId, subject, now) });
  const reconciler = new SpendReconciler({ db, store, intervalMs: config.budgets.reconcileIntervalMs, log });
  const limiters = new Map<number, RateLimiter>();
  const keyLimiter = (rpm: number): RateLimiter => {
    let l = limiters.get(rpm);
    if (!l) {
      l = createRateLimiter({ kv: infra.kv, orgId: config.orgId, perMinute: rpm, concurrentStreams: 0, slots: createMemorySlotStore(), streamLeaseMs: config.rateLimit.streamLeaseMs, log });
      limiters.set(rpm, l);
    }
    return l;
  };
  return {
    store,
    guard,
    reconciler,
    keyLimiter,
    async close() {
      await store.flush();
      await reconciler.stop();
      for (const l of limiters.values()) await l.close();
    },
  };
}

async function createFirewall(config: Config, infra: Infra, repos: Repos): Promise<Firewall> {
  const log = infra.log.child({ component: 'firewall' });
  // Both stores live in Postgres and announce changes on their own Redis channel.
  const synced = (what: string) => ({
    log,
    ...(infra.redis ? { redis: infra.redis } : {}),
    channel: `${config.redis.keyPrefix}firewall:${what}:${config.orgId}`,
    reloadIntervalMs: config.firewall.rulesReloadMs,
  });
  const rules = new RuleStore({ ...synced('rules'), repo: repos.firewallRules, orgId: config.orgId });
  await rules.start(config.firewall.allowlistTopics);
  const policy = new PolicyStore({
    ...synced('policy'),
    repo: repos.firewallPolicy,
    base: effectivePolicy(defaultPolicy({ piiAction: config.firewall.piiAction, publicFigures: config.firewall.publicFigures }), config.firewall.policy),
  });
  await policy.start();
  const engine = createFirewallEngine({
    rules,
    policy: () => policy.current,
    scannerBudgetMs: config.firewall.scannerBudgetMs,
    scannerBudgetMsPerKb: config.firewall.scannerBudgetMsPerKb,
  });
  warmUp(engine);
  const events = new BatchWriter<FirewallEventRow, JsonRow<FirewallEventRow>>({
    name: 'firewall_events',
    encode: jsonRow,
    ...config.recorder,
    write: (rows) => repos.firewallEvents.insert(rows),
    log,
  });
  events.start();
  const { moderation } = config.firewall;
  const gate = config.firewall.enabled
    ? createFirewallGate({
        engine,
        orgId: config.orgId,
        blockOnViolation: config.firewall.blockOnViolation,
        refuseImages: config.firewall.refuseImages,
        record: (row) => events.enqueue(row),
        ...(moderation ? { moderation: { moderator: createOpenAiModerator(moderation), failClosed: moderation.failClosed, log } } : {}),
      })
    : openGate;
  return { engine, rules, policy, events, gate };
}

/**
 * Runs every scanner over a realistic text before the instance takes traffic: the first scan compiles regexes and
 * builds lookup tables, and on a busy machine a cold first scan can overrun the scanner budget and block a healthy
 * prompt (fail closed). Scanning here moves that cost into start-up, before /health/ready says ready.
 */
function warmUp(engine: Engine): void {
  const sample = [
    'Hi, I am Maria Garcia from Santa Clara; mail me at maria.garcia@example.org or call +1 (415) 555-0132.',
    'Deploy with AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and the token ghp_' + 'x'.repeat(36) + '.',
    'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, server 10.0.0.12, see https://docs.python.org/3/.',
    'You are an idiot and this build is broken; summarise the Magna Carta in two sentences.',
  ].join('\n');
  for (let i = 0; i < 3; i++) engine.scan(sample);
}

function createLlm(
  config: Config,
  infra: Infra,
  repos: Repos,
  gate: PromptGate,
  rateLimiter: RateLimiter,
  spend: Spend,
  promptText: PromptTextHook,
): Llm & { onRecord(fn: (row: RequestRecord) => void): void; internal: Pipeline } {
  const { log } = infra;
  const pricing = loadPricing(config.llm.pricingFile);
  const registry = createProviderRegistry(config);
  const cache = createResponseCache({ kv: infra.kv, orgId: config.orgId, ttlSeconds: config.llm.cache.ttlSeconds, enabled: config.llm.cache.enabled, log });
  const recorder = new BatchWriter<RequestRecord, JsonRow<RequestRecord>>({
    name: 'llm_requests',
    encode: jsonRow,
    ...config.recorder,
    // The insert ignores rows already there: a batch retried after a timeout that had in fact committed must not
    // fail forever. The same statement adds the rows it inserted to the analytics rollups.
    write: async (rows) => {
      await repos.requests.insert(rows);
    },
    log,
  });
  recorder.start();
  const recordListeners: ((row: RequestRecord) => void)[] = [];
  const semantic = createSemantic(config, infra, repos, registry);
  const deps: PipelineDeps = {
    registry,
    // An answer the firewall masks on its way out is never stored by meaning (the semantic cache is told).
    gate: semantic ? watchOutputMasking(gate, (requestId) => semantic.noteMasked(requestId)) : gate,
    cache,
    ...(semantic ? { semantic } : {}),
    pricing,
    record: (row) => {
      recorder.enqueue(row);
      // Spend counts what was recorded, in the record's own period (a cache hit costs 0 and adds nothing).
      if (row.userId && row.costUsd) void spend.store.add({ userId: row.userId, apiKeyId: row.apiKeyId ?? null, costUsd: row.costUsd, at: row.createdAt ?? new Date() });
      for (const fn of recordListeners) fn(row);
    },
    checkBudget: (userId, caller) => spend.guard.check({ userId, apiKeyId: caller.apiKeyId }, caller.budgets),
    retry: {
      maxRetries: config.llm.maxRetries,
      retryBaseMs: config.llm.retryBaseMs,
      retryMaxMs: config.llm.retryMaxMs,
      attemptTimeoutMs: config.llm.firstTokenTimeoutMs,
    },
    fallbackModels: config.llm.fallbackModels,
    totalTimeoutMs: config.llm.totalTimeoutMs,
    orgId: config.orgId,
    orchestratorId: config.orchestratorId,
    log,
    acquireStreamSlot: (userId) => rateLimiter.acquireStream(userId),
    promptText,
  };
  const pipeline = createPipeline(deps);
  const embeddings = createEmbeddings(deps);
  // The gateway's own calls (the answer-quality judge): the same providers, retries, pricing and records, but no
  // firewall (it reads texts the firewall already passed), no cache, no budgets, no hooks (never judged itself).
  const internal = createPipeline({ ...deps, gate: openGate, cache: { ...cache, enabled: false, noteBypass: () => undefined }, semantic: undefined, promptText: undefined, checkBudget: undefined, acquireStreamSlot: undefined });
  registry.warm();
  return { pipeline, embeddings, cache, semantic, registry, pricing, recorder, internal, onRecord: (fn) => void recordListeners.push(fn) };
}

function createSemantic(config: Config, infra: Infra, repos: Repos, registry: ProviderRegistry): SemanticCache | undefined {
  const c = config.llm.semanticCache;
  if (!c) return undefined;
  return createSemanticCache({
    orgId: config.orgId,
    repo: repos.semanticCache,
    embedder: createProviderEmbedder(registry, c.embeddingModel, c.embeddingTimeoutMs, c.embeddingDimensions),
    threshold: c.threshold,
    scope: c.scope,
    models: c.models,
    ttlSeconds: c.ttlSeconds,
    maxEntries: c.maxEntries,
    maxTurns: c.maxTurns,
    allowSampled: c.allowSampled,
    ...(infra.redis ? { redis: infra.redis } : {}),
    channel: `${config.redis.keyPrefix}semcache:changes:${config.orgId}`,
    syncIntervalMs: SEMANTIC_SYNC_MS,
    log: infra.log.child({ component: 'semantic-cache' }),
  });
}

function createMonitoring(config: Config, infra: Infra, repos: Repos, watched: { llm: Llm; firewall: Firewall; promptText: PromptText; evaluation: Evaluation }): Monitoring {
  const log = infra.log.child({ component: 'monitoring' });
  const samples = new BatchWriter<SystemMetricRow>({
    name: 'system_metrics',
    queueMax: 1_000,
    batchSize: 100,
    flushIntervalMs: config.recorder.flushIntervalMs,
    write: (rows) => repos.requests.insertSamples(rows),
    log,
  });
  const writers = (): Record<string, BatchWriterStats> => ({
    llm_requests: watched.llm.recorder.stats,
    firewall_events: watched.firewall.events.stats,
    system_metrics: samples.stats,
    prompt_texts: watched.promptText.writer.stats,
    ...watched.evaluation.writers(),
  });
  const sources = { writers, inflightRequests: infra.server.inflight, openWebsockets: infra.server.openWebsockets };
  const metrics = createPromMetrics(sources);
  const sampler = new SystemSampler({
    intervalMs: config.monitoring.systemMetricsIntervalMs,
    sources,
    onSample: (s) => samples.enqueue(toRow(s, config.orchestratorId)),
  });
  const retention = new Retention({ db: infra.dbs.monitoring.db, orgId: config.orgId, retentionDays: config.monitoring.retentionDays, intervalMs: HOUR_MS, log });
  return { metrics, sampler, samples, retention, writers };
}
