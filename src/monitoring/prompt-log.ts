import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { llmRequests as r, promptTexts as t } from '../storage/monitoring/schema.js';
import { apiKeys, users } from '../storage/orchestrator/schema.js';
import { isoDate } from './analytics-range.js';
import { iso, numOrNull, num, rows, type AnyPgDb } from './sql-rows.js';

/**
 * Whose stored text a page shows (monitoring/prompt-text/access.ts decides): everyone's, the caller's own, or none
 * (the text is then not even read from the database).
 */
export type TextView = { scope: 'all' } | { scope: 'own'; userId: string } | { scope: 'none' };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(.{1,128})$/;

export const promptsQuery = z.object({
  request_id: z
    .string()
    .max(128)
    .optional()
    .describe('A record id (x-moolai-record-id, the request_id of a body), or a caller’s own x-request-id: every request sent with it'),
  user_id: z.string().max(200).optional(),
  model: z.string().max(200).optional().describe('Exact model name'),
  api_key_id: z.string().max(200).optional().describe('Requests made with this API key'),
  status: z.enum(['success', 'error', 'blocked', 'cancelled']).optional(),
  firewall_decision: z.enum(['allow', 'redact', 'logged', 'block']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  has_text: z.enum(['true', 'false']).optional().describe('true: only requests whose text is stored; false: only those without'),
  include_text: z
    .enum(['true', 'false'])
    .default('true')
    .describe('false: say whether text is stored, without reading it (no read is recorded); the dashboard lists this way'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(400)
    .refine((c) => CURSOR.test(Buffer.from(c, 'base64url').toString('utf8')), 'is not a cursor this API returned')
    .optional()
    .describe('next_cursor of the previous page'),
});
export type PromptsQuery = z.infer<typeof promptsQuery>;

interface Row {
  id: string;
  client_request_id: string | null;
  user_id: string | null;
  api_key_id: string | null;
  endpoint: string;
  model: string | null;
  provider: string | null;
  status: string;
  error_code: string | null;
  firewall_decision: string | null;
  cached: boolean;
  cache_similarity: unknown;
  stream: boolean;
  latency_ms: unknown;
  ttft_ms: unknown;
  prompt_tokens: unknown;
  completion_tokens: unknown;
  total_tokens: unknown;
  cost_usd: unknown;
  created_at: Date | string;
  /** created_at to the microsecond, for the cursor (a JS Date keeps milliseconds only). */
  created_key: string;
  text_mode: 'masked' | 'full' | null;
  text_visible: boolean;
  prompt: string | null;
  prompt_length: number | null;
  response: string | null;
  response_length: number | null;
  findings: unknown[] | null;
}

/**
 * One page of the request log, newest first, with keyset pagination on (created_at, id), so pages stay stable while
 * new requests arrive. Usernames come from the orchestrator database (another server, perhaps): a failure there
 * leaves them null rather than failing the page.
 */
export async function promptLog(monitoring: AnyPgDb, orchestrator: AnyPgDb, orgId: string, q: PromptsQuery, view: TextView = { scope: 'none' }, onlyUser?: string) {
  const where: SQL[] = [sql`${r.orgId} = ${orgId}`];
  if (onlyUser !== undefined) where.push(sql`${r.userId} = ${onlyUser}`);
  if (q.has_text) where.push(q.has_text === 'true' ? sql`${t.requestId} is not null` : sql`${t.requestId} is null`);
  if (q.request_id) where.push(sql`(${r.id} = ${q.request_id} or ${r.clientRequestId} = ${q.request_id})`);
  if (q.user_id) where.push(sql`${r.userId} = ${q.user_id}`);
  if (q.model) where.push(sql`${r.model} = ${q.model}`);
  if (q.api_key_id) where.push(sql`${r.apiKeyId} = ${q.api_key_id}`);
  if (q.status) where.push(sql`${r.status} = ${q.status}`);
  if (q.firewall_decision) where.push(sql`${r.firewallDecision} = ${q.firewall_decision}`);
  if (q.from) where.push(sql`${r.createdAt} >= ${q.from}::timestamptz`);
  if (q.to) where.push(sql`${r.createdAt} < ${q.to}::timestamptz`);
  if (q.cursor) {
    const [, at, id] = CURSOR.exec(Buffer.from(q.cursor, 'base64url').toString('utf8'))!;
    where.push(sql`(${r.createdAt}, ${r.id}) < (${at}::timestamptz, ${id})`);
  }
  // The text itself is read only where the caller may see it; whether there is any is always said.
  const visible = view.scope === 'all' ? sql`true` : view.scope === 'own' ? sql`${t.userId} = ${view.userId}` : sql`false`;
  const shown = (col: SQLWrapper) => sql`case when ${visible} then ${col} end`;
  const found = await rows<Row>(
    monitoring,
    sql`select ${r.id} as id, ${r.clientRequestId} as client_request_id, ${r.userId} as user_id, ${r.apiKeyId} as api_key_id, ${r.endpoint} as endpoint, ${r.model} as model, ${r.provider} as provider,
        ${r.status} as status, ${r.errorCode} as error_code, ${r.firewallDecision} as firewall_decision, ${r.cached} as cached,
        ${r.cacheSimilarity} as cache_similarity, ${r.stream} as stream, ${r.latencyMs} as latency_ms, ${r.ttftMs} as ttft_ms, ${r.promptTokens} as prompt_tokens,
        ${r.completionTokens} as completion_tokens, ${r.totalTokens} as total_tokens, ${r.costUsd} as cost_usd, ${r.createdAt} as created_at,
        to_char(${r.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key,
        ${t.mode} as text_mode, coalesce(${t.requestId} is not null and ${visible}, false) as text_visible,
        ${shown(t.prompt)} as prompt, ${shown(t.promptLength)} as prompt_length, ${shown(t.response)} as response,
        ${shown(t.responseLength)} as response_length, ${shown(t.findings)} as findings
      from ${r} left join ${t} on ${t.requestId} = ${r.id} and ${t.orgId} = ${r.orgId}
      where ${sql.join(where, sql` and `)}
      order by ${r.createdAt} desc, ${r.id} desc limit ${q.limit}`,
  );
  const ids = (col: 'user_id' | 'api_key_id') => [...new Set(found.map((f) => f[col]).filter((u): u is string => u !== null))];
  const [names, keyNames] = await Promise.all([usernames(orchestrator, orgId, ids('user_id')), keyNamesOf(orchestrator, orgId, ids('api_key_id'))]);
  const last = found.at(-1);
  return {
    items: found.map((f) => ({
      request_id: f.id,
      client_request_id: f.client_request_id,
      user_id: f.user_id,
      username: f.user_id ? (names.get(f.user_id) ?? null) : null,
      api_key_id: f.api_key_id,
      key_name: f.api_key_id ? (keyNames.get(f.api_key_id) ?? null) : null,
      endpoint: f.endpoint,
      model: f.model,
      provider: f.provider,
      status: f.status,
      error_code: f.error_code,
      firewall_decision: f.firewall_decision,
      cached: f.cached,
      cache_similarity: numOrNull(f.cache_similarity),
      stream: f.stream,
      latency_ms: num(f.latency_ms),
      ttft_ms: numOrNull(f.ttft_ms),
      prompt_tokens: num(f.prompt_tokens),
      completion_tokens: num(f.completion_tokens),
      total_tokens: num(f.total_tokens),
      cost_usd: num(f.cost_usd),
      created_at: iso(f.created_at),
      prompt: f.prompt,
      response: f.response,
      text: f.text_mode
        ? {
            mode: f.text_mode,
            visible: f.text_visible,
            prompt_length: numOrNull(f.prompt_length),
            response_length: numOrNull(f.response_length),
            findings: (f.findings ?? []) as TextFindingOut[],
          }
        : null,
    })),
    next_cursor: found.length === q.limit && last ? Buffer.from(`${last.created_key}|${last.id}`).toString('base64url') : null,
  };
}

/** A stored finding (monitoring/prompt-text/prepare.ts, StoredFinding): where it is in the stored text. */
interface TextFindingOut {
  field: 'prompt' | 'response';
  scanner: string;
  type: string;
  action: string;
  start: number;
  end: number;
  score: number;
}

export type PromptLogPage = Awaited<ReturnType<typeof promptLog>>;

/** API key names by id (revoked keys keep theirs); like usernames, a failure leaves them unnamed. */
export async function keyNamesOf(db: AnyPgDb, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  try {
    const found = await rows<{ id: string; name: string }>(
      db,
      sql`select ${apiKeys.id} as id, ${apiKeys.name} as name from ${apiKeys} where ${apiKeys.orgId} = ${orgId} and ${apiKeys.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
    );
    return new Map(found.map((k) => [k.id, k.name]));
  } catch {
    return new Map();
  }
}

export async function usernames(db: AnyPgDb, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  try {
    const found = await rows<{ id: string; username: string }>(
      db,
      sql`select ${users.id} as id, ${users.username} as username from ${users} where ${users.orgId} = ${orgId} and ${users.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
    );
    return new Map(found.map((u) => [u.id, u.username]));
  } catch {
    return new Map();
  }
}
