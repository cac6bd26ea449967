import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  fn: string;
  where: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  windowMs: number;
  /** Sampled time minus (idle); the percentages are of this. */
  busyMs: number;
  /** False when no sample fell in the load window (clock mismatch): the whole profile was summarised. */
  windowed: boolean;
  selfTop: ProfileRow[];
  /** Self time grouped by package (node_modules/x), node internals, the orchestrator's own files, or V8 pseudo-nodes. */
  byArea: ProfileRow[];
  /** Inclusive time of the orchestrator's own functions (src/…): where its request path spends time, callees included. */
  inclusiveOwn: ProfileRow[];
  /**
   * Each sample charged to the nearest frame on its stack that is a package or an orchestrator file, so node
   * internals (socket writes, streams, timers) count for whoever called them: "who caused this CPU".
   */
  byOwner: ProfileRow[];
}

const ROOT = /^file:\/\/(?!.*\/node_modules\/).*?\/(dist\/)?(src\/.*)$/;

function whereOf(url: string, line: number): string {
  if (!url) return '';
  const own = ROOT.exec(url);
  if (own) return `${own[2]}:${line + 1}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return `${url.slice(nm + 'node_modules/'.length)}:${line + 1}`;
  return `${url.replace(/^file:\/\//, '')}:${line + 1}`;
}

function areaOf(fn: string, url: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
  if (ROOT.test(url)) return `orchestrator ${ROOT.exec(url)![2]!.split('/').slice(0, 2).join('/')}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return `pkg ${m[1]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return url;
}

/**
 * Self and inclusive time per function over the samples taken between fromUs and toUs (V8 profile timestamps are
 * CLOCK_MONOTONIC µs, the same clock as process.hrtime), so start-up and shutdown do not dilute the load window.
 */
export function summariseProfile(file: string, fromUs: number, toUs: number, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const inWindow: { id: number; dt: number }[] = [];
  const all: { id: number; dt: number }[] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    t += p.timeDeltas[i] ?? 0;
    all.push({ id: p.samples[i]!, dt });
    if (t >= fromUs && t <= toUs) inWindow.push({ id: p.samples[i]!, dt });
  }
  const windowed = inWindow.length > 0;
  const samples = windowed ? inWindow : all;
  const windowUs = samples.reduce((s, x) => s + x.dt, 0) || 1;
  // Percentages are of busy time: (idle) is listed but not counted.
  const totalUs = samples.reduce((s, x) => s + (byId.get(x.id)?.callFrame.functionName === '(idle)' ? 0 : x.dt), 0) || 1;

  const self = new Map<string, { fn: string; where: string; us: number }>();
  const area = new Map<string, number>();
  const inclusive = new Map<string, { fn: string; where: string; us: number }>();
  const owner = new Map<string, number>();
  for (const { id, dt } of samples) {
    const node = byId.get(id);
    if (!node) continue;
    const o = ownerOf(id, byId, parent);
    owner.set(o, (owner.get(o) ?? 0) + dt);
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = functionName || '(anonymous)';
    const key = `${fn}@${url}:${lineNumber}`;
    const s = self.get(key) ?? { fn, where: whereOf(url, lineNumber), us: 0 };
    s.us += dt;
    self.set(key, s);
    const a = areaOf(fn, url);
    area.set(a, (area.get(a) ?? 0) + dt);

    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (!ROOT.test(cf.url)) continue;
      const k = `${cf.functionName || '(anonymous)'}@${cf.url}:${cf.lineNumber}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const e = inclusive.get(k) ?? { fn: cf.functionName || '(anonymous)', where: whereOf(cf.url, cf.lineNumber), us: 0 };
      e.us += dt;
      inclusive.set(k, e);
    }
  }
  const rows = (xs: { fn: string; where: string; us: number }[]) =>
    xs
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((x) => ({ fn: x.fn, where: x.where, ms: Math.round(x.us / 100) / 10, pct: Math.round((x.us / totalUs) * 1000) / 10 }));
  return {
    windowMs: Math.round(windowUs / 1000),
    busyMs: Math.round(totalUs / 1000),
    windowed,
    selfTop: rows([...self.values()]),
    byArea: rows([...area].map(([k, us]) => ({ fn: k, where: '', us }))),
    inclusiveOwn: rows([...inclusive.values()]),
    byOwner: rows([...owner].map(([k, us]) => ({ fn: k, where: '', us }))),
  };
}

type Node = CpuProfile['nodes'][number];
function ownerOf(id: number, byId: Map<number, Node>, parent: Map<number, number>): string {
  const leaf = byId.get(id)!.callFrame.functionName;
  if (leaf.startsWith('(')) return leaf; // (garbage collector), (idle), (program)
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const url = byId.get(cur)!.callFrame.url;
    const own = ROOT.exec(url);
    if (own) return own[2]!.replace(/\.(js|ts)$/, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return `pkg ${pkg[1]}`;
  }
  return `node internals (${leaf || 'native'})`;
}
