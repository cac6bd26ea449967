/**
 * Independent, hand-written evaluation set for the content firewall (see scripts/eval/devset/README.md).
 * False-positive rate on harmless prompts and recall per category (pii, secrets, toxicity).
 *   npx tsx scripts/eval/devset.ts            # human-readable report with targets and failures
 *   npx tsx scripts/eval/devset.ts --json     # the report as JSON
 *   npx tsx scripts/eval/devset.ts --no-rules # engine without the bench's org rules
 * It is a report, not a gate: the exit code is 0 whatever the figures (a malformed data file still throws).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type DevCategory = 'harmless' | 'pii' | 'secrets' | 'toxicity';
export type DevExpect = 'allow' | 'block';
export type BlockedCategory = Exclude<DevCategory, 'harmless'>;

export interface DevCase {
  id: string;
  text: string;
  expect: DevExpect;
  category: DevCategory;
  topic: string;
  types?: string[];
  /** Where the case was read from, for error messages. */
  source: string;
}

export interface DevDecision {
  blocked: boolean;
  reasons: string[];
}

export interface DevFailure {
  id: string;
  category: DevCategory;
  topic: string;
  expected: DevExpect;
  got: DevExpect | 'error';
  reasons: string[];
  text: string;
}

export interface TopicFigures {
  topic: string;
  total: number;
  /** harmless: cases blocked (false positives); blocked categories: cases caught. */
  blocked: number;
  rate: number;
}

export interface CategoryRecall {
  total: number;
  caught: number;
  recall: number;
  target: number;
  meetsTarget: boolean;
}

export interface DevsetReport {
  counts: Record<DevCategory, number> & { total: number };
  harmless: {
    total: number;
    falsePositives: number;
    falsePositiveRate: number;
    target: number;
    meetsTarget: boolean;
    /** Per harmless topic: how many were blocked. */
    byTopic: TopicFigures[];
  };
  recall: Record<BlockedCategory, CategoryRecall>;
  /** Per blocked topic (category/topic): how many were caught. */
  blockedByTopic: TopicFigures[];
  /** Cases on which decide() threw; they are counted as failures. */
  errors: number;
  failures: DevFailure[];
}

export const TARGETS = { falsePositiveRate: 0.02, recall: { pii: 0.95, secrets: 0.95, toxicity: 0.85 } } as const;

const CATEGORIES: readonly DevCategory[] = ['harmless', 'pii', 'secrets', 'toxicity'];
const BLOCKED: readonly BlockedCategory[] = ['pii', 'secrets', 'toxicity'];
const PII_TYPES = new Set([
  'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN', 'CREDIT_CARD', 'IBAN_CODE', 'US_PASSPORT', 'US_DRIVER_LICENSE',
  'UK_NHS', 'DATE_TIME', 'US_BANK_NUMBER',
]);
const TOXICITY_TYPES = new Set(['insult', 'threat', 'identity_attack', 'self_harm', 'sexual', 'harassment']);
const KEYS = new Set(['id', 'text', 'expect', 'category', 'topic', 'types']);

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEVSET_DIR = resolve(HERE, 'devset');
export const DEVSET_FILES = ['harmless.jsonl', 'blocked.jsonl'] as const;

function fail(where: string, msg: string): never {
  throw new Error(`devset: ${where}: ${msg}`);
}

