import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Engine } from '../../firewall/engine.js';
import { jsonRow, type JsonRow } from '../../storage/recordset-insert.js';
import type { Repos } from '../../storage/repos.js';
import { BatchWriter } from '../batch-writer.js';
import { createPromptTextLog, type PromptTextLog, type PromptTextRow } from './capture.js';
import { PromptLoggingStore } from './mode-store.js';
import { PromptTextRetention } from './retention.js';
import { createPromptTextService, type PromptTextService } from './service.js';

/** Rows waiting for the monitoring database: up to ~130 KB each (two capped texts), so fewer than request records. */
const QUEUE_MAX = 1_000;
const HOUR_MS = 3_600_000;

export interface PromptText {
  store: PromptLoggingStore;
  /** The hook RequestRun.finish calls (PipelineDeps.promptText). */
  log: PromptTextLog;
  writer: BatchWriter<PromptTextRow, JsonRow<PromptTextRow>>;
  retention: PromptTextRetention;
  service: PromptTextService;
  start(): void;
  /** Writes what was captured and stops; call after the request path has drained. */
  close(): Promise<void>;
}

/**
 * Stored prompt text (PROMPT_LOGGING), built in one place: the mode synced across instances, the capture hook, the
 * batched writer into prompt_texts, its retention and the service the routes call.
 */
export async function createPromptText(config: Config, infra: { redis: Redis | undefined; log: Logger }, repos: Repos, engine: Engine): Promise<PromptText> {
  const log = infra.log.child({ component: 'prompt-text' });
  const c = config.promptLogging;
  const store = new PromptLoggingStore({
    repo: repos.promptLogging,
    start: c.mode,
    fullAllowed: c.fullAllowed,
    log,
    ...(infra.redis ? { redis: infra.redis } : {}),
    channel: `${config.redis.keyPrefix}prompt-logging:changes:${config.orgId}`,
    reloadIntervalMs: config.firewall.rulesReloadMs,
  });
  await store.start();
  const writer = new BatchWriter<PromptTextRow, JsonRow<PromptTextRow>>({
    name: 'prompt_texts',
    encode: jsonRow,
    queueMax: Math.min(config.recorder.queueMax, QUEUE_MAX),
    batchSize: Math.min(config.recorder.batchSize, 100),
    flushIntervalMs: config.recorder.flushIntervalMs,
    write: (rows) => repos.promptTexts.insert(rows),
    log,
  });
  writer.start();
  const textLog = createPromptTextLog({ mode: () => store.mode, engine, orgId: config.orgId, enqueue: (row) => writer.enqueue(row), log });
  const retention = new PromptTextRetention({ repo: repos.promptTexts, textDays: c.retentionDays, auditDays: config.monitoring.retentionDays, intervalMs: HOUR_MS, log });
  const service = createPromptTextService({ repos, store, analystsSeeText: c.analystsSeeText, retentionDays: c.retentionDays });
  if (store.mode !== 'off') log.info({ mode: store.mode }, 'prompt logging is on: prompt and answer text are stored');
  return {
    store,
    log: textLog,
    writer,
    retention,
    service,
    start: () => retention.start(),
    async close() {
      await retention.stop();
      store.stop();
      textLog.drain();
      await writer.close();
    },
  };
}
