/**
 * Cache: the response cache's statistics (GET /api/v1/cache/stats), the semantic cache's (cache-semantic.js) and,
 * for admins, a button that empties both. Hits, misses and savings are every instance's over 24 hours, from the
 * request records (the Overview's figures), with their trend per hour (cache-trend.js); a refresh that fails leaves
 * the last figures on screen, marked stale.
 */
import { del, get, session } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { bytes, int, percent, usd } from '../format.js';
import { kpi, problem, setStatus } from '../ui.js';
import { semanticSection } from './cache-semantic.js';
import { cacheTrend } from './cache-trend.js';

const REFRESH_MS = 5_000;

function render(container) {
  const status = h('div', {});
  const backend = h('p', { class: 'backend-line' });
  const tiles = {
    hitRate: kpi('hit_rate', 'Hit rate (24 h)'),
    hits: kpi('hits', 'Hits (24 h)'),
    misses: kpi('misses', 'Misses (24 h)'),
    bypasses: kpi('bypasses', 'Bypassed'),
    errors: kpi('errors', 'Errors'),
    entries: kpi('entries', 'Cached answers'),
    memory: kpi('memory_bytes', 'Memory'),
    saved: kpi('cost_saved_usd', 'Saved (24 h)'),
  };
  const staleNote = h('p', { class: 'stale-note', role: 'status', hidden: true });
  const kpiBox = h('section', { class: 'kpis', 'aria-label': 'Cache statistics' }, Object.values(tiles).map((t) => t.el));
  const trend = cacheTrend();
  let lastGood = null;
  const semantic = semanticSection();
  const clearResult = h('div', {});
  const isAdmin = session.hasRole('admin');
  const clearBtn = isAdmin ? h('button', { type: 'button', class: 'danger', onclick: clear }, 'Clear cache') : null;

  replace(container, 
    status,
    h('section', { class: 'card', 'aria-labelledby': 'cache-backend-h' }, h('h2', { id: 'cache-backend-h' }, 'Backend'), backend, h('p', { class: 'muted' }, 'Hits, misses and savings are every instance’s over the last 24 hours, from the request records (the same figures as the Overview). Bypasses and errors count this instance since it started; entries and memory are the backend’s.')),
    staleNote,
    kpiBox,
    h('section', { class: 'charts', 'aria-label': 'Per hour' }, trend.el),
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
      lastGood = new Date();
      kpiBox.classList.remove('stale');
      staleNote.hidden = true;
      showTrend(s);
      const state = s.backend_state ?? {};
      replace(
        backend,
        `${s.enabled ? 'Enabled' : 'Disabled'} · backend ${s.backend} · `,
        h('span', { class: `badge state-${state.status}` }, state.status === 'up' ? 'up' : 'down'),
        ` · answers live ${int(s.ttl_seconds)} s`,
        state.error ? ` · ${state.error}` : '',
      );
      // Every instance's figures; this instance's counters only when the monitoring database does not answer.
      const shared = s.shared ?? { hit_rate: s.hit_rate, hits: s.hits, misses: s.misses, cost_saved_usd: s.cost_saved_usd, tokens_saved: s.tokens_saved };
      const scope = s.shared ? undefined : 'this instance only: the request records are unavailable';
      tiles.hitRate.set(shared.hit_rate, percent(shared.hit_rate), scope);
      tiles.hits.set(shared.hits, int(shared.hits), scope);
      tiles.misses.set(shared.misses, int(shared.misses), scope);
      tiles.bypasses.set(s.bypasses, int(s.bypasses), 'requests that skipped the cache');
      tiles.errors.set(s.errors, int(s.errors));
      tiles.entries.set(s.entries, int(s.entries));
      tiles.memory.set(s.memory_bytes, bytes(s.memory_bytes));
      tiles.saved.set(shared.cost_saved_usd, usd(shared.cost_saved_usd), `${int(shared.tokens_saved)} tokens`);
      semantic.update(s.semantic);
    } catch (err) {
      if (stopped) return;
      if (!lastGood) {
        trend.unavailable('Not loaded: see the message above.');
        return setStatus(status, problem(err, 'Cache statistics'));
      }
      // Keep the figures, but say they are old: a number that silently stops changing looks like a quiet cache.
      kpiBox.classList.add('stale');
      trend.stale(true);
      staleNote.hidden = false;
      staleNote.textContent = `Stale: the last refresh failed (${err.message}). These figures are from ${lastGood.toLocaleTimeString()}.`;
    }
  }

  /** The hourly trend is the request records': without them a chart never drawn says so, a drawn one is stale. */
  function showTrend(s) {
    trend.stale(!s.shared);
    if (s.shared) trend.update(s.shared.hourly);
    else trend.unavailable(`Not loaded: the request records are unavailable (${s.shared_error ?? 'no answer'}).`);
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
    trend.destroy();
  };
}

export default { id: 'cache', title: 'Cache', roles: ['developer', 'analyst', 'admin'], render };
