/**
 * One request in a drawer beside the log, at its own address (#/prompts/<id>): its record, its stored text where the
 * caller may read it, and for analysts its firewall events (findings masked), feedback and evaluations, and a link
 * to its trace in Phoenix when Phoenix is configured (GET /api/v1/analytics/requests/:id/context).
 */
import { get, qs, session } from '../api.js';
import { h, newId, replace } from '../dom.js';
import { dec, int, ms, usd, when } from '../format.js';
import { problem } from '../ui.js';
import { DECISION_LABELS, cacheLabel, statusLabel } from './prompt-log.js';
import { EVENT_SOURCES, eventDetails, facts } from './prompt-details.js';
import { mayRead, storedText } from './prompt-text.js';
import { qualityOf } from './quality.js';

/** open(id, { closeHref, userName, logging }) shows the drawer; close() removes it. */
export function requestDrawer(host) {
  let el = null;
  let returnFocus = null;

  function close() {
    el?.remove();
    el = null;
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  }

  function open(id, { closeHref, userName, logging }) {
    if (el?.dataset.requestId === id) return;
    if (!el) returnFocus = document.activeElement;
    el?.remove();
    const titleId = newId('drawer');
    const heading = h('h2', { id: titleId, tabindex: '-1' }, 'Request ', h('code', {}, id));
    const body = h('div', { class: 'drawer-body' }, h('p', { class: 'loading', role: 'status' }, 'Loading the request…'));
    el = h(
      'aside',
      { class: 'drawer', id: 'request-drawer', role: 'complementary', 'aria-labelledby': titleId, dataset: { requestId: id } },
      h('div', { class: 'drawer-head' }, heading, h('a', { href: closeHref, class: 'button secondary small drawer-close' }, 'Close')),
      body,
    );
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') location.hash = closeHref;
    });
    host.append(el);
    heading.focus();
    fill(body, id, userName, logging);
  }

  async function fill(body, id, userName, logging) {
    try {
      const res = await get(`/api/v1/analytics/prompts${qs({ request_id: id, include_text: 'false', limit: 200 })}`);
      const p = (res.items ?? []).find((i) => i.request_id === id);
      if (!body.isConnected) return;
      if (!p) return replace(body, h('p', { class: 'notice notice-error', role: 'alert' }, `No request ${id} in the log (or it is not yours to see).`));
      const analyst = session.hasRole('analyst', 'admin');
      const context = analyst ? h('div', { class: 'request-context' }, h('p', { class: 'loading', role: 'status' }, 'Loading firewall events…')) : null;
      replace(
        body,
        facts([
          ['Request id', h('code', {}, p.request_id)],
          ['Your request id', p.client_request_id ? h('code', {}, p.client_request_id) : null],
          ['Time', when(p.created_at)],
          ['User', p.username ? `${p.username} (${p.user_id})` : userName(p.user_id)],
          ['API key', p.api_key_id ? `${p.key_name ?? '(deleted key)'} (${p.api_key_id})` : null],
          ['Front door', EVENT_SOURCES[p.endpoint] ?? p.endpoint],
          ['Provider', p.provider],
          ['Model', p.model],
          ['Status', h('span', { class: `badge status-${p.status}` }, statusLabel(p.status))],
          ['Error', p.error_code],
          ['Firewall decision', p.firewall_decision ? DECISION_LABELS[p.firewall_decision] ?? p.firewall_decision : 'not scanned'],
          ['Cache', cacheLabel(p)],
          ['Streamed', p.stream ? 'yes' : 'no'],
          ['Tokens', `${int(p.prompt_tokens)} in · ${int(p.completion_tokens)} out · ${int(p.total_tokens)} total`],
          ['Cost', usd(p.cost_usd)],
          ['Latency', ms(p.latency_ms)],
          ['Time to first token', p.ttft_ms === null ? null : ms(p.ttft_ms)],
          ['Cache similarity', p.cache_similarity === null ? null : dec(p.cache_similarity)],
        ]),
        context,
        h('h3', {}, 'Prompt text'),
        p.text
          ? mayRead(p, res.prompt_logging ?? logging)
            ? storedText(p, { onDeleted: () => (p.text = null) })
            : h('p', { class: 'muted' }, 'Prompt text is stored for this request; your role may not read it.')
          : h('p', { class: 'muted' }, 'No prompt text is stored for this request.'),
        analyst ? h('section', { class: 'drawer-quality', 'aria-label': 'Feedback and evaluations' }, h('h3', {}, 'Feedback and evaluations'), qualityOf(p.request_id)) : null,
      );
      if (context) fillContext(context, p, userName);
    } catch (err) {
      if (body.isConnected) replace(body, problem(err, 'The request'));
    }
  }

  async function fillContext(box, p, userName) {
    try {
      const ctx = await get(`/api/v1/analytics/requests/${encodeURIComponent(p.request_id)}/context`);
      const events = ctx.firewall_events;
      replace(
        box,
        h('h3', {}, 'Firewall'),
        events.length
          ? events.map((ev) =>
              h(
                'div',
                { class: 'firewall-event', dataset: { eventId: String(ev.id), decision: ev.decision } },
                h('p', {}, h('span', { class: `badge decision-${ev.decision}` }, DECISION_LABELS[ev.decision] ?? ev.decision), ' ', EVENT_SOURCES[ev.source] ?? ev.source, ev.reasons.length ? ` — ${ev.reasons.join('; ')}` : ''),
                eventDetails({ ...ev, request_id: p.request_id, user_id: p.user_id }, userName),
              ),
            )
          : h('p', { class: 'muted' }, p.firewall_decision ? 'The firewall recorded no event for this request (events may have expired).' : 'The firewall did not scan this request.'),
        h('h3', {}, 'Trace'),
        ctx.trace
          ? ctx.trace.url
            ? h('p', {}, h('a', { href: ctx.trace.url, target: '_blank', rel: 'noopener', class: 'trace-link' }, 'Open its trace in Phoenix'), ' ', h('code', { class: 'muted' }, ctx.trace.trace_id))
            : h('p', { class: 'muted' }, 'Traced as ', h('code', {}, ctx.trace.trace_id), ' (set PHOENIX_URL for a link to Phoenix).')
          : h('p', { class: 'muted' }, 'No trace recorded for this request.'),
      );
    } catch (err) {
      replace(box, problem(err, 'Firewall events'));
    }
  }

  return { open, close, isOpen: () => el !== null };
}
