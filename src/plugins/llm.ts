import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createResponseCache, type ResponseCache } from '../cache/response-cache.js';
import { openGate, type PromptGate } from '../firewall/gate.js';
import { createEmbeddings, type Embeddings } from '../llm/embeddings.js';
import { createPipeline, type Pipeline, type PipelineDeps } from '../llm/pipeline.js';
import { loadPricing, type Pricing } from '../llm/pricing.js';
import { createProviderRegistry, type ProviderRegistry } from '../llm/provider-registry.js';
import type { LlmProvider } from '../llm/types.js';
import { BatchWriter } from '../monitoring/batch-writer.js';
import type { RequestRecord } from '../monitoring/request-record.js';
import { insertRequests } from '../monitoring/rollup.js';
import { jsonRow, type JsonRow } from '../storage/recordset-insert.js';

export interface Llm {
  pipeline: Pipeline;
  embeddings: Embeddings;
  cache: ResponseCache;
  registry: ProviderRegistry;
  pricing: Pricing;
  recorder: BatchWriter<RequestRecord, JsonRow<RequestRecord>>;
  /** Also tells `fn` of every request record (Prometheus counters); records still go to the recorder. */
  onRecord(fn: (row: RequestRecord) => void): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    llm: Llm;
  }
}

export interface LlmPluginOptions {
  /** Replace a provider (keyed openai | anthropic | endpoint name); tests use the real ones against fakes instead. */
  providers?: Partial<Record<string, LlmProvider>>;
  /** The firewall gate; open (no scanning) until the firewall plugin provides one. */
  gate?: PromptGate;
}

/** Providers, response cache, request recorder and the pipeline that ties them together. */
export default fp<LlmPluginOptions>(
  async (app, opts) => {
    const { config } = app;
    const log = app.log as unknown as Logger;
    const pricing = loadPricing(config.llm.pricingFile);
    const registry = createProviderRegistry(config, opts.providers);
    const cache = createResponseCache({ kv: app.kv, orgId: config.orgId, ttlSeconds: config.llm.cache.ttlSeconds, enabled: config.llm.cache.enabled, log });
    const recorder = new BatchWriter<RequestRecord, JsonRow<RequestRecord>>({
      name: 'llm_requests',
      encode: jsonRow,
      ...config.recorder,
      // ON CONFLICT: a batch retried after a timeout that had in fact committed must not fail forever. The same
      // statement adds the rows it inserted to the analytics rollups.
      write: async (rows) => {
        await insertRequests(app.dbs.monitoring.db, rows);
      },
      log,
    });
    recorder.start();
    const recordListeners: ((row: RequestRecord) => void)[] = [];
    const deps: PipelineDeps = {
      registry,
      gate: opts.gate ?? (app.hasDecorator('firewallGate') ? app.firewallGate : openGate),
      cache,
      pricing,
      record: (row) => {
        recorder.enqueue(row);
        for (const fn of recordListeners) fn(row);
      },
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
      acquireStreamSlot: (userId) => app.rateLimiter.acquireStream(userId),
    };
    const pipeline = createPipeline(deps);
    const embeddings = createEmbeddings(deps);
    registry.warm();
    app.decorate('llm', { pipeline, embeddings, cache, registry, pricing, recorder, onRecord: (fn) => void recordListeners.push(fn) });
    app.addHook('onClose', async () => {
      // Answers finished just before shutdown are stored before the cache plugin closes Redis (its hook runs later).
      await cache.flushPending();
      await recorder.close();
      await registry.close();
    });
  },
  { name: 'llm', dependencies: ['config', 'storage', 'cache', 'limits'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Provided by the firewall plugin when it is registered before this one. */
    firewallGate: PromptGate;
  }
}
