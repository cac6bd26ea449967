/**
 * The Cache page's semantic part (#16): what the semantic cache did (hits and their similarity, near-misses the guard
 * refused, requests it skipped and why), and for admins the stored questions with how often and how closely they
 * answered paraphrases, each with a Delete for an answer that served a question wrongly.
 */
import { del, get, session } from '../api.js';
import { h, notice, replace, table } from '../dom.js';
import { ago, dec, int, percent, usd, when } from '../format.js';
import { kpi, problem, setStatus } from '../ui.js';

const REASONS = {
  negation: 'negation',
  polarity: 'opposite word',
  number: 'number',
  date: 'date',
  entity: 'name',
  tool_use: 'tool calls',
  sampled: 'temperature > 0 or n > 1',
  too_deep: 'long conversation',
  binary_input: 'non-text input',
  too_long: 'long question',
  not_last_user_turn: 'last turn not the user’s',
  firewall: 'firewall redacted or logged',
  model: 'model not listed',
  scope: 'no user',
  empty: 'empty',
  masked: 'answer masked',
  tool_arguments: 'tool-call arguments',
};
const counts = (m) => {
  const parts = Object.entries(m ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${REASONS[k] ?? k} ${int(n)}`);
  return parts.length ? parts.join(' · ') : 'none';
};
const sum = (m) => Object.values(m ?? {}).reduce((a, b) => a + b, 0);
/** A cosine similarity as the x-cache-similarity header gives it (4 decimals: 0.9731). */
const similarity = (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(4));
const plural = (n, one, many) => `${int(n)} ${n === 1 ? one : many}`;

/** Returns { el, update(stats) }: the page's own refresh passes the semantic part of GET /api/v1/cache/stats. */
export function semanticSection() {
  const isAdmin = session.hasRole('admin');
  const line = h('p', { class: 'backend-line', dataset: { testid: 'semantic-line' } });
  const reasons = h('p', { class: 'muted' });
  const tiles = {
    hits: kpi('semantic_hits', 'Semantic hits'),
    hitRate: kpi('semantic_hit_rate', 'Semantic hit rate'),
    entries: kpi('semantic_entries', 'Stored questions'),
    nearMisses: kpi('semantic_near_misses', 'Near-misses refused'),
    saved: kpi('semantic_saved', 'Saved'),
    embedding: kpi('semantic_embedding_ms', 'Embedding call'),
  };
  const listStatus = h('div', {});
  const list = h('div', {});
  const entriesCard = isAdmin
    ? h(
        'section',
        { class: 'card', 'aria-labelledby': 'semantic-entries-h' },
        h('h2', { id: 'semantic-entries-h' }, 'Stored questions'),
        h('p', { class: 'muted' }, 'The questions whose answers serve paraphrases, the most used first. Delete an entry whose answer was wrong for the questions it answered: no instance serves it again.'),
        h('button', { type: 'button', onclick: () => loadEntries() }, 'Reload list'),
        listStatus,
        list,
      )
    : null;
  const el = h(
    'div',
    { class: 'semantic-cache' },
    h('section', { class: 'card', 'aria-labelledby': 'semantic-h' }, h('h2', { id: 'semantic-h' }, 'Semantic cache'), line, reasons),
    h('section', { class: 'kpis', 'aria-label': 'Semantic cache statistics' }, Object.values(tiles).map((t) => t.el)),
    entriesCard,
  );

  async function remove(entry, button) {
    if (!window.confirm(`Delete the stored answer to “${entry.question.slice(0, 120)}”?`)) return;
    button.disabled = true;
    try {
      await del(`/api/v1/cache/semantic/entries/${encodeURIComponent(entry.id)}`);
      setStatus(listStatus, notice('success', 'Entry deleted on every instance.'));
      await loadEntries();
    } catch (err) {
      button.disabled = false;
      setStatus(listStatus, notice('error', `Could not delete the entry: ${err.message}`));
    }
  }

  async function loadEntries() {
    if (!isAdmin) return;
    try {
      const { entries } = await get('/api/v1/cache/semantic/entries?order=hits&limit=100');
      const cols = [
        { label: 'Question', render: (e) => h('span', { class: 'semantic-question' }, e.question) },
        { label: 'Answer', render: (e) => h('span', { class: 'semantic-answer muted' }, e.answer_preview || '—') },
        { label: 'Hits', class: 'num', render: (e) => int(e.hits) },
        { label: 'Last similarity', class: 'num', render: (e) => (e.last_similarity === null ? h('span', { class: 'muted' }, '—') : similarity(e.last_similarity)) },
        { label: 'Last hit', render: (e) => (e.last_hit_at ? h('span', { title: when(e.last_hit_at) }, ago(e.last_hit_at)) : h('span', { class: 'muted' }, 'Never')) },
        { label: 'Model', render: (e) => h('code', {}, e.model) },
        { label: 'Scope', render: (e) => (e.scope === 'org' ? 'Organisation' : e.scope.replace(/^user:/, 'User ')) },
        { label: 'Expires', render: (e) => h('span', { title: when(e.expires_at) }, when(e.expires_at)) },
        { label: 'Actions', render: (e) => h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete the stored answer to ${e.question.slice(0, 60)}`, onclick: (ev) => remove(e, ev.currentTarget) }, 'Delete') },
      ];
      replace(list, table('Stored questions', cols, entries, { class: 'semantic-table', empty: 'No stored questions yet.' }));
    } catch (err) {
      setStatus(listStatus, problem(err, 'Stored questions'));
    }
  }

  let listed = false;
  function update(s) {
    if (entriesCard) entriesCard.hidden = !s;
    if (!s) {
      replace(line, 'Off. Set SEMANTIC_CACHE_ENABLED=true to answer paraphrases of earlier questions (README, “Semantic cache”).');
      replace(reasons);
      el.classList.add('off');
      for (const t of Object.values(tiles)) t.set(null, '—');
      return;
    }
    el.classList.remove('off');
    // The list is read once the stats say the semantic cache is on (its routes answer 404 while it is off).
    if (!listed) {
      listed = true;
      loadEntries();
    }
    replace(
      line,
      `Scope ${s.scope === 'org' ? 'organisation' : 'per user'} · threshold ${similarity(s.threshold)} · embedding model `,
      h('code', {}, s.embedding_model),
      ` · ${plural(s.indexed, 'question', 'questions')} indexed on this instance (${s.entries === null ? 'database unreachable' : `${int(s.entries)} stored`}, at most ${int(s.max_entries)})`,
      ` · answers live ${int(s.ttl_seconds)} s`,
      s.last_sync_at ? ` · synced ${ago(s.last_sync_at)}` : '',
    );
    replace(reasons, `Refused by the guard: ${counts(s.near_misses)}. Not compared: ${counts(s.skipped)}. Not stored: ${counts(s.store_skipped)}.`);
    tiles.hits.set(s.hits, int(s.hits), `of ${int(s.lookups)} lookups`);
    tiles.hitRate.set(s.hit_rate, percent(s.hit_rate));
    tiles.entries.set(s.entries, int(s.entries), s.evictions ? `${int(s.evictions)} evicted` : '');
    tiles.nearMisses.set(sum(s.near_misses), int(sum(s.near_misses)));
    tiles.saved.set(s.cost_saved_usd, usd(s.cost_saved_usd), `${int(s.tokens_saved)} tokens`);
    tiles.embedding.set(s.embedding_ms_avg, `${dec(s.embedding_ms_avg)} ms`, `${int(s.embedding_calls)} calls, ${int(s.embedding_errors)} failed`);
  }

  return { el, update, reload: () => (listed ? loadEntries() : undefined) };
}
