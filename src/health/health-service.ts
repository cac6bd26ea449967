import type { KvHealth } from '../cache/kv-store.js';
import type { ControllerStatus } from '../controller/controller-client.js';
import type { RateLimiterState } from '../limits/rate-limiter.js';
import type { BatchWriterStats } from '../monitoring/batch-writer.js';
import type { DbHealth } from '../storage/database.js';

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** Where the service looks; probes (the async ones) touch a dependency, the others read in-process state. */
export interface HealthSources {
  orchestratorDb(timeoutMs: number): Promise<DbHealth>;
  monitoringDb(timeoutMs: number): Promise<DbHealth>;
  cache(): Promise<KvHealth>;
  rateLimiter(): RateLimiterState;
  controller(): ControllerStatus;
  /** Every batch writer's counters by table name (the queues that wait for the monitoring database). */
  writers(): Record<string, BatchWriterStats>;
  draining(): boolean;
}

export interface QueueHealth {
  queued: number;
  dropped: number;
  /** Its last write failed: rows are waiting (or were dropped) until the database takes them again. */
  failing: boolean;
}

export interface HealthReport {
  status: HealthStatus;
  /** When the dependencies were last probed (ISO); in-process state is always current. */
  checked_at: string;
  components: {
    orchestrator_db: DbHealth;
    monitoring_db: DbHealth;
    cache: KvHealth;
    rate_limiter: RateLimiterState;
    controller: ControllerStatus & { status: 'up' | 'down' | 'disabled' };
    queues: { status: 'up' | 'degraded'; writers: Record<string, QueueHealth> };
  };
}

export interface HealthService {
  /** The current report: probes at most once per `maxAgeMs` (concurrent callers share one probe); never throws. */
  check(): Promise<HealthReport>;
}

export interface HealthOptions {
  /** How long probe results are reused (default 1 s): load balancers, dashboards and heartbeats may all ask. */
  maxAgeMs?: number;
  /** How long a probe waits for a dependency before calling it down (default 1 s). */
  probeTimeoutMs?: number;
}

interface Probed {
  at: number;
  orchestratorDb: DbHealth;
  monitoringDb: DbHealth;
  cache: KvHealth;
}

/** A probe that throws (rather than reporting down) still reports down. */
async function safely<T>(run: () => Promise<T>, down: (error: string) => T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    return down((err as Error)?.message ?? String(err));
  }
}

/**
 * The one answer to "how is this instance?": `/health` shows it and every Controller heartbeat carries its status,
 * so the Controller hears what the dependencies say now, not what the last caller of `/health` happened to see.
 * Only a draining instance is unhealthy: every dependency failure has a fallback (DESIGN.md §5), so it degrades.
 */
export function createHealthService(sources: HealthSources, opts: HealthOptions = {}): HealthService {
  const maxAgeMs = opts.maxAgeMs ?? 1_000;
  const probeTimeoutMs = opts.probeTimeoutMs ?? 1_000;
  let last: Probed | undefined;
  let inflight: Promise<Probed> | undefined;

  async function probe(): Promise<Probed> {
    const dbDown = (error: string): DbHealth => ({ status: 'down', latency_ms: 0, backend: 'postgres', error });
    const [orchestratorDb, monitoringDb, cache] = await Promise.all([
      safely(() => sources.orchestratorDb(probeTimeoutMs), dbDown),
      safely(() => sources.monitoringDb(probeTimeoutMs), dbDown),
      safely(() => sources.cache(), (error): KvHealth => ({ status: 'down', latency_ms: 0, backend: 'redis', error })),
    ]);
    return { at: Date.now(), orchestratorDb, monitoringDb, cache };
  }

  function probed(): Promise<Probed> {
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last);
    inflight ??= probe()
      .then((p) => (last = p))
      .finally(() => (inflight = undefined));
    return inflight;
  }

  return {
    async check() {
      const p = await probed();
      const ctl = sources.controller();
      const controller = { ...ctl, status: ctl.state === 'disabled' ? ('disabled' as const) : ctl.state === 'registered' ? ('up' as const) : ('down' as const) };
      const limiter = sources.rateLimiter();
      const writers: Record<string, QueueHealth> = {};
      for (const [name, s] of Object.entries(sources.writers())) writers[name] = { queued: s.queued, dropped: s.dropped, failing: s.lastError !== null };
      const queues = { status: Object.values(writers).some((w) => w.failing) ? ('degraded' as const) : ('up' as const), writers };
      const anyDown =
        [p.orchestratorDb, p.monitoringDb, p.cache].some((c) => c.status === 'down') ||
        controller.status === 'down' ||
        limiter.status === 'degraded' ||
        queues.status === 'degraded';
      return {
        status: sources.draining() ? 'unhealthy' : anyDown ? 'degraded' : 'healthy',
        checked_at: new Date(p.at).toISOString(),
        components: { orchestrator_db: p.orchestratorDb, monitoring_db: p.monitoringDb, cache: p.cache, rate_limiter: limiter, controller, queues },
      };
    },
  };
}
