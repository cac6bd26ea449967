import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANALYSTS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { resolveRange } from '../monitoring/analytics-range.js';
import { promptsQuery } from '../monitoring/prompt-log.js';
import { toCsv, CSV_COLUMNS, EXPORT_MAX_ROWS } from '../monitoring/request-log-csv.js';
import { usageQuery, usageResponse } from '../monitoring/usage.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { errorSchema } from './schemas.js';

async function fromMonitoringDb<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    throw new AppError('DATABASE_UNAVAILABLE', 'the monitoring database is not available', { cause: err, retryAfterS: 5 });
  }
}

const PAGE = 200;

/** Spend and usage breakdowns, the request log's CSV export, and what a request's drawer joins (issue #19). */
export const requestLogRoutes: FastifyPluginAsyncZod = async (app) => {
  const phoenix = app.config.evaluation.phoenix;

  app.get(
    '/api/v1/analytics/usage',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['analytics'],
        summary: 'Spend over [from, to): user × model and per API key (most expensive first, with usernames and key names), cost per bucket by model and by user, latency p50/p95 per bucket',
        querystring: usageQuery,
        response: { 200: usageResponse, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const range = resolveRange(request.query);
      if ('field' in range) throw new AppError('VALIDATION_ERROR', `querystring.${range.field}: ${range.message}`);
      return fromMonitoringDb(() => app.repos.usage.usage(range));
    },
  );

  app.get(
    '/api/v1/analytics/prompts/export',
    {
      schema: {
        tags: ['analytics'],
        summary: `The request log's filtered set as CSV, newest first (the filters of /api/v1/analytics/prompts; at most ${EXPORT_MAX_ROWS} rows, never the prompt text). Developers export their own requests only`,
        querystring: promptsQuery.omit({ cursor: true, limit: true, include_text: true }),
        response: { 200: z.string().describe('text/csv'), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request, reply) => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await fromMonitoringDb(() =>
          app.services.promptText.service.list(request.principal!, { ...request.query, include_text: 'false', limit: PAGE, ...(cursor ? { cursor } : {}) }),
        );
        items.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor && items.length < EXPORT_MAX_ROWS);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="requests-${stamp}.csv"`)
        .header('x-moolai-truncated', String(items.length > EXPORT_MAX_ROWS || Boolean(cursor)))
        .send(toCsv(items.slice(0, EXPORT_MAX_ROWS), CSV_COLUMNS));
    },
  );

  app.get(
    '/api/v1/analytics/requests/:id/context',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['analytics'],
        summary: "What the request log's drawer joins to one request: its firewall events (findings masked) and its trace in Phoenix when PHOENIX_URL is set",
        params: z.object({ id: z.string().min(1).max(128) }),
        response: {
          200: z.object({
            request_id: z.string(),
            firewall_events: z.array(
              z.object({
                id: z.number(),
                source: z.string(),
                decision: z.string(),
                mode: z.string(),
                risk_level: z.string(),
                reasons: z.array(z.string()),
                findings: z.array(z.unknown()).describe('Masked findings: never the matched text itself'),
                scanner_timings_ms: z.record(z.string(), z.number()),
                created_at: z.string(),
              }),
            ),
            trace: z.object({ trace_id: z.string(), span_id: z.string(), url: z.string().nullable() }).nullable(),
          }),
          '4xx': errorSchema,
          '5xx': errorSchema,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const record = await fromMonitoringDb(() => app.repos.usage.record(id));
      if (!record) throw new AppError('NOT_FOUND', `no request ${id} in the request log`);
      const [events, span] = await Promise.all([app.repos.usage.firewallEventsOf(id, record.createdAt), fromMonitoringDb(() => app.repos.quality.spanOf(id))]);
      return {
        request_id: id,
        firewall_events: events.map((e) => ({
          id: e.id,
          source: e.source,
          decision: e.decision,
          mode: e.mode,
          risk_level: e.riskLevel,
          reasons: e.reasons,
          findings: e.findings,
          scanner_timings_ms: e.scannerTimingsMs,
          created_at: e.createdAt.toISOString(),
        })),
        // Phoenix resolves an OpenTelemetry trace id to its trace view at /redirects/traces/<id>.
        trace: span ? { trace_id: span.traceId, span_id: span.spanId, url: phoenix ? `${phoenix.url}/redirects/traces/${span.traceId}` : null } : null,
      };
    },
  );
};
