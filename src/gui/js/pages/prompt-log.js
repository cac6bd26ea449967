/**
 * The prompt log (GET /api/v1/analytics/prompts): one entry per LLM request with its user, model, outcome, firewall
 * decision and figures, newest first (cursor pages), details on demand. The list never reads stored text
 * (include_text=false): a text is fetched, and its read recorded, only when someone opens that request's details.
 */
import { get, qs, session } from '../api.js';
import { h, newId, notice, replace } from '../dom.js';
import { dec, int, ms, usd, when } from '../format.js';
import { problem } from '../ui.js';
import { EVENT_SOURCES, facts } from './prompt-details.js';
import { mayRead, storedText } from './prompt-text.js';
import { qualityOf } from './quality.js';

const PAGE_SIZE = 50;
export const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'success', label: 'Answered' },
  { value: 'error', label: 'Failed' },
  { value: 'blocked', label: 'Blocked' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** learnUsers(pairs of [id, username]); showEventsOf(userId) switches to that user's firewall decisions. */
export function promptLogView({ userName, learnUsers, showEventsOf }) {
  /** The list's prompt_logging: the mode and whose text this caller may read. */
  let logging = null;
  async function load(panel, filters, isStopped, cursor) {
    if (!cursor) replace(panel, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    try {
      const res = await get(`/api/v1/analytics/prompts${qs({ ...filters, include_text: 'false', limit: PAGE_SIZE, cursor })}`);
      if (isStopped()) return;
      logging = res.prompt_logging ?? null;
      const items = res.items ?? [];
      learnUsers(items.map((p) => [p.user_id, p.username]));
      let list = panel.querySelector('ol.entries');
      if (!cursor) {
        list = h('ol', { class: 'entries', 'aria-label': 'Requests, newest first' });
        replace(
          panel,
          logging && !logging.enabled ? notice('info', `No new prompt text is stored: ${logging.note}.`) : null,
          h('p', { class: 'muted', role: 'status' }, items.length ? 'Showing the newest requests.' : 'No requests match these filters.'),
          list,
        );
      }
      panel.querySelector('.more')?.remove();
      list.append(...items.map((p) => entry(p)));
      if (res.next_cursor) panel.append(h('button', { type: 'button', class: 'secondary more', onclick: () => load(panel, filters, isStopped, res.next_cursor) }, 'Load older requests'));
    } catch (err) {
      if (!isStopped()) replace(panel, problem(err, 'The prompt log'));
    }
  }

  function entry(p) {
    const detailsId = newId('pr');
    const toggle = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': detailsId }, 'Details');
    const details = h('div', { id: detailsId, class: 'entry-details', hidden: true });
    const decision = p.firewall_decision;
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      if (open && !details.childElementCount) details.append(promptDetails(p));
      details.hidden = !open;
    });
    return h(
      'li',
      { class: `entry decision-row-${decision ?? 'none'}`, dataset: { requestId: p.request_id, decision: decision ?? '', status: p.status } },
      h(
        'div',
        { class: 'entry-head' },
        h('span', { class: `badge status-${p.status}` }, p.status),
        decision ? h('span', { class: `badge decision-${decision}` }, `firewall: ${decision}`) : null,
        h('span', { class: 'entry-user' }, p.username ?? userName(p.user_id)),
        h('span', { class: 'entry-source' }, [EVENT_SOURCES[p.endpoint] ?? p.endpoint, p.model].filter(Boolean).join(' · ')),
        h('time', { datetime: p.created_at, class: 'entry-time' }, when(p.created_at)),
        p.text ? h('span', { class: `badge text-badge mode-${p.text.mode}`, title: p.text.mode === 'masked' ? 'Prompt text stored, findings masked' : 'Prompt text stored as sent' }, `text ${p.text.mode}`) : null,
        toggle,
      ),
      h(
        'p',
        { class: 'entry-summary' },
        p.status === 'success'
          ? `${int(p.total_tokens)} tokens · ${usd(p.cost_usd)} · ${ms(p.latency_ms)}${p.cached ? (p.cache_similarity === null ? ' · from the cache' : ` · semantic cache hit (similarity ${dec(p.cache_similarity)})`) : ''}`
          : p.error_code
            ? `${p.status}: ${p.error_code}`
            : p.status,
      ),
      details,
    );
  }

  function promptDetails(p) {
    return h(
      'div',
      {},
      facts([
        ['Request id', h('code', {}, p.request_id)],
        ['User', p.username ? `${p.username} (${p.user_id})` : userName(p.user_id)],
        ['Front door', EVENT_SOURCES[p.endpoint] ?? p.endpoint],
        ['Provider', p.provider],
        ['Model', p.model],
        ['Status', p.status],
        ['Error', p.error_code],
        ['Firewall decision', p.firewall_decision],
        ['Cached', p.cached ? (p.cache_similarity === null ? 'yes (exact)' : `yes (semantic, similarity ${dec(p.cache_similarity)})`) : 'no'],
        ['Streamed', p.stream ? 'yes' : 'no'],
        ['Tokens', `${int(p.prompt_tokens)} in · ${int(p.completion_tokens)} out · ${int(p.total_tokens)} total`],
        ['Cost', usd(p.cost_usd)],
        ['Latency', ms(p.latency_ms)],
        ['Time to first token', p.ttft_ms === null ? null : ms(p.ttft_ms)],
        ['Time', when(p.created_at)],
      ]),
      p.text
        ? mayRead(p, logging)
          ? storedText(p, { onDeleted: () => (p.text = null) })
          : h('p', { class: 'muted' }, 'Prompt text is stored for this request; your role may not read it.')
        : h('p', { class: 'muted' }, 'No prompt text is stored for this request.'),
      p.status === 'success' && session.hasRole('analyst', 'admin') ? qualityOf(p.request_id) : null,
      p.user_id && p.firewall_decision && p.firewall_decision !== 'allow'
        ? h('button', { type: 'button', class: 'secondary small', onclick: () => showEventsOf(p.user_id) }, `Firewall decisions of ${p.username ?? p.user_id}`)
        : null,
    );
  }

  return { load: (panel, filters, isStopped) => load(panel, filters, isStopped) };
}