function parseCase(raw: string, where: string): DevCase {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    fail(where, `invalid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, 'not a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) fail(where, `unknown field "${k}"`);
  const str = (k: string): string => {
    const x = o[k];
    if (x === undefined) fail(where, `missing field "${k}"`);
    if (typeof x !== 'string' || x.trim() === '') fail(where, `field "${k}" must be a non-empty string`);
    return x;
  };
  const id = str('id');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(where, `bad id "${id}" (lowercase letters, digits, dashes)`);
  const text = str('text');
  const expect = str('expect');
  if (expect !== 'allow' && expect !== 'block') fail(where, `${id}: expect must be "allow" or "block", got "${expect}"`);
  const category = str('category');
  if (!(CATEGORIES as readonly string[]).includes(category)) fail(where, `${id}: unknown category "${category}"`);
  const topic = str('topic');
  if ((category === 'harmless') !== (expect === 'allow')) {
    fail(where, `${id}: category "${category}" is inconsistent with expect "${expect}"`);
  }
  let types: string[] | undefined;
  if (o.types !== undefined) {
    if (!Array.isArray(o.types) || o.types.length === 0 || !o.types.every((t) => typeof t === 'string' && t !== '')) {
      fail(where, `${id}: "types" must be a non-empty array of strings`);
    }
    types = o.types as string[];
    const allowed = category === 'pii' ? PII_TYPES : category === 'toxicity' ? TOXICITY_TYPES : undefined;
    if (allowed) for (const t of types) if (!allowed.has(t)) fail(where, `${id}: unknown ${category} type "${t}"`);
  }
  if (category !== 'harmless' && !types) fail(where, `${id}: blocked cases need "types"`);
  const c: DevCase = { id, text, expect, category: category as DevCategory, topic, source: where };
  if (types) c.types = types;
  return c;
}

/** Loads and validates both files; throws on a malformed line, a missing field or a duplicate id. */
/**
 * A second, smaller set written by another hand after the scanners were tuned on the dev set, and never tuned on:
 * how well the fixes generalise. Keep it that way: a case that fails here is a lesson, not a line to special-case.
 */
export const HOLDOUT_FILES = ['holdout-lead.jsonl', 'holdout-lead-2.jsonl'] as const;

export function loadDevset(dir: string = DEVSET_DIR, files: readonly string[] = DEVSET_FILES): DevCase[] {
  const cases: DevCase[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const path = resolve(dir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      const c = parseCase(line, where);
      const prev = seen.get(c.id);
      if (prev) fail(where, `duplicate id "${c.id}" (first at ${prev})`);
      seen.set(c.id, where);
      cases.push(c);
    });
  }
  if (cases.length === 0) throw new Error(`devset: no cases found in ${dir}`);
  return cases;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

function byTopic(cases: DevCase[], hit: (c: DevCase) => boolean, key: (c: DevCase) => string): TopicFigures[] {
  const m = new Map<string, { total: number; blocked: number }>();
  for (const c of cases) {
    const k = key(c);
    const e = m.get(k) ?? { total: 0, blocked: 0 };
    e.total++;
    if (hit(c)) e.blocked++;
    m.set(k, e);
  }
  return [...m.entries()]
    .map(([topic, e]) => ({ topic, total: e.total, blocked: e.blocked, rate: ratio(e.blocked, e.total) }))
    .sort((a, b) => a.topic.localeCompare(b.topic));
}

/** Runs decide() on every case. A throw counts as a failure (a false positive on harmless, a miss otherwise). */
export function scoreDevset(decide: (text: string) => DevDecision, cases: DevCase[] = loadDevset()): DevsetReport {
  const outcome = new Map<string, { blocked: boolean; error: boolean; reasons: string[] }>();
  let errors = 0;
  for (const c of cases) {
    try {
      const d = decide(c.text);
      outcome.set(c.id, { blocked: d.blocked, error: false, reasons: [...d.reasons] });
    } catch (e) {
      errors++;
      outcome.set(c.id, { blocked: false, error: true, reasons: [`error: ${(e as Error)?.message ?? String(e)}`] });
    }
  }
  const out = (c: DevCase) => outcome.get(c.id)!;
  const correct = (c: DevCase) => !out(c).error && out(c).blocked === (c.expect === 'block');

  const harmless = cases.filter((c) => c.category === 'harmless');
  const fp = harmless.filter((c) => !correct(c)).length;
  const fpr = ratio(fp, harmless.length);

  const recall = {} as Record<BlockedCategory, CategoryRecall>;
  for (const cat of BLOCKED) {
    const xs = cases.filter((c) => c.category === cat);
    const caught = xs.filter(correct).length;
    const r = ratio(caught, xs.length);
    recall[cat] = { total: xs.length, caught, recall: r, target: TARGETS.recall[cat], meetsTarget: r >= TARGETS.recall[cat] };
  }

  const counts = { total: cases.length, harmless: 0, pii: 0, secrets: 0, toxicity: 0 };
  for (const c of cases) counts[c.category]++;

  const failures: DevFailure[] = cases
    .filter((c) => !correct(c))
    .map((c) => ({
      id: c.id,
      category: c.category,
      topic: c.topic,
      expected: c.expect,
      got: out(c).error ? 'error' : out(c).blocked ? 'block' : 'allow',
      reasons: out(c).reasons,
      text: c.text,
    }));

  return {
    counts,
    harmless: {
      total: harmless.length,
      falsePositives: fp,
      falsePositiveRate: fpr,
      target: TARGETS.falsePositiveRate,
      meetsTarget: fpr <= TARGETS.falsePositiveRate,
      byTopic: byTopic(harmless, (c) => !correct(c), (c) => c.topic),
    },
    recall,
    blockedByTopic: byTopic(cases.filter((c) => c.category !== 'harmless'), correct, (c) => `${c.category}/${c.topic}`),
    errors,
    failures,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const snippet = (s: string, n = 100) => {
  const cut = [...s].slice(0, n).join('');
  return JSON.stringify(cut + (cut.length < s.length ? '…' : '')).slice(1, -1);
};

export function formatReport(r: DevsetReport): string {
  const L: string[] = [];
  const mark = (ok: boolean) => (ok ? 'OK  ' : 'MISS');
  L.push(`devset: ${r.counts.total} cases (harmless ${r.counts.harmless}, pii ${r.counts.pii}, secrets ${r.counts.secrets}, toxicity ${r.counts.toxicity})`);
  L.push('');
  L.push(`[${mark(r.harmless.meetsTarget)}] false positives on harmless: ${r.harmless.falsePositives}/${r.harmless.total} = ${pct(r.harmless.falsePositiveRate)}   (target ≤ ${pct(r.harmless.target)})`);
  for (const cat of BLOCKED) {
    const x = r.recall[cat];
    L.push(`[${mark(x.meetsTarget)}] recall ${cat.padEnd(8)} ${x.caught}/${x.total} = ${x.recall.toFixed(3)}   (target ≥ ${x.target.toFixed(2)})`);
  }
  if (r.errors > 0) L.push(`       engine errors: ${r.errors} (counted as failures)`);
  L.push('');
  L.push('harmless topics with false positives:');
  const fpTopics = r.harmless.byTopic.filter((t) => t.blocked > 0).sort((a, b) => b.blocked - a.blocked);
  if (fpTopics.length === 0) L.push('  (none)');
  for (const t of fpTopics) L.push(`  ${t.topic.padEnd(16)} ${String(t.blocked).padStart(3)}/${String(t.total).padEnd(3)} ${pct(t.rate)}`);
  L.push('');
  L.push('blocked topics with misses:');
  const missTopics = r.blockedByTopic.filter((t) => t.blocked < t.total).sort((a, b) => a.rate - b.rate);
  if (missTopics.length === 0) L.push('  (none)');
  for (const t of missTopics) L.push(`  ${t.topic.padEnd(30)} caught ${String(t.blocked).padStart(3)}/${String(t.total).padEnd(3)} ${pct(t.rate)}`);
  L.push('');
  L.push(`failures (${r.failures.length}):`);
  for (const f of r.failures) {
    L.push(`  ${f.id}  expected ${f.expected}, got ${f.got}`);
    L.push(`      text:    ${snippet(f.text)}`);
    L.push(`      reasons: ${f.reasons.length ? f.reasons.join(' | ') : '(none)'}`);
  }
  return L.join('\n');
}

async function main(): Promise<void> {
  const cases = loadDevset();
  const { comprehensiveEngine } = await import('./comprehensive.js');
  const withRules = !process.argv.includes('--no-rules');
  const engine = comprehensiveEngine(withRules);
  const report = scoreDevset((text) => {
    const res = engine.scan(text);
    return { blocked: res.decision === 'block', reasons: res.reasons };
  }, cases);
  const holdout = scoreDevset((text) => {
    const res = engine.scan(text);
    return { blocked: res.decision === 'block', reasons: res.reasons };
  }, loadDevset(DEVSET_DIR, HOLDOUT_FILES));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...report, holdout }, null, 2));
  } else {
    console.log(`engine: comprehensiveEngine(${withRules ? 'with bench rules' : 'no rules'})`);
    console.log(formatReport(report));
    // Figures only: a holdout whose failing sentences are printed on every run soon becomes a second dev set.
    console.log('\nholdout (holdout-lead.jsonl: written after tuning, never tuned on; failures hidden, --holdout-failures shows them)');
    console.log(formatReport(process.argv.includes('--holdout-failures') ? holdout : { ...holdout, failures: [], blockedByTopic: [], harmless: { ...holdout.harmless, byTopic: [] } }));
  }
  process.exitCode = 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
