/**
 * Bar charts for per-bucket counts and sums (uPlot from /vendor/uplot/): bars stacked by series, the bucket stated in
 * the title ("per hour"), drag to zoom (double-click zooms out), and a click on a bar, or a link in the bucket table
 * under it, opening what the bucket holds. Nothing is drawn until there is data, so no empty 1970 axes.
 */
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { h, replace } from './dom.js';

export const PALETTE = ['#1d4ed8', '#b45309', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#334155', '#a21caf'];
const AXIS = { stroke: '#334155', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } };
export const BUCKET_WORDS = { minute: 'per minute', hour: 'per hour', day: 'per day' };
const BUCKET_SECONDS = { minute: 60, hour: 3600, day: 86400 };

/**
 * barChart({ title, yFormat, onBucket(fromIso, toIso, seriesIndex | null), bucketHref(fromIso, toIso) }) → { el, update({ bucket, xs, series: [{ label, values }], format?, extras?, describe? }), destroy() }
 * xs are bucket starts in seconds. extras: [{ label, values, format }] are figures of a bucket that are not bars (a
 * rate): shown in the legend beside the bars' and never drawn. describe(k) is the bucket list's text for bucket k.
 */
export function barChart({ title, yFormat = (v) => String(v), height = 220, onBucket, bucketHref }) {
  const caption = h('figcaption', {}, title);
  const plotHost = h('div', { class: 'chart-plot' });
  const placeholder = h('p', { class: 'chart-empty muted' }, 'Loading…');
  const note = h('p', { class: 'chart-note' });
  const buckets = h('details', { class: 'chart-buckets' });
  const el = h('figure', { class: 'chart', role: 'group', 'aria-label': title }, caption, placeholder, plotHost, note, buckets);
  let plot = null;
  let raw = null;
  let bucket = 'hour';
  let downAt = null;
  /** Labels of one chart share their precision (update's format), else yFormat. */
  let fmt = yFormat;

  const width = () => Math.max(200, Math.floor(plotHost.clientWidth || el.clientWidth || 300));

  function build(series, extras) {
    plot?.destroy();
    // Stacks drawn tallest first, so each series shows as its own band of the bar.
    const bars = uPlot.paths.bars({ size: [0.85, 80], align: 1 });
    const order = series.map((_, i) => series.length - 1 - i);
    plot = new uPlot(
      {
        width: width(),
        height,
        cursor: { drag: { x: true, y: false, setScale: true } },
        legend: { live: true },
        scales: { extra: { range: () => [0, 1] }, x: { time: true, range: (_u, min, max) => [min - (min === max ? BUCKET_SECONDS[bucket] : 0), max + BUCKET_SECONDS[bucket]] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
        axes: [{ ...AXIS }, { ...AXIS, size: (_u, values) => (values?.length ? Math.max(...values.map((v) => String(v).length)) * 7.5 + 18 : 40), values: (_u, ticks) => ticks.map((t) => fmt(t)) }],
        series: [
          { label: 'Bucket start' },
          ...order.map((i) => ({
            label: series[i].label,
            stroke: PALETTE[i % PALETTE.length],
            fill: PALETTE[i % PALETTE.length] + 'cc',
            width: 1,
            paths: bars,
            points: { show: false },
            value: (_u, _v, _si, idx) => (idx === null || idx === undefined ? '—' : fmt(series[i].values[idx] ?? 0)),
          })),
          // On a scale of their own with nothing to draw: they neither stretch the bars' axis nor paint over them.
          ...extras.map((x) => ({
            label: x.label,
            scale: 'extra',
            stroke: 'transparent',
            paths: () => null,
            points: { show: false },
            value: (_u, _v, _si, idx) => (idx === null || idx === undefined || x.values[idx] === null ? '—' : x.format(x.values[idx])),
          })),
        ],
      },
      [raw.xs, ...order.map((i) => stacked(series, i)), ...extras.map((x) => x.values)],
      plotHost,
    );
  }

  /** The cumulative heights of series 0..i at every bucket. */
  const stacked = (series, i) => raw.xs.map((_, k) => series.slice(0, i + 1).reduce((s, x) => s + (x.values[k] ?? 0), 0));

  const bucketRange = (x) => [new Date(x * 1000).toISOString(), new Date((x + BUCKET_SECONDS[bucket]) * 1000).toISOString()];

  plotHost.addEventListener('mousedown', (e) => (downAt = e.clientX));
  plotHost.addEventListener('click', (e) => {
    // A drag (to zoom) ends in a click too: only a click that did not move opens the bucket.
    if (!plot || !raw || downAt === null || Math.abs(e.clientX - downAt) > 3) return;
    const idx = plot.cursor.idx;
    if (idx === null || idx === undefined || !onBucket) return;
    const [from, to] = bucketRange(raw.xs[idx]);
    // Which band of the stacked bar was clicked: the first series whose running total reaches the pointer's value.
    const v = plot.posToVal(plot.cursor.top, 'y');
    let sum = 0;
    let band = null;
    for (let i = 0; i < raw.series.length; i++) {
      sum += raw.series[i].values[idx] ?? 0;
      if (v <= sum) {
        band = i;
        break;
      }
    }
    onBucket(from, to, band);
  });
  plotHost.addEventListener('dblclick', () => raw && plot?.setScale('x', { min: raw.xs[0], max: raw.xs.at(-1) }));

  const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height }));
  resize.observe(plotHost);

  return {
    el,
    update(next) {
      bucket = next.bucket;
      fmt = next.format ?? yFormat;
      raw = next;
      caption.textContent = `${title} ${BUCKET_WORDS[bucket] ?? ''}`.trim();
      el.setAttribute('aria-label', caption.textContent);
      const has = next.xs.length > 0 && next.series.some((s) => s.values.some((v) => v));
      placeholder.textContent = 'Nothing in this range.';
      placeholder.hidden = has;
      plotHost.hidden = !has;
      note.textContent = has ? 'Drag across the chart to zoom in, double-click to zoom out; click a bar, or open a bucket below, for its requests.' : '';
      if (has) build(next.series, next.extras ?? []);
      else {
        plot?.destroy();
        plot = null;
      }
      const rows = next.xs.map((x, k) => ({ x, k, total: next.series.reduce((s, se) => s + (se.values[k] ?? 0), 0) })).filter((r) => r.total > 0);
      replace(
        buckets,
        h('summary', {}, `Buckets as a list (${rows.length})`),
        h(
          'ul',
          { class: 'chart-bucket-links' },
          rows.map((r) => {
            const [from, to] = bucketRange(r.x);
            return h('li', {}, h('a', { href: bucketHref?.(from, to) ?? '#' }, new Date(r.x * 1000).toLocaleString()), ` ${next.describe?.(r.k) ?? fmt(r.total)}`);
          }),
        ),
      );
      buckets.hidden = !has;
    },
    /** The figures could not be loaded: a chart never drawn says so instead of "Loading…" (a drawn one keeps its bars). */
    unavailable(text) {
      if (!raw) placeholder.textContent = text;
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

/** Every bucket start (seconds) of [fromIso, toIso), UTC-aligned like the server's buckets. */
export function bucketStarts(fromIso, toIso, bucket) {
  const step = BUCKET_SECONDS[bucket] ?? 3600;
  const xs = [];
  for (let x = Math.floor(Date.parse(fromIso) / 1000 / step) * step; x < Date.parse(toIso) / 1000; x += step) xs.push(x);
  return xs;
}

/** A currency formatter with the same number of decimals for every label of one chart (the largest value decides). */
export function usdScale(max) {
  const digits = max >= 10 ? 2 : max >= 0.1 ? 3 : max >= 0.001 ? 4 : 6;
  return (v) => `$${Number(v).toFixed(digits)}`;
}
