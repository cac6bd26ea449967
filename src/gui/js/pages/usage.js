/**
 * Spend and usage on the Overview (GET /api/v1/analytics/usage): who spent what on which model, per API key, and
 * cost per bucket stacked by model or by user. Cost comes first; every row and every bar opens the request log
 * filtered to it.
 */
import { get, qs } from '../api.js';
import { barChart, bucketStarts, usdScale } from '../bar-chart.js';
import { h, newId, replace, select } from '../dom.js';
import { int, ms, usd } from '../format.js';
import { sortableTable } from '../sort-table.js';
import { problem, setStatus } from '../ui.js';
import { logHash } from './request-log-url.js';

const PERIODS = [
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000, bucket: 'hour' },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000, bucket: 'day' },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000, bucket: 'day' },
];
const STACKS = [
  { value: 'model', label: 'By model' },
  { value: 'user', label: 'By user' },
];
/** Series drawn in the stack; the rest are summed as "others". */
const MAX_STACKS = 7;
const REREAD_MS = 30_000;

export const userLabel = (r) => r.username ?? r.user_id ?? '(anonymous)';

/** names: a Map user_id → username the view fills, for other tables of the page. */
export function usageView({ names = new Map() } = {}) {
  const periodId = newId('period');
  const period = select({ id: periodId, name: 'usage-period' }, PERIODS, '7d');
  const stackId = newId('stack');
  const stack = select({ id: stackId, name: 'usage-stack' }, STACKS, 'model');
  const status = h('div');
  const pairs = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  const keys = h('div');
  let range = null;
  /** Per band of the stacked chart, the log filter it stands for ("Others": none). */
  let bands = [];
  let last = null;
  const open = (filters) => logHash({ from: range.from, to: range.to, ...filters });
  const chart = barChart({
    title: 'Cost',
    yFormat: usd,
    bucketHref: (from, to) => logHash({ from, to }),
    // A click on a model's (or user's) band of a bar opens that model's (user's) requests of the bucket.
    onBucket: (from, to, band) => (location.hash = logHash({ from, to, ...(bands[band] ?? {}) })),
  });
  const headingId = newId('usage');
  const el = h(
    'section',
    { class: 'card usage-card', 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: headingId }, 'Spend by user and model'),
      h('div', { class: 'toolbar' }, h('div', { class: 'field inline' }, h('label', { for: periodId }, 'Period'), period), h('div', { class: 'field inline' }, h('label', { for: stackId }, 'Stack cost'), stack)),
    ),
    status,
    chart.el,
    h('h3', {}, 'User × model, most expensive first'),
    pairs,
    h('h3', {}, 'By API key'),
    keys,
  );

  /** A week of request rows is read each time: the live refresh asks at most every 30 s, a new period at once. */
  let readAt = 0;
  async function refresh(force = false) {
    if (!force && Date.now() - readAt < REREAD_MS) return null;
    readAt = Date.now();
    const p = PERIODS.find((x) => x.value === period.value) ?? PERIODS[1];
    const to = new Date();
    range = { from: new Date(to.getTime() - p.ms).toISOString(), to: to.toISOString() };
    try {
      const data = await get(`/api/v1/analytics/usage${qs({ ...range, bucket: p.bucket })}`);
      setStatus(status);
      for (const r of [...data.by_user_model, ...data.cost_by_user]) if (r.user_id && r.username) names.set(r.user_id, r.username);
      const key = JSON.stringify([data.by_user_model, data.by_key, data.cost_by_model, data.cost_by_user]);
      if (key === last) return data;
      last = key;
      draw(data);
      return data;
    } catch (err) {
      setStatus(status, problem(err, 'Spend by user and model'));
      readAt = 0;
      return null;
    }
  }

  function draw(data) {
    drawChart(data);
    const figures = [
      { label: 'Requests', class: 'num', value: (r) => r.requests, render: (r) => int(r.requests) },
      { label: 'Tokens', class: 'num', value: (r) => r.tokens_in + r.tokens_out, render: (r) => int(r.tokens_in + r.tokens_out) },
      { label: 'Errors', class: 'num', value: (r) => r.errors, render: (r) => int(r.errors) },
      { label: 'Blocked', class: 'num', value: (r) => r.blocked, render: (r) => int(r.blocked) },
    ];
    replace(
      pairs,
      sortableTable(
        'Spend by user and model',
        [
          { label: 'Cost', class: 'num', value: (r) => r.cost_usd, render: (r) => usd(r.cost_usd) },
          { label: 'User', value: (r) => userLabel(r), render: (r) => h('a', { class: 'row-link', href: open({ user_id: r.user_id ?? undefined, model: r.model ?? undefined }), 'aria-label': `Requests of ${userLabel(r)} on ${r.model ?? 'no model'}` }, userLabel(r)) },
          { label: 'Model', value: (r) => r.model ?? '', render: (r) => r.model ?? '—' },
          ...figures,
          { label: 'Latency p50', class: 'num', value: (r) => r.latency_p50_ms, render: (r) => ms(r.latency_p50_ms) },
        ],
        data.by_user_model,
        { empty: 'No requests in this period.', rowAttrs: (r) => ({ dataset: { userId: r.user_id ?? '', model: r.model ?? '' } }) },
      ),
    );
    replace(
      keys,
      sortableTable(
        'Spend by API key',
        [
          { label: 'Cost', class: 'num', value: (r) => r.cost_usd, render: (r) => usd(r.cost_usd) },
          {
            label: 'Key',
            value: (r) => r.key_name ?? r.api_key_id ?? '',
            render: (r) => (r.api_key_id ? h('a', { class: 'row-link', href: open({ api_key_id: r.api_key_id }) }, r.key_name ?? r.api_key_id) : h('span', { class: 'muted' }, 'Login sessions (no key)')),
          },
          ...figures,
        ],
        data.by_key,
        { empty: 'No requests in this period.' },
      ),
    );
  }

  function drawChart(data) {
    const byUser = stack.value === 'user';
    const points = byUser ? data.cost_by_user : data.cost_by_model;
    const nameOf = (r) => (byUser ? userLabel(r) : r.model ?? '(no model)');
    const totals = new Map();
    for (const r of points) totals.set(nameOf(r), (totals.get(nameOf(r)) ?? 0) + r.cost_usd);
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, MAX_STACKS).map(([n]) => n);
    const labels = totals.size > top.length ? [...top, 'Others'] : top;
    const idOf = new Map(points.map((r) => [nameOf(r), byUser ? { user_id: r.user_id ?? undefined } : { model: r.model ?? undefined }]));
    bands = top.map((n) => idOf.get(n));
    const xs = bucketStarts(data.from, data.to, data.bucket);
    const at = new Map(xs.map((x, i) => [x, i]));
    const series = labels.map((label) => ({ label, values: xs.map(() => 0) }));
    for (const r of points) {
      const i = top.includes(nameOf(r)) ? top.indexOf(nameOf(r)) : labels.length - 1;
      const k = at.get(Date.parse(r.bucket_start) / 1000);
      if (k !== undefined) series[i].values[k] += r.cost_usd;
    }
    const fmt = usdScale(Math.max(0, ...xs.map((_, k) => series.reduce((s, se) => s + se.values[k], 0))));
    chart.update({ bucket: data.bucket, xs, series, format: fmt });
  }

  period.addEventListener('change', () => {
    last = null;
    refresh(true);
  });
  stack.addEventListener('change', () => {
    last = null;
    refresh(true);
  });
  return { el, refresh, names, destroy: () => chart.destroy() };
}
