import type { Logger } from 'pino';

export type ControllerState = 'disabled' | 'registering' | 'registered' | 'unreachable' | 'deregistered';

export interface ControllerStatus {
  state: ControllerState;
  url: string | null;
  attempts: number;
  registered_at: string | null;
  last_heartbeat_at: string | null;
  last_error: string | null;
}

export interface ControllerClientOptions {
  url: string | undefined;
  orchestratorId: string;
  orgId: string;
  /** What the Controller is told to call us on. */
  publicUrl: string;
  heartbeatIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  log: Logger;
  /** Health for each heartbeat ("healthy" | "degraded" | "unhealthy"), checked when it is sent. */
  healthStatus: () => Promise<string>;
  requestTimeoutMs?: number;
}

/** Heartbeats that fail this many times in a row turn the state to unreachable (and back on the next success). */
const HEARTBEAT_FAILURES_BEFORE_UNREACHABLE = 3;

/**
 * Registration with the central Controller. Start-up never waits for it: registration retries in the background
 * with exponential backoff and full jitter until it succeeds; then heartbeats follow, and a heartbeat the
 * Controller answers with 404 (it forgot us, e.g. after its restart) triggers a new registration.
 * Payloads carry identity and reachability only: never passwords, keys or database URLs.
 */
export class ControllerClient {
  private readonly base: string | undefined;
  private status: ControllerStatus;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private heartbeatFailures = 0;
  private readonly inflight = new AbortController();

  constructor(private readonly opts: ControllerClientOptions) {
    this.base = opts.url ? `${opts.url}/api/v1/internal/orchestrators` : undefined;
    this.status = {
      state: opts.url ? 'registering' : 'disabled',
      url: opts.url ?? null,
      attempts: 0,
      registered_at: null,
      last_heartbeat_at: null,
      last_error: null,
    };
  }

  getStatus(): ControllerStatus {
    return { ...this.status };
  }

  start(): void {
    if (!this.base) {
      this.opts.log.warn('controller url not configured: registration skipped');
      return;
    }
    void this.register();
  }

  private schedule(fn: () => Promise<void>, ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void fn(), ms);
    this.timer.unref();
  }

  private async call(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
    const signal = AbortSignal.any([this.inflight.signal, AbortSignal.timeout(this.opts.requestTimeoutMs ?? 5_000)]);
    return fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** Math.max(0, attempt - 1));
    // Full jitter (AWS architecture blog): spreads a fleet restarting at once, never below half the step.
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private async register(): Promise<void> {
    if (this.stopped) return;
    this.status.attempts += 1;
    this.status.state = this.status.registered_at ? this.status.state : 'registering';
    try {
      const res = await this.call('POST', '/register', {
        orchestrator_id: this.opts.orchestratorId,
        organization_id: this.opts.orgId,
        name: `Orchestrator ${this.opts.orgId}`,
        url: this.opts.publicUrl,
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`controller answered ${res.status}`);
      this.status.state = 'registered';
      this.status.registered_at = new Date().toISOString();
      this.status.last_error = null;
      this.heartbeatFailures = 0;
      this.opts.log.info({ attempts: this.status.attempts }, 'registered with controller');
      this.schedule(() => this.heartbeat(), this.opts.heartbeatIntervalMs);
    } catch (err) {
      if (this.stopped) return;
      const delay = this.backoff(this.status.attempts);
      this.status.last_error = (err as Error).message;
      this.opts.log.warn({ attempt: this.status.attempts, retry_in_ms: delay, err: this.status.last_error }, 'controller registration failed');
      this.schedule(() => this.register(), delay);
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    try {
      // A check that cannot complete is no reason to skip the heartbeat, nor to claim all is well.
      const health = await this.opts.healthStatus().catch(() => 'degraded');
      if (this.stopped) return;
      const res = await this.call('POST', '/heartbeat', {
        orchestrator_id: this.opts.orchestratorId,
        organization_id: this.opts.orgId,
        status: 'active',
        health_status: health,
      });
      await res.body?.cancel();
      if (res.status === 404) {
        this.opts.log.warn('controller does not know this orchestrator: registering again');
        this.status.state = 'registering';
        this.status.registered_at = null;
        this.status.attempts = 0;
        return this.register();
      }
      if (!res.ok) throw new Error(`controller answered ${res.status}`);
      this.heartbeatFailures = 0;
      this.status.state = 'registered';
      this.status.last_heartbeat_at = new Date().toISOString();
      this.status.last_error = null;
    } catch (err) {
      if (this.stopped) return;
      this.heartbeatFailures += 1;
      this.status.last_error = (err as Error).message;
      if (this.heartbeatFailures >= HEARTBEAT_FAILURES_BEFORE_UNREACHABLE) this.status.state = 'unreachable';
      this.opts.log.warn({ failures: this.heartbeatFailures, err: this.status.last_error }, 'controller heartbeat failed');
    }
    this.schedule(() => this.heartbeat(), this.opts.heartbeatIntervalMs);
  }

  /** Stops retries and heartbeats; tells the Controller we are leaving if we had registered (bounded wait). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const wasRegistered = this.status.registered_at !== null;
    this.inflight.abort();
    if (!this.base || !wasRegistered) return;
    try {
      const res = await fetch(`${this.base}/${encodeURIComponent(this.opts.orchestratorId)}/deregister`, {
        method: 'DELETE',
        signal: AbortSignal.timeout(2_000),
      });
      await res.body?.cancel();
      this.status.state = 'deregistered';
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'controller deregistration failed');
    }
  }
}
