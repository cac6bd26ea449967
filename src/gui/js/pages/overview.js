/**
 * Overview: what the gateway did over a time range (GET /api/v1/analytics/overview), refreshed live, each user's
 * spend against their budget (GET /api/v1/analytics/spend), plus the machine's vital signs
 * (GET /api/v1/system/metrics) when the server offers them.
 */
import { get, qs } from '../api.js';
import { barChart, usdScale } from '../bar-chart.js';
import { COLORS, lineChart } from '../charts.js';
import { h, newId, notice, replace, select, table } from '../dom.js';
import { int, ms, percent, usd } from '../format.js';
import { kpi, problem, setStatus } from '../ui.js';
import { qualityCard } from './quality.js';
import { spendAgainstBudgetView } from './budget.js';
import { systemMetricsView } from './system-metrics.js';
import { logHash } from './request-log-url.js';
import { blockReasonsView } from './block-reasons.js';
import { usageView } from './usage.js';

const RANGES = [
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000, bucket: 'minute' },
  { value: '1h', label: 'Last hour', ms: 3_600_000, bucket: 'minute' },
  { value: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000, bucket: 'minute' },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000, bucket: 'hour' },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000, bucket: 'hour' },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000, bucket: 'day' },
];
const REFRESH_MS = 5_000;

