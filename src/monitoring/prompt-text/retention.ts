import type { Logger } from 'pino';
import { describeDbError } from '../../storage/errors.js';
import type { PromptTextsRepo } from '../../storage/monitoring/prompt-texts-repo.js';

export interface TextRetentionOptions {
  repo: Pick<PromptTextsRepo, 'deleteTextsBefore' | 'deleteAccessBefore'>;
  /** PROMPT_LOG_RETENTION_DAYS: stored text older than this goes. */
  textDays: number;
  /** MONITORING_RETENTION_DAYS: the audit trail of reads stays as long as the records it speaks of. */
  auditDays: number;
  intervalMs: number;
  firstRunDelayMs?: number;
  batchSize?: number;
  log: Logger;
}

export interface TextRetentionResult {
  texts: number;
  accessEntries: number;
}

/**
 * Deletes stored prompt text past PROMPT_LOG_RETENTION_DAYS (and audit entries past the records' retention) in small
 * batches on a timer, like the records' retention (monitoring/retention.ts) but on its own, shorter clock. Several
 * instances may run it at once: a batch another instance took is simply found empty.
 */
export class PromptTextRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TextRetentionResult> | undefined;
  private stopped = false;

  constructor(private readonly opts: TextRetentionOptions) {}

  start(): void {
    this.timer = setTimeout(() => void this.tick(), this.opts.firstRunDelayMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    try {
      await this.runOnce();
    } catch (err) {
      this.opts.log.warn({ err: describeDbError(err) }, 'prompt text retention run failed, will retry');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.opts.intervalMs);
      this.timer.unref();
    }
  }

  /** Deletes everything past retention now. */
  runOnce(now = new Date()): Promise<TextRetentionResult> {
    this.running ??= this.run(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(now: Date): Promise<TextRetentionResult> {
    const limit = this.opts.batchSize ?? 1_000;
    const day = 86_400_000;
    const texts = await this.drain((n) => this.opts.repo.deleteTextsBefore(new Date(now.getTime() - this.opts.textDays * day), n), limit);
    const accessEntries = await this.drain((n) => this.opts.repo.deleteAccessBefore(new Date(now.getTime() - this.opts.auditDays * day), n), limit);
    if (texts || accessEntries) this.opts.log.info({ prompt_texts: texts, access_entries: accessEntries, retention_days: this.opts.textDays }, 'prompt text retention run');
    return { texts, accessEntries };
  }

  private async drain(batch: (limit: number) => Promise<number>, limit: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await batch(limit);
      deleted += n;
      if (n < limit || this.stopped) return deleted;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
