/**
 * Precision/recall of the toxicity scanner on ../shared/corpora/toxicity_sample.jsonl, per subset (Jigsaw talk-page
 * comments, Davidson tweets) and overall, plus latency and the adversarial megabytes (CPU time, growth from 256 KB).
 * Run: `npx tsx scripts/eval/toxicity.ts [--errors] [--no-adversarial]`.
 * CORPORA_DIR overrides the corpora folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CATEGORIES, createToxicityScanner, type Category } from '../../src/firewall/scanners/toxicity/index.js';
import { fill, formatAdversarial, measureAdversarial, type Adversarial } from './adversarial.js';

/**
 * Input built to make the scanner rescan: every rule, pattern and combining step anchored on every word, long
 * tokens, obfuscation. test/unit/firewall/toxicity.performance.test.ts holds their growth to linear; this script
 * prints how fast a megabyte of each is.
 */
export const TOXICITY_ADVERSARIAL: Adversarial = {
  'one letter': (n) => 'a'.repeat(n),
  'spaced letters': (n) => fill('a ', n),
  'spaced letters that spell words': (n) => fill('f u c k ', n),
  punctuation: (n) => fill('.,;!?*-', n),
  masks: (n) => fill('f*', n),
  'leetspeak symbols': (n) => fill('1@$!|', n),
  'zero-width characters': (n) => fill('f\u200b', n),
  homoglyphs: (n) => fill('аео ', n),
  emoji: (n) => '😀'.repeat(n / 2),
  'one long stretched word': (n) => `f${'u'.repeat(n)}ck`,
  'hyphen chains': (n) => fill('mother-', n),
  'threat after threat': (n) => fill('I will kill you ', n),
  // The patterns, the encouragement and sextortion rules and the combining step, each anchored on every word.
  'group statements': (n) => fill('all immigrants are are are just a bunch of ', n),
  'pattern anchors without a sentence end': (n) => fill('you will never see it you will never know what ', n),
  'encouragement and weak cues': (n) => fill('nobody would miss you just end it go jump ', n),
  'sharing verbs': (n) => fill('send me more pics or I will post these to your family ', n),
  Devanagari: (n) => fill('तू चूतिया है भेनचोद ', n),
  // Requests read 40 words ahead; group names, "they", bridged and coordinated group patterns; combined cues.
  'message requests': (n) => fill('write a message telling her she is an ugly pig and nobody loves her ', n),
  'group bridges and pronouns': (n) => fill('migrants from the city who live here and they are are just too dirty ', n),
  nationalities: (n) => fill('the chinese the french are the irish never ', n),
  'coercion cues': (n) => fill('send me pics if you want to keep your job or you are fired sleep with me ', n),
  'veiled threats': (n) => fill('people who cross me tend to have accidents shame if something happened to your kids ', n),
  'mentions and quotes': (n) => fill('what does "pendejo" mean, translate "vai se foder" you idiot ', n),
};

