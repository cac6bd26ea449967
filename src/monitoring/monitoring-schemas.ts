import { z } from 'zod';

/** Response shapes of the monitoring and analytics routes, declared for validation and the OpenAPI document. */

const sample = z.object({
  created_at: z.string(),
  cpu_percent: z.number(),
  rss_bytes: z.number(),
  heap_used_bytes: z.number(),
  event_loop_p50_ms: z.number(),
  event_loop_p99_ms: z.number(),
  open_websockets: z.number(),
  inflight_requests: z.number(),
  queue_depth: z.number(),
  dropped_total: z.number(),
});

export const systemMetricsResponse = z.object({
  orchestrator_id: z.string(),
  interval_s: z.number(),
  current: sample,
  queues: z.record(
    z.string(),
    z.object({
      queued: z.number().describe('Rows accepted and not yet written: what an abrupt kill would lose now'),
      written: z.number(),
      dropped: z.number().describe('Rows dropped because the queue was full (oldest first), or that came after shutdown'),
      rejected: z.number().describe('Rows the database refused for their data, each dropped alone (the rest of its batch is written)'),
      failed_flushes: z.number(),
      last_error: z.string().nullable(),
    }),
  ),
  source: z.enum(['database', 'memory']).describe('Where the series came from: system_metrics, or the in-memory ring when the database is away'),
  series: z.array(sample).describe('Oldest first'),
});

const figures = {
  requests: z.number(),
  errors: z.number(),
  blocked: z.number(),
  cancelled: z.number(),
  cache_hits: z.number(),
  tokens_in: z.number().describe('Prompt tokens billed by providers (cache hits excluded)'),
  tokens_out: z.number().describe('Completion tokens billed by providers (cache hits excluded)'),
  cost_usd: z.number(),
  avg_latency_ms: z.number().nullable(),
};
const percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

export const overviewResponse = z.object({
  org_id: z.string(),
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['minute', 'hour', 'day']),
  totals: z.object({
    ...figures,
    success: z.number(),
    cache_misses: z.number().describe('Requests that passed the firewall and were not answered from the cache'),
    cache_hit_rate: z.number(),
    tokens_saved: z.number().describe('Tokens of the answers served from the cache'),
    cost_saved_usd: z.number().describe('What the answers served from the cache cost originally'),
    latency_ms: percentiles.describe('Successful requests, cache hits included'),
    ttft_ms: percentiles,
    percentiles: z
      .enum(['exact', 'approximate'])
      .describe(
        'How latency_ms and ttft_ms were computed. approximate: from the log-spaced histogram buckets of the hourly rollups (each bucket 9 % wide), so within ±9 % of the exact value (typically ±1 %); counts, tokens and costs are exact either way. exact: percentile_cont over the raw rows, when the range holds no whole UTC hour or asks for minute buckets',
      ),
  }),
  by_model: z.array(z.object({ model: z.string().nullable(), provider: z.string().nullable(), ...figures })),
  by_provider: z.array(z.object({ provider: z.string().nullable(), ...figures })),
  by_user: z.array(z.object({ user_id: z.string().nullable(), username: z.string().nullable().describe('null: anonymous, deleted, or the orchestrator database did not answer'), ...figures })).describe('The 50 busiest users'),
  by_firewall_reason: z.array(z.object({ reason: z.string(), decision: z.string(), events: z.number() })).describe('Blocked and redacted prompts and answers'),
  series: z.array(z.object({ bucket_start: z.string(), ...figures })),
  warnings: z.array(z.string()),
});

export const promptsResponse = z.object({
  items: z.array(
    z.object({
      request_id: z.string().describe('The record id the gateway minted (x-moolai-record-id)'),
      client_request_id: z.string().nullable().describe('The caller’s own x-request-id, when it sent one'),
      user_id: z.string().nullable(),
      username: z.string().nullable(),
      api_key_id: z.string().nullable().describe('The API key the request came with; null for a login token'),
      key_name: z.string().nullable(),
      endpoint: z.string(),
      model: z.string().nullable(),
      provider: z.string().nullable(),
      status: z.string(),
      error_code: z.string().nullable(),
      firewall_decision: z.string().nullable(),
      cached: z.boolean(),
      cache_similarity: z.number().nullable().describe('A semantic cache hit: similarity of the question with the one whose answer was served; null otherwise'),
      stream: z.boolean(),
      latency_ms: z.number(),
      ttft_ms: z.number().nullable(),
      prompt_tokens: z.number(),
      completion_tokens: z.number(),
      total_tokens: z.number(),
      cost_usd: z.number(),
      created_at: z.string(),
      prompt: z.string().nullable().describe('The stored prompt (every text the provider saw, joined by blank lines), when stored and the caller may read it; else null'),
      response: z.string().nullable().describe('The stored answer, likewise; null also when there was none (blocked, failed, embeddings)'),
      text: z
        .object({
          mode: z.enum(['masked', 'full']).describe('How it was stored: masked (every finding masked) or full (as sent)'),
          visible: z.boolean().describe('Whether this caller may read it (and this page carries it)'),
          prompt_length: z.number().nullable().describe('Characters of the whole prompt; the stored text holds the first 32,768'),
          response_length: z.number().nullable(),
          findings: z
            .array(
              z.object({
                field: z.enum(['prompt', 'response']),
                scanner: z.string(),
                type: z.string(),
                action: z.string(),
                start: z.number(),
                end: z.number(),
                score: z.number(),
              }),
            )
            .describe("The firewall's findings, as offsets into the stored text (a masked finding: its marker)"),
        })
        .nullable()
        .describe('null: no text is stored for this request'),
    }),
  ),
  next_cursor: z.string().nullable(),
  prompt_logging: z.object({
    enabled: z.boolean(),
    mode: z.enum(['off', 'masked', 'full']).describe('The mode in force now (PROMPT_LOGGING, or an admin’s choice)'),
    text_access: z.enum(['all', 'own']).describe('Whose stored text this caller may read'),
    note: z.string(),
  }),
});
