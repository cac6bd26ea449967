import type { llmRequests } from '../storage/monitoring/schema.js';

/** One row of llm_requests, as the pipeline produces it. */
export type RequestRecord = typeof llmRequests.$inferInsert;
