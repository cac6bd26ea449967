/**
 * The request log (GET /api/v1/analytics/prompts): a dense table of LLM requests, newest first (cursor pages), each
 * opening its drawer (request-drawer.js) at its own address. The list never reads stored text (include_text=false):
 * a text is fetched, and its read recorded, only when someone opens that request. CSV export of the filtered set.
 */
import { get, qs, session } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { dec, int, ms, usd, when } from '../format.js';
import { problem } from '../ui.js';
import { logHash } from './request-log-url.js';

const PAGE_SIZE = 50;
export const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'success', label: 'Answered' },
  { value: 'error', label: 'Failed' },
  { value: 'blocked', label: 'Blocked' },
  { value: 'cancelled', label: 'Cancelled' },
];
/** The same words in the filter and on the badges. */
export const statusLabel = (s) => STATUSES.find((x) => x.value === s)?.label ?? s;
export const DECISION_LABELS = { allow: 'Allowed', block: 'Blocked', redact: 'Redacted', logged: 'Logged' };

export function cacheLabel(p) {
  if (!p.cached) return '—';
  return p.cache_similarity === null ? 'exact hit' : `semantic ${dec(p.cache_similarity)}`;
}

/** learnUsers(pairs of [id, username]); the table is re-filled by load(panel, filters, isStopped). */
export function promptLogView({ userName, learnUsers }) {
  let logging = null;
  async function load(panel, filters, isStopped, cursor) {
    if (!cursor) replace(panel, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    try {
      const res = await get(`/api/v1/analytics/prompts${qs({ ...filters, include_text: 'false', limit: PAGE_SIZE, cursor })}`);
      if (isStopped()) return;
      logging = res.prompt_logging ?? null;
      const items = res.items ?? [];
      learnUsers(items.map((p) => [p.user_id, p.username]), items);
      let body = panel.querySelector('tbody.log-rows');
      if (!cursor) {
        body = h('tbody', { class: 'log-rows' });
        const exportBtn = h('button', { type: 'button', class: 'secondary', onclick: (e) => exportCsv(e.currentTarget, filters) }, 'Export CSV');
        replace(
          panel,
          logging && !logging.enabled ? notice('info', `No new prompt text is stored: ${logging.note}.`) : null,
          h('div', { class: 'log-head' }, h('p', { class: 'muted', role: 'status' }, items.length ? 'Newest requests first. Open one for its details.' : 'No requests match these filters.'), exportBtn),
          h(
            'div',
            { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Request log' },
            h(
              'table',
              { class: 'log-table dense' },
              h('caption', { class: 'visually-hidden' }, 'Requests, newest first'),
              h('thead', {}, h('tr', {}, HEADERS.map(([label, cls]) => h('th', { scope: 'col', class: cls }, label)))),
              body,
            ),
          ),
        );
      }
      panel.querySelector('.more')?.remove();
      body.append(...items.map((p) => row(p, filters)));
      if (res.next_cursor) panel.append(h('button', { type: 'button', class: 'secondary more', onclick: () => load(panel, filters, isStopped, res.next_cursor) }, 'Load older requests'));
    } catch (err) {
      if (!isStopped()) replace(panel, problem(err, 'The prompt log'));
    }
  }

  const HEADERS = [['Time'], ['User or key'], ['Model'], ['Status'], ['Tokens', 'num'], ['Cost', 'num'], ['Latency', 'num'], ['Cache'], ['Firewall'], ['Request']];

  function row(p, filters) {
    const decision = p.firewall_decision;
    const who = p.username ?? userName(p.user_id);
    return h(
      'tr',
      { class: `entry decision-row-${decision ?? 'none'}`, dataset: { requestId: p.request_id, decision: decision ?? '', status: p.status } },
      h('td', { 'data-label': 'Time' }, h('time', { datetime: p.created_at, class: 'entry-time' }, when(p.created_at))),
      h('td', { 'data-label': 'User or key' }, h('span', { class: 'entry-user' }, who), p.key_name || p.api_key_id ? h('span', { class: 'muted key-name' }, ` · key ${p.key_name ?? p.api_key_id}`) : null),
      h('td', { 'data-label': 'Model' }, p.model ?? '—'),
      h('td', { 'data-label': 'Status' }, h('span', { class: `badge status-${p.status}`, title: p.error_code ?? null }, statusLabel(p.status)), p.error_code && p.status !== 'blocked' ? h('span', { class: 'muted error-code' }, ` ${p.error_code}`) : null),
      h('td', { class: 'num', 'data-label': 'Tokens' }, int(p.total_tokens)),
      h('td', { class: 'num', 'data-label': 'Cost' }, usd(p.cost_usd)),
      h('td', { class: 'num', 'data-label': 'Latency' }, ms(p.latency_ms)),
      h('td', { 'data-label': 'Cache' }, cacheLabel(p)),
      h('td', { 'data-label': 'Firewall' }, decision ? h('span', { class: `badge decision-${decision}` }, DECISION_LABELS[decision] ?? decision) : '—'),
      h(
        'td',
        { 'data-label': 'Request' },
        h('a', { href: logHash(filters, p.request_id), class: 'open-request', 'aria-label': `Details of request ${p.request_id}` }, 'Details'),
        p.text ? h('span', { class: `badge text-badge mode-${p.text.mode}`, title: p.text.mode === 'masked' ? 'Prompt text stored, findings masked' : 'Prompt text stored as sent' }, `text ${p.text.mode}`) : null,
      ),
    );
  }

  /** Fetches the CSV with the session's token and hands it to the browser as a download. */
  async function exportCsv(button, filters) {
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Exporting…';
    try {
      const res = await fetch(`/api/v1/analytics/prompts/export${qs(filters)}`, { headers: { authorization: `Bearer ${session.token}`, accept: 'text/csv' } });
      if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `${res.status} ${res.statusText}`);
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'requests.csv';
      const a = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      button.after(notice('error', `The export failed: ${err.message}`));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  return { load: (panel, filters, isStopped) => load(panel, filters, isStopped), logging: () => logging };
}
