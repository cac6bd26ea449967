import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { BatchWriterStats } from './batch-writer.js';

/** One sample of the process, as stored in system_metrics and returned by GET /api/v1/system/metrics. */
export interface SystemSample {
  cpuPercent: number;
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopP50Ms: number;
  eventLoopP99Ms: number;
  openWebsockets: number;
  inflightRequests: number;
  /** Rows waiting in the batch writers (request records, firewall events, these samples). */
  queueDepth: number;
  /** Rows the writers dropped since start because their queue was full. */
  droppedTotal: number;
  createdAt: Date;
}

export interface SamplerSources {
  openWebsockets(): number;
  inflightRequests(): number;
  writers(): Record<string, BatchWriterStats>;
}

export interface SystemSamplerOptions {
  intervalMs: number;
  sources: SamplerSources;
  /** Called with every periodic sample (the plugin queues it for system_metrics). */
  onSample(sample: SystemSample): void;
  /** Samples kept in memory: the series when the monitoring database is away. */
  ringSize?: number;
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const nsToMs = (ns: number) => (Number.isFinite(ns) ? round(ns / 1e6, 3) : 0);

/**
 * Samples CPU, memory, event-loop delay, open sockets, in-flight requests and writer queues every `intervalMs`.
 * CPU is the process's user+system time over the wall time since the previous sample (100 = one full core); the
 * event-loop histogram is reset at each sample, so its percentiles describe that interval only.
 */
export class SystemSampler {
  private timer: NodeJS.Timeout | undefined;
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private readonly ring: SystemSample[] = [];
  private readonly ringSize: number;

  constructor(private readonly opts: SystemSamplerOptions) {
    this.ringSize = opts.ringSize ?? 360;
  }

  start(): void {
    this.loop.enable();
    this.lastCpu = process.cpuUsage();
    this.lastAt = performance.now();
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.loop.disable();
  }

  /** The values right now (since the last periodic sample), without storing them or resetting the interval. */
  current(): SystemSample {
    return this.read(false);
  }

  /** The last samples kept in memory, oldest first. */
  recent(limit: number): SystemSample[] {
    return this.ring.slice(-limit);
  }

  /** Takes a periodic sample now (the timer calls this; tests may too). */
  tick(): SystemSample {
    const sample = this.read(true);
    this.ring.push(sample);
    if (this.ring.length > this.ringSize) this.ring.shift();
    this.opts.onSample(sample);
    return sample;
  }

  private read(reset: boolean): SystemSample {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallUs = Math.max(1, (now - this.lastAt) * 1000);
    const mem = process.memoryUsage();
    const writers = Object.values(this.opts.sources.writers());
    const sample: SystemSample = {
      cpuPercent: round(((cpu.user + cpu.system) / wallUs) * 100),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      eventLoopP50Ms: this.loop.count ? nsToMs(this.loop.percentile(50)) : 0,
      eventLoopP99Ms: this.loop.count ? nsToMs(this.loop.percentile(99)) : 0,
      openWebsockets: this.opts.sources.openWebsockets(),
      inflightRequests: this.opts.sources.inflightRequests(),
      queueDepth: writers.reduce((n, w) => n + w.queued, 0),
      droppedTotal: writers.reduce((n, w) => n + w.dropped, 0),
      createdAt: new Date(),
    };
    if (reset) {
      this.lastCpu = process.cpuUsage();
      this.lastAt = now;
      this.loop.reset();
    }
    return sample;
  }
}

/**
 * Open chat WebSockets, read structurally from the WebSocket plugin's decorators when it is registered (`chat` with
 * an `openSockets` count, or a `chatSockets` Set/Map); 0 otherwise. Structural, so this module does not depend on
 * that plugin, and it is read at sample time, so plugin order does not matter.
 */
export function openWebsocketCount(app: object): number {
  const { chat, chatSockets } = app as { chat?: unknown; chatSockets?: unknown };
  if (typeof chat === 'object' && chat !== null && 'openSockets' in chat && typeof chat.openSockets === 'number') return chat.openSockets;
  if (typeof chatSockets === 'object' && chatSockets !== null && 'size' in chatSockets && typeof chatSockets.size === 'number') return chatSockets.size;
  return 0;
}
