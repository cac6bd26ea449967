import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';

/**
 * Passes spans on and says in the log when Phoenix cannot take them (the SDK only reports through its own silent
 * diagnostics): the first failure, every 50th after it, and the recovery. Lost spans are counted, never retried.
 */
export class ReportingExporter implements SpanExporter {
  readonly stats = { exported: 0, lost: 0, failedExports: 0 };

  constructor(
    private readonly inner: SpanExporter,
    private readonly log: Logger,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        if (this.stats.failedExports) this.log.info({ after_failures: this.stats.failedExports }, 'trace export resumed');
        this.stats.failedExports = 0;
        this.stats.exported += spans.length;
      } else {
        this.stats.failedExports++;
        this.stats.lost += spans.length;
        if (this.stats.failedExports === 1 || this.stats.failedExports % 50 === 0) {
          this.log.warn({ err: result.error?.message, spans: spans.length, lost: this.stats.lost }, 'trace export failed, spans dropped');
        }
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
