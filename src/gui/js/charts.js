/**
 * Time-series charts with uPlot (served from node_modules at /vendor/uplot/). A chart sizes itself to its
 * container and follows it when the window is resized. Canvas is invisible to screen readers, so each chart has a
 * text summary (aria-label) and the same figures are shown as numbers on the page.
 */
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { h } from './dom.js';

/** Colours with at least 4.5:1 contrast on white (the legend text uses them too). */
export const COLORS = { blue: '#1d4ed8', red: '#b91c1c', orange: '#b45309', green: '#15803d', purple: '#7e22ce', slate: '#334155' };

const AXIS = { stroke: '#334155', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } };

/**
 * lineChart({ title, series: [{ label, color, format, bars? }], yFormat })
 * → { el, update(xsSeconds, ...ys), destroy() }
 */
export function lineChart({ title, series, yFormat = (v) => String(v), height = 220 }) {
  const plotHost = h('div', { class: 'chart-plot' });
  const summary = h('p', { class: 'chart-summary visually-hidden' });
  const empty = h('p', { class: 'chart-empty muted' }, 'Loading…');
  const el = h('figure', { class: 'chart', role: 'group', 'aria-label': title }, h('figcaption', {}, title), empty, plotHost, summary);
  let plot = null;
  let data = [[], ...series.map(() => [])];

  const opts = (width) => ({
    width,
    height,
    // Drag across to zoom in; a double-click zooms out again (uPlot's own).
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    // One sample alone would make uPlot span years around it: give a lone point a few minutes of context.
    scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 300, max + 60] : [min, max]) } },
    axes: [
      { ...AXIS },
      // Wide enough for the longest label ($0.000015): about 7.5 px a character plus the ticks.
      { ...AXIS, size: (_u, values) => (values?.length ? Math.max(...values.map((v) => String(v).length)) * 7.5 + 18 : 40), values: (_u, ticks) => ticks.map((t) => yFormat(t)) },
    ],
    series: [
      { label: 'Time' },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        fill: s.fill ? s.color + '22' : undefined,
        // A lone point between gaps (one bucket with latency) is drawn as a dot; otherwise uPlot decides by density.
        ...(s.points ? { points: { show: true, size: 6 } } : {}),
        spanGaps: s.spanGaps ?? false,
        value: (_u, v) => (v === null || v === undefined ? '—' : (s.format ?? yFormat)(v)),
      })),
    ],
  });

  const width = () => Math.max(200, Math.floor(plotHost.clientWidth || el.clientWidth || 300));
  const ensure = () => {
    // No plot before the first data: uPlot's empty time axis reads 1969–1970.
    if (plot || !el.isConnected || !data[0].length) return;
    plot = new uPlot(opts(width()), data, plotHost);
  };
  const resize = new ResizeObserver(() => {
    if (!el.isConnected) return;
    if (!plot) ensure();
    else plot.setSize({ width: width(), height });
  });
  resize.observe(plotHost);

  return {
    el,
    update(xs, ...ys) {
      data = [xs, ...ys];
      const last = xs.length - 1;
      empty.textContent = 'No data yet.';
      empty.hidden = last >= 0;
      plotHost.hidden = last < 0;
      summary.textContent =
        last < 0
          ? `${title}: no data.`
          : `${title}, ${xs.length} points. Latest: ` + series.map((s, i) => `${s.label} ${(s.format ?? yFormat)(ys[i]?.[last] ?? 0)}`).join(', ') + '.';
      if (plot) plot.setData(data);
      else ensure();
      // With no cursor on the chart the legend shows the latest bucket rather than dashes.
      if (plot && last >= 0) plot.setLegend({ idx: last });
    },
    /** The figures could not be loaded: a chart never drawn says so instead of "Loading…". */
    unavailable(text) {
      if (!data[0].length && !plot) empty.textContent = text;
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}
