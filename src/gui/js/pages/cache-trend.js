/**
 * The Cache page's trend (#19): hits and misses of every instance per hour over 24 hours, stacked bars from the
 * `shared.hourly` series of GET /api/v1/cache/stats, with each hour's hit rate in the legend and the bucket list.
 * A bar or a bucket opens the request log of that hour. Drawn again only when the figures change: the page refreshes
 * every 5 s, and a redraw would undo a zoom and move the legend under the pointer.
 */
import { barChart } from '../bar-chart.js';
import { int, percent } from '../format.js';
import { logHash } from './request-log-url.js';

const rateOf = (p) => (p.hits + p.misses ? p.hits / (p.hits + p.misses) : null);

/** Returns { el, update(hourly), unavailable(text), stale(on), destroy() }. */
export function cacheTrend() {
  const chart = barChart({
    title: 'Cache hits and misses',
    yFormat: int,
    bucketHref: (from, to) => logHash({ from, to }),
    onBucket: (from, to) => (location.hash = logHash({ from, to })),
  });
  chart.el.classList.add('cache-trend');
  let shown = null;

  return {
    el: chart.el,
    update(hourly) {
      const key = JSON.stringify(hourly);
      if (key === shown) return;
      shown = key;
      const rates = hourly.map(rateOf);
      chart.update({
        bucket: 'hour',
        xs: hourly.map((p) => Date.parse(p.hour) / 1000),
        series: [
          { label: 'Hits', values: hourly.map((p) => p.hits) },
          { label: 'Misses', values: hourly.map((p) => p.misses) },
        ],
        extras: [{ label: 'Hit rate', values: rates, format: percent }],
        describe: (k) => `${int(hourly[k].hits)} hits · ${int(hourly[k].misses)} misses · hit rate ${percent(rates[k] ?? 0)}`,
      });
    },
    unavailable: (text) => chart.unavailable(text),
    /** Bars kept from an earlier refresh are dimmed like the tiles. */
    stale: (on) => chart.el.classList.toggle('stale', on),
    destroy: () => chart.destroy(),
  };
}
