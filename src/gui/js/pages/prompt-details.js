/** The details of one firewall decision: ids, mode, risk, reasons, masked findings and scanner timings. */
import { h, table } from '../dom.js';
import { dec, ms, when } from '../format.js';
import { findingLabel } from './highlight.js';

export const EVENT_SOURCES = { prompt: 'Prompt API', openai: 'OpenAI-compatible API', ws: 'Chat', output: 'Answer (output scan)', scan: 'Manual scan' };

/** A definition list from [term, value] pairs, skipping empty values. */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts-grid' },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

export function eventDetails(ev, userName) {
  const findings = Array.isArray(ev.findings) ? ev.findings : [];
  const timings = Object.entries(ev.scanner_timings_ms ?? {});
  return h(
    'div',
    {},
    facts([
      ['Event', String(ev.id)],
      ['Request id', ev.request_id ? h('code', {}, ev.request_id) : null],
      ['User', userName(ev.user_id)],
      ['Source', EVENT_SOURCES[ev.source] ?? ev.source],
      ['Decision', ev.decision],
      ['Firewall mode', ev.mode],
      ['Risk', ev.risk_level],
      ['Time', when(ev.created_at)],
      ['Scanner timings', timings.length ? timings.map(([k, v]) => `${k} ${ms(v)}`).join(', ') : null],
    ]),
    h('h4', {}, 'Reasons'),
    ev.reasons?.length ? h('ul', {}, ev.reasons.map((r) => h('li', {}, r))) : h('p', {}, 'None.'),
    h('h4', {}, 'Findings'),
    findings.length
      ? table(
          'Findings of this decision',
          [
            { label: 'Scanner', render: (f) => f.scanner ?? '—' },
            { label: 'Type', render: (f) => findingLabel(f) },
            { label: 'Match (masked)', render: (f) => h('code', {}, f.masked ?? '') },
            { label: 'Characters', render: (f) => (f.start === undefined ? '—' : `${f.start}–${f.end}`) },
            { label: 'Score', class: 'num', render: (f) => dec(f.score) },
          ],
          findings,
        )
      : h('p', {}, 'None.'),
  );
}