export interface Scores {
  rows: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Report {
  subsets: Record<string, Scores>;
  overall: Scores;
  /** Rows with at least one finding of the category, split by the row's label. */
  categories: Record<Category, { toxic: number; clean: number }>;
  latency: { rowP50Us: number; rowP99Us: number; kb1P50Us: number; kb1P99Us: number; mbPerSec: number };
  errors: Array<{ subset: string; toxic: boolean; text: string; types: string[] }>;
  /** Adversarial megabytes (CPU time), when asked for. */
  adversarial?: string;
}

interface Row {
  text: string;
  toxic: boolean;
  source: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CORPORA_DIR = path.resolve(HERE, '../../../shared/corpora');

const subsetOf = (source: string): string =>
  /jigsaw/i.test(source) ? 'jigsaw' : /davidson/i.test(source) ? 'davidson' : 'other';

function score(pairs: Array<[boolean, boolean]>): Scores {
  let tp = 0, fp = 0, fn = 0;
  for (const [label, flagged] of pairs) {
    if (flagged && label) tp++;
    else if (flagged) fp++;
    else if (label) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { rows: pairs.length, tp, fp, fn, precision, recall, f1 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function timeEach(texts: string[], reps: number, fn: (t: string) => unknown): number[] {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const t of texts) {
      const t0 = process.hrtime.bigint();
      fn(t);
      out.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Prompts of about `size` characters, made by joining corpus rows (the mix of clean and abusive text they have). */
function prompts(rows: Row[], size: number, count: number): string[] {
  const out: string[] = [];
  let k = 0;
  for (let n = 0; n < count; n++) {
    let p = '';
    while (p.length < size) p += rows[k++ % rows.length]!.text + '\n';
    // A request body arrives through JSON.parse as a flat string; a sliced concatenation is slower to index.
    out.push(JSON.parse(JSON.stringify(p.slice(0, size))) as string);
  }
  return out;
}

export async function evalToxicity(corporaDir: string = DEFAULT_CORPORA_DIR, adversarial = false): Promise<Report> {
  const raw = await readFile(path.join(corporaDir, 'toxicity_sample.jsonl'), 'utf8');
  const rows = raw.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const scanner = createToxicityScanner();
  const bySubset = new Map<string, Array<[boolean, boolean]>>();
  const all: Array<[boolean, boolean]> = [];
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, { toxic: 0, clean: 0 }])) as Report['categories'];
  const errors: Report['errors'] = [];
  for (const row of rows) {
    const findings = scanner.scan(row.text);
    const types = [...new Set(findings.map((f) => f.type as Category))];
    // Self-harm is a safety signal of its own, not abuse: it does not make a row "toxic".
    const flagged = types.some((t) => t !== 'self_harm');
    const subset = subsetOf(row.source);
    const pair: [boolean, boolean] = [row.toxic, flagged];
    all.push(pair);
    bySubset.set(subset, [...(bySubset.get(subset) ?? []), pair]);
    for (const t of types) categories[t][row.toxic ? 'toxic' : 'clean']++;
    if (flagged !== row.toxic) errors.push({ subset, toxic: row.toxic, text: row.text, types });
  }
  const texts = rows.map((r) => r.text);
  timeEach(texts, 3, (t) => scanner.scan(t));
  const perRow = timeEach(texts, 5, (t) => scanner.scan(t));
  const kb = prompts(rows, 1024, 200);
  timeEach(kb, 5, (t) => scanner.scan(t));
  const perKb = timeEach(kb, 20, (t) => scanner.scan(t));
  const mb = prompts(rows, 1 << 20, 1)[0]!;
  const mbTimes = timeEach([mb], 5, (t) => scanner.scan(t));
  return {
    subsets: Object.fromEntries([...bySubset].map(([k, v]) => [k, score(v)])),
    overall: score(all),
    categories,
    latency: {
      rowP50Us: percentile(perRow, 50),
      rowP99Us: percentile(perRow, 99),
      kb1P50Us: percentile(perKb, 50),
      kb1P99Us: percentile(perKb, 99),
      mbPerSec: 1 / (percentile(mbTimes, 50) / 1e6),
    },
    errors,
    ...(adversarial ? { adversarial: formatAdversarial('toxicity', measureAdversarial((t) => scanner.scan(t), TOXICITY_ADVERSARIAL)) } : {}),
  };
}

function print(report: Report, showErrors: boolean): void {
  const f = (x: number): string => x.toFixed(3);
  const line = (name: string, s: Scores): string =>
    `${name.padEnd(9)} rows ${String(s.rows).padStart(4)}  P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}` +
    `  (tp ${s.tp} fp ${s.fp} fn ${s.fn})`;
  for (const [name, s] of Object.entries(report.subsets)) console.log(line(name, s));
  console.log(line('overall', report.overall));
  console.log('rows flagged per category (toxic/clean label):');
  for (const [c, n] of Object.entries(report.categories)) console.log(`  ${c.padEnd(16)} ${n.toxic}/${n.clean}`);
  const l = report.latency;
  console.log(`latency per row: p50 ${l.rowP50Us.toFixed(1)} µs, p99 ${l.rowP99Us.toFixed(1)} µs`);
  console.log(`latency per 1 KB prompt: p50 ${l.kb1P50Us.toFixed(1)} µs, p99 ${l.kb1P99Us.toFixed(1)} µs`);
  console.log(`throughput on 1 MB: ${l.mbPerSec.toFixed(1)} MB/s`);
  if (report.adversarial) console.log(report.adversarial);
  if (!showErrors) return;
  for (const e of report.errors) {
    console.log(`${e.toxic ? 'FN' : 'FP'} ${e.subset} [${e.types.join(',')}] ${e.text.slice(0, 300)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const report = await evalToxicity(process.env.CORPORA_DIR ?? DEFAULT_CORPORA_DIR, !process.argv.includes('--no-adversarial'));
  print(report, process.argv.includes('--errors'));
}
