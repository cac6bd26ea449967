/**
 * "Why prompts were blocked" (GET /api/v1/firewall/block-reasons): blocked prompts grouped by category, entity and
 * rule, rules named by their description. Shared by the Overview (its time range) and the Firewall page (7 days).
 */
import { get, qs } from '../api.js';
import { h, replace, table } from '../dom.js';
import { int, titleCase } from '../format.js';
import { problem } from '../ui.js';

const CATEGORY_TEXT = { pii: 'Personal data', secrets: 'Secret', toxicity: 'Toxicity', rules: 'Block rule', allowlist: 'Allowlist mode', other: 'Other' };

/**
 * A box that loads and shows the reasons for `range()` ({ from, to } or { days }). `blockedHref(range)`, when given,
 * links the blocked count to the request log of those prompts. Returns { el, load(), failed(err) }.
 */
export function blockReasonsView({ range, blockedHref } = {}) {
  const el = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  const staleNote = h('p', { class: 'stale-note', role: 'status', hidden: true });
  let key = '';

  async function load() {
    const r = range();
    const res = await get(`/api/v1/firewall/block-reasons${qs(r)}`);
    el.classList.remove('stale');
    staleNote.hidden = true;
    // Same figures: leave the table alone, so a live refresh keeps focus and scroll position.
    const next = JSON.stringify([res.blocked, res.reasons]);
    if (next === key && el.querySelector('table')) return res;
    key = next;
    const sum = res.reasons.reduce((n, g) => n + g.events, 0);
    const count = `${int(res.blocked)} prompt${res.blocked === 1 ? '' : 's'} blocked`;
    replace(
      el,
      staleNote,
      h(
        'p',
        { class: 'hint' },
        blockedHref && res.blocked ? h('a', { href: blockedHref(r) }, count) : count,
        '.',
        sum > res.blocked ? ` A prompt blocked for several reasons counts under each, so the rows add up to ${int(sum)}.` : '',
      ),
      table(
        'Block reasons',
        [
          { label: 'Category', render: (g) => CATEGORY_TEXT[g.category] ?? titleCase(g.category) },
          { label: 'Entity or rule', render: (g) => (g.category === 'rules' ? g.rule : g.entity ? h('code', {}, g.entity) : '—') },
          { label: 'Blocked prompts', class: 'num', render: (g) => int(g.events) },
        ],
        res.reasons,
        { empty: 'No prompt was blocked in this range.', class: 'reasons-table stack-narrow' },
      ),
    );
    return res;
  }

  return {
    el,
    load,
    /** A failed load: the problem where nothing was shown yet; figures already on screen stay, marked stale. */
    failed(err) {
      if (!el.querySelector('table')) return replace(el, problem(err, 'Block reasons'));
      el.classList.add('stale');
      staleNote.hidden = false;
      staleNote.textContent = `Stale: the last refresh failed (${err.message}).`;
    },
  };
}
