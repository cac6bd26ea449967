import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BatchWriterStats } from './batch-writer.js';
import type { RequestRecord } from './request-record.js';

export interface MetricSources {
  writers(): Record<string, BatchWriterStats>;
  inflightRequests(): number;
  openWebsockets(): number;
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const OVERHEAD_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
/** Firewall verdicts that let a prompt reach the cache lookup. */
const PASSED = new Set(['allow', 'redact', 'logged']);

export type PromMetrics = ReturnType<typeof createPromMetrics>;

/**
 * The Prometheus registry of one app instance (never prom-client's global one: tests build many apps in one
 * process). LLM figures are fed from the request records, so /metrics and the analytics overview count the same
 * events the same way: a cache miss is a request that passed the firewall and was not answered from the cache
 * (bypasses included), and tokens/cost are what providers billed (cache hits add to the saved counters instead).
 */
export function createPromMetrics(sources: MetricSources) {
  const register = new Registry();
  const registers = [register];
  collectDefaultMetrics({ register });

  const httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route pattern, method and status', labelNames: ['method', 'route', 'status_code'], registers });
  const httpDuration = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP response time by route pattern, method and status', labelNames: ['method', 'route', 'status_code'], buckets: SECONDS, registers });

  const llmRequests = new Counter({ name: 'moolai_llm_requests_total', help: 'LLM requests by provider, model and outcome (success, error, blocked, cancelled)', labelNames: ['provider', 'model', 'status'], registers });
  const tokens = new Counter({ name: 'moolai_llm_tokens_total', help: 'Tokens billed by providers (cache hits excluded), by kind (prompt, completion)', labelNames: ['provider', 'model', 'kind'], registers });
  const cost = new Counter({ name: 'moolai_llm_cost_usd_total', help: 'Provider cost in USD', labelNames: ['provider', 'model'], registers });
  const cacheHits = new Counter({ name: 'moolai_llm_cache_hits_total', help: 'Requests answered from the response cache', registers });
  const cacheMisses = new Counter({ name: 'moolai_llm_cache_misses_total', help: 'Requests that passed the firewall and were not answered from the cache (bypasses included)', registers });
  const tokensSaved = new Counter({ name: 'moolai_llm_cache_tokens_saved_total', help: 'Tokens of the answers served from the cache', registers });
  const costSaved = new Counter({ name: 'moolai_llm_cache_cost_saved_usd_total', help: 'What the answers served from the cache cost originally, in USD', registers });
  const firewall = new Counter({ name: 'moolai_firewall_decisions_total', help: 'Firewall verdicts on LLM prompts (allow, redact, logged, block)', labelNames: ['decision'], registers });
  const latency = new Histogram({ name: 'moolai_llm_request_duration_seconds', help: 'LLM request latency (successful requests) by provider and cache use', labelNames: ['provider', 'cached'], buckets: SECONDS, registers });
  const overhead = new Histogram({ name: 'moolai_gateway_overhead_seconds', help: 'Time a request spent in the gateway outside the provider call', labelNames: ['cached'], buckets: OVERHEAD_SECONDS, registers });

  new Gauge({
    name: 'moolai_queue_depth',
    help: 'Rows waiting in a batch writer for their database',
    labelNames: ['writer'],
    registers,
    collect() {
      this.reset();
      for (const [writer, s] of Object.entries(sources.writers())) this.set({ writer }, s.queued);
    },
  });
  new Counter({
    name: 'moolai_queue_dropped_total',
    help: 'Rows a batch writer dropped because its queue was full (or that came after shutdown)',
    labelNames: ['writer'],
    registers,
    collect() {
      this.reset();
      for (const [writer, s] of Object.entries(sources.writers())) this.inc({ writer }, s.dropped);
    },
  });
  new Counter({
    name: 'moolai_queue_rejected_total',
    help: 'Rows the database refused for their data (each dropped alone; the rest of its batch is written)',
    labelNames: ['writer'],
    registers,
    collect() {
      this.reset();
      for (const [writer, s] of Object.entries(sources.writers())) this.inc({ writer }, s.rejected);
    },
  });
  new Counter({
    name: 'moolai_queue_written_total',
    help: 'Rows a batch writer wrote to its database',
    labelNames: ['writer'],
    registers,
    collect() {
      this.reset();
      for (const [writer, s] of Object.entries(sources.writers())) this.inc({ writer }, s.written);
    },
  });
  new Gauge({ name: 'moolai_http_inflight_requests', help: 'HTTP requests being served', registers, collect() { this.set(sources.inflightRequests()); } });
  new Gauge({ name: 'moolai_websockets_open', help: 'Open chat WebSockets', registers, collect() { this.set(sources.openWebsockets()); } });

  return {
    register,
    observeHttp(method: string, route: string, statusCode: number, seconds: number) {
      const labels = { method, route, status_code: String(statusCode) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
    },
    observeRecord(row: RequestRecord) {
      // A request that never resolved to a provider carries the caller's model string: keep it out of the labels,
      // or anyone could mint series at will.
      const provider = row.provider ?? 'none';
      const model = row.provider ? (row.model ?? 'none') : 'unresolved';
      llmRequests.inc({ provider, model, status: row.status });
      if (row.firewallDecision) firewall.inc({ decision: row.firewallDecision });
      if (row.cached) {
        cacheHits.inc();
        tokensSaved.inc(row.totalTokens ?? 0);
        costSaved.inc(row.savedCostUsd ?? 0);
      } else {
        if (row.firewallDecision && PASSED.has(row.firewallDecision)) cacheMisses.inc();
        tokens.inc({ provider, model, kind: 'prompt' }, row.promptTokens ?? 0);
        tokens.inc({ provider, model, kind: 'completion' }, row.completionTokens ?? 0);
        cost.inc({ provider, model }, row.costUsd ?? 0);
      }
      const cached = String(Boolean(row.cached));
      if (row.status === 'success' && row.latencyMs !== undefined) latency.observe({ provider, cached }, row.latencyMs / 1000);
      if (row.overheadMs !== undefined && row.overheadMs !== null) overhead.observe({ cached }, Math.max(0, row.overheadMs) / 1000);
    },
  };
}
