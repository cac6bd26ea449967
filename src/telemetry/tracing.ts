import { SEMRESATTRS_PROJECT_NAME } from '@arizeai/openinference-semantic-conventions';
import type { Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { ReportingExporter } from './exporter.js';

/**
 * Export never sits on the request path: ended spans go into a bounded queue (spans beyond it are dropped) and a
 * timer ships them in batches. A slow or dead Phoenix costs at most a failed batch every second, never a request.
 */
const BATCH = { queueMaxSize: 2048, maxExportBatchSize: 128, scheduledDelayMillis: 1_000, exportTimeoutMillis: 5_000 };
/** A 1 MB prompt must not make a 1 MB span: strings are cut at 16 KB (prompts and answers included). */
const SPAN_LIMITS = { attributeValueLengthLimit: 16_384, attributeCountLimit: 128 };
/** How long app close waits for the last spans to leave (SIGTERM must not hang on a dead Phoenix). */
const SHUTDOWN_BUDGET_MS = 3_000;

export interface Tracing {
  tracer: Tracer;
  propagator: W3CTraceContextPropagator;
  exporter: ReportingExporter;
  /** Exports every ended span now (tests; before shutdown). */
  flush(): Promise<void>;
  /** Flushes within a time budget, then stops the exporter. */
  shutdown(): Promise<void>;
}

export function createTracing(config: Config, endpoint: string, log: Logger): Tracing {
  const exporter = new ReportingExporter(new OTLPTraceExporter({ url: endpoint, timeoutMillis: BATCH.exportTimeoutMillis }), log);
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        'service.name': config.tracing.serviceName,
        'service.version': config.version,
        'service.instance.id': config.orchestratorId,
        // Phoenix files the traces under this project.
        [SEMRESATTRS_PROJECT_NAME]: config.tracing.serviceName,
        'moolai.org_id': config.orgId,
      }),
    ),
    // A caller's traceparent decides whether its trace is sampled; our own traces follow the ratio.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.tracing.sampleRatio) }),
    spanLimits: SPAN_LIMITS,
    spanProcessors: [new BatchSpanProcessor({ exporter, ...BATCH })],
  });
  return {
    tracer: provider.getTracer('moolai-orchestrator', config.version),
    propagator: new W3CTraceContextPropagator(),
    exporter,
    flush: () => provider.forceFlush(),
    async shutdown() {
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_BUDGET_MS)));
      await Promise.race([provider.shutdown().catch((err: unknown) => log.warn({ err }, 'tracing shutdown failed')), budget]);
      clearTimeout(timer);
    },
  };
}