function render(container) {
  const rangeId = newId('range');
  const rangeSelect = select({ id: rangeId, name: 'range' }, RANGES, '1h');
  const liveBox = h('input', { type: 'checkbox', id: newId('live'), checked: true });
  const refreshBtn = h('button', { type: 'button', class: 'secondary' }, 'Refresh now');
  const updated = h('p', { class: 'muted updated', 'aria-live': 'off' });
  const status = h('div', { class: 'overview-status' });

  const tiles = {
    requests: kpi('requests', 'Requests'),
    errors: kpi('errors', 'Errors'),
    blocked: kpi('blocked', 'Blocked prompts'),
    tokens: kpi('tokens', 'Tokens'),
    cost: kpi('cost_usd', 'Cost'),
    hitRate: kpi('cache_hit_rate', 'Cache hit rate'),
    saved: kpi('cost_saved_usd', 'Saved by the cache'),
    latency: kpi('latency_p50', 'Latency (p50)'),
    ttft: kpi('ttft_p50', 'Time to first token (p50)'),
  };

  // Per-bucket counts and sums are bars (a click opens the bucket's requests); latency is p50/p95 lines, as the tile.
  const bucketLink = { bucketHref: (from, to) => logHash({ from, to }), onBucket: (from, to) => (location.hash = logHash({ from, to })) };
  const charts = {
    requests: barChart({ title: 'Requests', yFormat: int, ...bucketLink }),
    tokens: barChart({ title: 'Tokens', yFormat: int, ...bucketLink }),
    cost: barChart({ title: 'Cost (USD)', yFormat: usd, ...bucketLink }),
    latency: lineChart({
      title: 'Latency of answered requests (p50 and p95)',
      yFormat: ms,
      series: [
        { label: 'p50', color: COLORS.blue, spanGaps: true, points: true },
        { label: 'p95', color: COLORS.purple, spanGaps: true, points: true },
      ],
    }),
  };
  const names = new Map();
  const usage = usageView({ names });

  const breakdowns = h('div', { class: 'stack' });
  // The range of the figures on screen; the block reasons read the same one.
  let shown = null;
  const reasons = blockReasonsView({ range: () => ({ from: shown.from, to: shown.to }), blockedHref: (r) => logHash({ ...r, firewall_decision: 'block' }) });
  const reasonsH = newId('reasons');
  const reasonsCard = h('section', { class: 'card', 'aria-labelledby': reasonsH }, h('h2', { id: reasonsH }, 'Why prompts were blocked'), reasons.el);
  // A failed refresh leaves the last figures on screen, marked: a number that silently stops changing looks like a quiet gateway.
  const staleNote = h('p', { class: 'stale-note', role: 'status', hidden: true });
  let lastGood = null;
  const spend = spendAgainstBudgetView();
  const system = systemMetricsView();

  const kpiBox = h('section', { class: 'kpis', 'aria-label': 'Totals for the range' }, Object.values(tiles).map((t) => t.el));
  const chartBox = h('section', { class: 'charts', 'aria-label': 'Over time' }, Object.values(charts).map((c) => c.el));
  const figureBoxes = [kpiBox, chartBox, breakdowns];

  replace(container, 
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Time range and refresh' },
      h('div', { class: 'field inline' }, h('label', { for: rangeId }, 'Time range'), rangeSelect),
      h('div', { class: 'field inline checkbox' }, liveBox, h('label', { for: liveBox.id }, `Live (every ${REFRESH_MS / 1000} s)`)),
      refreshBtn,
      updated,
    ),
    status,
    staleNote,
    kpiBox,
    chartBox,
    usage.el,
    spend.el,
    breakdowns,
    reasonsCard,
    system.el,
  );

  let inFlight = null;
  let timer = null;
  let stopped = false;

  async function refresh(manual = false) {
    if (stopped || inFlight) return;
    const range = RANGES.find((r) => r.value === rangeSelect.value) ?? RANGES[1];
    const to = new Date();
    const from = new Date(to.getTime() - range.ms);
    const ctrl = new AbortController();
    inFlight = ctrl;
    try {
      const span = { from: from.toISOString(), to: to.toISOString(), bucket: range.bucket };
      const [data, latency] = await Promise.all([
        get(`/api/v1/analytics/overview${qs(span)}`, { signal: ctrl.signal }),
        get(`/api/v1/analytics/usage${qs(span)}`, { signal: ctrl.signal }).then((u) => u.latency, () => null),
      ]);
      if (stopped) return;
      shown = data;
      // From the orchestrator database: its failure marks only this card, not the analytics.
      await reasons.load().catch((e) => !stopped && reasons.failed(e));
      if (stopped) return;
      setStatus(status, ...(data.warnings ?? []).map((w) => notice('warn', w)));
      // "Refresh now" reads the spend again too; the live refresh leaves it to its own pace.
      await usage.refresh(manual);
      show(data, latency);
      lastGood = new Date();
      updated.textContent = `Updated ${lastGood.toLocaleTimeString()}`;
      markStale(null);
    } catch (err) {
      if (stopped || err.name === 'AbortError') return;
      if (lastGood) return markStale(err);
      setStatus(status, problem(err, 'Analytics'));
      for (const c of Object.values(charts)) c.unavailable('Not loaded: see the message above.');
      if (!shown) reasons.failed(err);
    } finally {
      if (inFlight === ctrl) inFlight = null;
    }
    spend.refresh();
    system.refresh();
  }

  function markStale(err) {
    for (const box of figureBoxes) box.classList.toggle('stale', Boolean(err));
    staleNote.hidden = !err;
    if (err) staleNote.textContent = `Stale: the last refresh failed (${err.message}). These figures are from ${lastGood.toLocaleTimeString()}.`;
  }

  function show(data, latency) {
    const t = data.totals;
    tiles.requests.set(t.requests, int(t.requests), `${int(t.success)} succeeded · ${int(t.cancelled)} cancelled`);
    tiles.errors.set(t.errors, int(t.errors), t.requests ? `${percent(t.errors / t.requests)} of requests` : '');
    tiles.blocked.set(t.blocked, int(t.blocked), 'stopped by the firewall');
    tiles.tokens.set(t.tokens_in + t.tokens_out, int(t.tokens_in + t.tokens_out), `${int(t.tokens_in)} in · ${int(t.tokens_out)} out`);
    tiles.cost.set(t.cost_usd, usd(t.cost_usd), 'billed by providers');
    tiles.hitRate.set(t.cache_hit_rate, percent(t.cache_hit_rate), `${int(t.cache_hits)} hits · ${int(t.cache_misses)} misses`);
    tiles.saved.set(t.cost_saved_usd, usd(t.cost_saved_usd), `${int(t.tokens_saved)} tokens not billed`);
    tiles.latency.set(t.latency_ms?.p50, ms(t.latency_ms?.p50), `p95 ${ms(t.latency_ms?.p95)} · p99 ${ms(t.latency_ms?.p99)}`);
    tiles.ttft.set(t.ttft_ms?.p50, ms(t.ttft_ms?.p50), `p95 ${ms(t.ttft_ms?.p95)} · p99 ${ms(t.ttft_ms?.p99)}`);

    const s = data.series ?? [];
    const xs = s.map((p) => Date.parse(p.bucket_start) / 1000);
    const bucket = data.bucket;
    charts.requests.update({
      bucket,
      xs,
      series: [
        { label: 'Answered or cancelled', values: s.map((p) => p.requests - p.errors - p.blocked) },
        { label: 'Errors', values: s.map((p) => p.errors) },
        { label: 'Blocked', values: s.map((p) => p.blocked) },
      ],
    });
    charts.tokens.update({ bucket, xs, series: [{ label: 'Prompt tokens', values: s.map((p) => p.tokens_in) }, { label: 'Completion tokens', values: s.map((p) => p.tokens_out) }] });
    charts.cost.update({ bucket, xs, series: [{ label: 'Cost', values: s.map((p) => p.cost_usd) }], format: usdScale(Math.max(0, ...s.map((p) => p.cost_usd))) });
    const lat = new Map((latency ?? []).map((p) => [Date.parse(p.bucket_start) / 1000, p]));
    charts.latency.update(xs, xs.map((x) => lat.get(x)?.p50_ms ?? null), xs.map((x) => lat.get(x)?.p95_ms ?? null));
    const inRange = (filters) => logHash({ from: data.from, to: data.to, ...filters });
    const userOf = (id) => (id ? names.get(id) ?? id : '(anonymous)');

    const figureCols = [
      { label: 'Cost', class: 'num', render: (r) => usd(r.cost_usd) },
      { label: 'Requests', class: 'num', render: (r) => int(r.requests) },
      { label: 'Errors', class: 'num', render: (r) => int(r.errors) },
      { label: 'Blocked', class: 'num', render: (r) => int(r.blocked) },
      { label: 'Tokens', class: 'num', render: (r) => int(r.tokens_in + r.tokens_out) },
      { label: 'Avg latency', class: 'num', render: (r) => ms(r.avg_latency_ms) },
    ];
    // Re-rendered only when they change, so a live refresh does not take focus or scroll position away.
    const key = JSON.stringify([data.by_model, data.by_provider, data.by_user, data.quality?.by_model, [...names]]);
    if (breakdowns.dataset.key === key) return;
    breakdowns.dataset.key = key;
    replace(
      breakdowns,
      h('section', { class: 'card', 'aria-label': 'By model' }, h('h2', {}, 'By model'), table('Requests by model', [{ label: 'Model', render: (r) => (r.model ? h('a', { href: inRange({ model: r.model }) }, r.model) : '—') }, { label: 'Provider', render: (r) => r.provider ?? '—' }, ...figureCols], data.by_model ?? [], { empty: 'No requests in this range.' })),
      qualityCard(data.quality, data.by_model),
      h('section', { class: 'card', 'aria-label': 'By provider' }, h('h2', {}, 'By provider'), table('Requests by provider', [{ label: 'Provider', render: (r) => r.provider ?? '—' }, ...figureCols], data.by_provider ?? [], { empty: 'No requests in this range.' })),
      h('section', { class: 'card', 'aria-label': 'By user' }, h('h2', {}, 'By user'), table('Requests by user', [{ label: 'User', render: (r) => (r.user_id ? h('a', { href: inRange({ user_id: r.user_id }), title: r.user_id }, r.username ?? userOf(r.user_id)) : '(anonymous)') }, ...figureCols], data.by_user ?? [], { empty: 'No requests in this range.' })),
    );
  }

  function schedule() {
    clearInterval(timer);
    timer = liveBox.checked ? setInterval(() => !document.hidden && refresh(), REFRESH_MS) : null;
  }

  rangeSelect.addEventListener('change', () => refresh());
  refreshBtn.addEventListener('click', () => refresh(true));
  liveBox.addEventListener('change', schedule);
  schedule();
  refresh();

  return () => {
    stopped = true;
    clearInterval(timer);
    inFlight?.abort();
    Object.values(charts).forEach((c) => c.destroy());
    usage.destroy();
    system.destroy();
  };
}

export default { id: 'overview', title: 'Overview', roles: ['analyst', 'admin'], render };
