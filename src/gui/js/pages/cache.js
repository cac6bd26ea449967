/**
 * Cache: the response cache's statistics (GET /api/v1/cache/stats), the semantic cache's (cache-semantic.js) and,
 * for admins, a button that empties both.
 */
import { del, get, session } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { bytes, int, percent, usd } from '../format.js';
import { kpi, problem, setStatus } from '../ui.js';
import { semanticSection } from './cache-semantic.js';

const REFRESH_MS = 5_000;

function render(container) {
  const status = h('div', {});
  const backend = h('p', { class: 'backend-line' });
  const tiles = {
    hitRate: kpi('hit_rate', 'Hit rate'),
    hits: kpi('hits', 'Hits'),
    misses: kpi('misses', 'Misses'),
    bypasses: kpi('bypasses', 'Bypassed'),
    errors: kpi('errors', 'Errors'),
    entries: kpi('entries', 'Cached answers'),
    memory: kpi('memory_bytes', 'Memory'),
    saved: kpi('cost_saved_usd', 'Saved'),
  };
  const semantic = semanticSection();
  const clearResult = h('div', {});
  const isAdmin = session.hasRole('admin');
  const clearBtn = isAdmin ? h('button', { type: 'button', class: 'danger', onclick: clear }, 'Clear cache') : null;

  replace(container, 
    status,
    h('section', { class: 'card', 'aria-labelledby': 'cache-backend-h' }, h('h2', { id: 'cache-backend-h' }, 'Backend'), backend, h('p', { class: 'muted' }, 'Hits, misses and savings count this instance since it started; entries and memory are the backend’s.')),
    h('section', { class: 'kpis', 'aria-label': 'Cache statistics' }, Object.values(tiles).map((t) => t.el)),
    semantic.el,
    isAdmin
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'cache-admin-h' },
          h('h2', { id: 'cache-admin-h' }, 'Clear the cache'),
          h('p', {}, 'Removes every cached answer of this organisation, exact and semantic. The next prompts go to the providers again.'),
          clearBtn,
          clearResult,
        )
      : null,
  );

  let stopped = false;
  async function refresh() {
    try {
      const s = await get('/api/v1/cache/stats');
      if (stopped) return;
      setStatus(status);
      const state = s.backend_state ?? {};
      replace(
        backend,
        `${s.enabled ? 'Enabled' : 'Disabled'} · backend ${s.backend} · `,
        h('span', { class: `badge state-${state.status}` }, state.status === 'up' ? 'up' : 'down'),
        ` · answers live ${int(s.ttl_seconds)} s`,
        state.error ? ` · ${state.error}` : '',
      );
      tiles.hitRate.set(s.hit_rate, percent(s.hit_rate));
      tiles.hits.set(s.hits, int(s.hits));
      tiles.misses.set(s.misses, int(s.misses));
      tiles.bypasses.set(s.bypasses, int(s.bypasses), 'requests that skipped the cache');
      tiles.errors.set(s.errors, int(s.errors));
      tiles.entries.set(s.entries, int(s.entries));
      tiles.memory.set(s.memory_bytes, bytes(s.memory_bytes));
      tiles.saved.set(s.cost_saved_usd, usd(s.cost_saved_usd), `${int(s.tokens_saved)} tokens`);
      semantic.update(s.semantic);
    } catch (err) {
      if (!stopped) setStatus(status, problem(err, 'Cache statistics'));
    }
  }

  async function clear() {
    if (!window.confirm('Remove every cached answer of this organisation?')) return;
    clearBtn.disabled = true;
    try {
      const res = await del('/api/v1/cache');
      const semanticText = res.semantic_deleted ? ` and ${int(res.semantic_deleted)} stored ${res.semantic_deleted === 1 ? 'question' : 'questions'}` : '';
      replace(clearResult, notice('success', `Cache cleared: ${int(res.deleted)} cached ${res.deleted === 1 ? 'answer' : 'answers'}${semanticText} removed.`));
      await refresh();
      await semantic.reload();
    } catch (err) {
      replace(clearResult, notice('error', `Could not clear the cache: ${err.message}`));
    } finally {
      clearBtn.disabled = false;
    }
  }

  refresh();
  const timer = setInterval(() => !document.hidden && refresh(), REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

export default { id: 'cache', title: 'Cache', roles: ['developer', 'analyst', 'admin'], render };
