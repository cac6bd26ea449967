/**
 * This instance's vital signs (GET /api/v1/system/metrics): the current figures, CPU and memory over the recent
 * samples, and the batch writers' queues. When the server has no such route the section says so and stops asking.
 */
import { get } from '../api.js';
import { COLORS, lineChart } from '../charts.js';
import { h, newId, replace, table } from '../dom.js';
import { bytes, dec, int, ms } from '../format.js';
import { kpi, problem, setStatus } from '../ui.js';

const MB = 1024 * 1024;

export function systemMetricsView() {
  const headingId = newId('sys');
  const status = h('div', {});
  const meta = h('p', { class: 'muted' });
  const tiles = {
    cpu: kpi('cpu_percent', 'CPU'),
    rss: kpi('rss_bytes', 'Memory (RSS)'),
    loop: kpi('event_loop_p99_ms', 'Event-loop delay (p99)'),
    sockets: kpi('open_websockets', 'Open chat sockets'),
    inflight: kpi('inflight_requests', 'Requests in flight'),
    queue: kpi('queue_depth', 'Rows waiting to be written'),
  };
  const cpuChart = lineChart({ title: 'CPU (% of one core)', yFormat: (v) => `${dec(v)}%`, series: [{ label: 'CPU', color: COLORS.blue, fill: true }] });
  const memChart = lineChart({
    title: 'Memory (MB)',
    yFormat: (v) => `${dec(v)} MB`,
    series: [
      { label: 'RSS', color: COLORS.purple },
      { label: 'Heap used', color: COLORS.green },
    ],
  });
  const queues = h('div', {});
  const el = h(
    'section',
    { class: 'card system', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, 'This instance'),
    status,
    meta,
    h('div', { class: 'kpis' }, Object.values(tiles).map((t) => t.el)),
    h('div', { class: 'charts' }, cpuChart.el, memChart.el),
    queues,
  );
  let gone = false;
  let destroyed = false;

  function show(d) {
    const c = d.current;
    setStatus(status);
    meta.textContent = `${d.orchestrator_id} · a sample every ${dec(d.interval_s)} s${d.source === 'memory' ? ' · series from memory (the monitoring database is not answering)' : ''}`;
    tiles.cpu.set(c.cpu_percent, `${dec(c.cpu_percent)}%`);
    tiles.rss.set(c.rss_bytes, bytes(c.rss_bytes), `heap ${bytes(c.heap_used_bytes)}`);
    tiles.loop.set(c.event_loop_p99_ms, ms(c.event_loop_p99_ms), `p50 ${ms(c.event_loop_p50_ms)}`);
    tiles.sockets.set(c.open_websockets, int(c.open_websockets));
    tiles.inflight.set(c.inflight_requests, int(c.inflight_requests));
    tiles.queue.set(c.queue_depth, int(c.queue_depth), `${int(c.dropped_total)} dropped since start`);
    const s = d.series ?? [];
    const xs = s.map((p) => Date.parse(p.created_at) / 1000);
    cpuChart.update(xs, s.map((p) => p.cpu_percent));
    memChart.update(xs, s.map((p) => p.rss_bytes / MB), s.map((p) => p.heap_used_bytes / MB));
    const rows = Object.entries(d.queues ?? {}).map(([name, q]) => ({ name, ...q }));
    const key = JSON.stringify(rows);
    if (queues.dataset.key === key) return;
    queues.dataset.key = key;
    replace(
      queues,
      h('h3', {}, 'Write queues'),
      table(
        'Batch writer queues',
        [
          { label: 'Queue', render: (q) => q.name },
          { label: 'Waiting', class: 'num', render: (q) => int(q.queued) },
          { label: 'Written', class: 'num', render: (q) => int(q.written) },
          { label: 'Dropped', class: 'num', render: (q) => int(q.dropped) },
          { label: 'Failed flushes', class: 'num', render: (q) => int(q.failed_flushes) },
          { label: 'Last error', render: (q) => q.last_error ?? '—' },
        ],
        rows,
      ),
    );
  }

  return {
    el,
    async refresh() {
      if (gone || destroyed) return;
      try {
        const data = await get('/api/v1/system/metrics?limit=120');
        if (!destroyed) show(data);
      } catch (err) {
        if (destroyed) return;
        if (err.unavailable) gone = true;
        setStatus(status, problem(err, 'System metrics'));
      }
    },
    destroy() {
      destroyed = true;
      cpuChart.destroy();
      memChart.destroy();
    },
  };
}
