import type { PromptLogPage } from './prompt-log.js';

type Item = PromptLogPage['items'][number];

/** At most this many rows in one export (the log is paged through 200 at a time). */
export const EXPORT_MAX_ROWS = 10_000;

/** The export's columns: figures and ids, never prompt or answer text. */
export const CSV_COLUMNS: [string, (i: Item) => string | number | boolean | null][] = [
  ['time', (i) => i.created_at],
  ['request_id', (i) => i.request_id],
  ['client_request_id', (i) => i.client_request_id],
  ['user_id', (i) => i.user_id],
  ['username', (i) => i.username],
  ['api_key_id', (i) => i.api_key_id],
  ['key_name', (i) => i.key_name],
  ['endpoint', (i) => i.endpoint],
  ['provider', (i) => i.provider],
  ['model', (i) => i.model],
  ['status', (i) => i.status],
  ['error_code', (i) => i.error_code],
  ['firewall_decision', (i) => i.firewall_decision],
  ['cached', (i) => i.cached],
  ['prompt_tokens', (i) => i.prompt_tokens],
  ['completion_tokens', (i) => i.completion_tokens],
  ['total_tokens', (i) => i.total_tokens],
  ['cost_usd', (i) => i.cost_usd],
  ['latency_ms', (i) => i.latency_ms],
  ['ttft_ms', (i) => i.ttft_ms],
];

/**
 * One CSV cell (RFC 4180 quoting). A text starting with = + - @ or a tab is prefixed with ' so a spreadsheet does
 * not run it as a formula (a username or key name is typed by people).
 */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(items: readonly T[], columns: [string, (i: T) => string | number | boolean | null][]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const i of items) lines.push(columns.map(([, get]) => csvCell(get(i))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
