/**
 * Precision/recall of the PII scanner on the shared corpora, its latency, and its cost on adversarial megabytes
 * (how it grows with the input, against the targets the linear-time tests no longer hold as wall-clock bounds).
 *
 *   npx tsx scripts/eval/pii.ts            (CORPORA_DIR overrides ../shared/corpora)
 *
 * Matching rule, everywhere: a prediction matches a gold span when the types are equal (after mapping) and the
 * spans overlap by at least one character; matching is one-to-one, gold spans in order, each taking the first
 * unused overlapping prediction. Unmatched gold = FN, unmatched prediction = FP.
 *
 * pii_presidio.jsonl: each row is scored on its `types_under_test` only, with the full scanner (all recognizers,
 * so cross-type overlap resolution is part of what is measured). Gold spans whose Presidio score (the upper bound
 * of `score_range`, or `score`) is below our threshold are "weak": the corpus README says they pass only at
 * threshold 0, Presidio's default. They are checked as the upstream test runs them, with only the recognizers
 * under test at threshold 0 (TP if found there, FN if not), and a prediction at our threshold on one is not an FP. The overall figure with weak spans simply excluded is printed
 * too. DATE_TIME rows test generic dates; ours is date of birth only, so DATE_TIME is listed but left out of
 * the overall figure.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPiiScanner, SUPPORTED_PII_ENTITIES } from '../../src/firewall/scanners/pii/index.js';
import type { Scanner } from '../../src/firewall/types.js';
import { formatAdversarial, measureAdversarial, PII_ADVERSARIAL } from './adversarial.js';

const THRESHOLD = 0.5;
const OUT_OF_SCOPE = new Set(['DATE_TIME']);

interface Span { type: string; start: number; end: number }
interface Gold extends Span { score?: number; score_range?: [number, number] }
export interface Counts { tp: number; fp: number; fn: number }
export interface Prf extends Counts { precision: number; recall: number; f1: number; f2: number }

export interface PiiReport {
  presidio: { perType: Record<string, Prf>; overall: Prf; overallWeakExcluded: Prf; weak: { spans: number; foundAtZero: number; foundAtThreshold: number } };
  /** The same corpus as the service scans: documented test cards and reserved IPs are fixtures, not findings. */
  presidioDeployed: { overall: Prf; perType: Record<string, Prf> };
  synth: { overall: Prf; overallWithoutDate: Prf; tokenLevel: Prf; perType: Record<string, Prf> };
  context: { rows: number; improved: number; alreadyCertain: number; noMatch: number; failed: string[] };
  validators: { rows: number; supportedRows: number };
  ner: { person: Prf };
  latency: { prompts: number; p50Us: number; p99Us: number; meanUs: number; mbPerSec: number; oneMbMs: number };
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f = (b: number): number => (precision + recall === 0 ? 0 : ((1 + b * b) * precision * recall) / (b * b * precision + recall));
  return { ...c, precision, recall, f1: f(1), f2: f(2) };
}

const overlaps = (a: Span, b: Span): boolean => a.type === b.type && a.start < b.end && b.start < a.end;

/** One-to-one overlap matching; returns the unmatched gold and predictions. */
function match(gold: readonly Span[], pred: readonly Span[]): { tp: Span[]; fn: Span[]; fp: Span[] } {
  const used = new Set<number>();
  const tp: Span[] = [];
  const fn: Span[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, j) => !used.has(j) && overlaps(g, p));
    if (i < 0) fn.push(g);
    else {
      used.add(i);
      tp.push(g);
    }
  }
  return { tp, fn, fp: pred.filter((_, j) => !used.has(j)) };
}

const add = (into: Map<string, Counts>, type: string, key: keyof Counts, n = 1): void => {
  const c = into.get(type) ?? { tp: 0, fp: 0, fn: 0 };
  c[key] += n;
  into.set(type, c);
};
const sum = (cs: Iterable<Counts>): Counts => {
  const t = { tp: 0, fp: 0, fn: 0 };
  for (const c of cs) {
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
  return t;
};
const toRecord = (m: Map<string, Counts>): Record<string, Prf> =>
  Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, prf(v)]));

function evalPresidio(dir: string, at: Scanner, allowlist = false): PiiReport['presidio'] {
  // Weak spans are checked the way the upstream tests run: only the recognizers under test, threshold 0.
  const zeroByTypes = new Map<string, Scanner>();
  const atZero = (types: ReadonlySet<string>): Scanner => {
    const key = [...types].sort().join(',');
    let s = zeroByTypes.get(key);
    if (!s) zeroByTypes.set(key, (s = createPiiScanner({ threshold: 0, entities: [...types], allowlist })));
    return s;
  };
  interface Row { text: string; expect: Gold[]; types_under_test: string[] }
  const supported = new Set<string>(SUPPORTED_PII_ENTITIES);
  const counts = new Map<string, Counts>();
  const strictCounts = new Map<string, Counts>();
  const weak = { spans: 0, foundAtZero: 0, foundAtThreshold: 0 };
  for (const row of readJsonl<Row>(resolve(dir, 'pii_presidio.jsonl'))) {
    const types = new Set(row.types_under_test.filter((t) => supported.has(t)));
    if (types.size === 0) continue;
    const gold = row.expect.filter((g) => types.has(g.type));
    const upper = (g: Gold): number => g.score_range?.[1] ?? g.score ?? 1;
    const strong = gold.filter((g) => upper(g) >= THRESHOLD);
    const weakGold = gold.filter((g) => upper(g) < THRESHOLD);
    const pred = at.scan(row.text).filter((f) => types.has(f.type));
    const r = match(strong, pred);
    for (const g of r.tp) {
      add(counts, g.type, 'tp');
      add(strictCounts, g.type, 'tp');
    }
    for (const g of r.fn) {
      add(counts, g.type, 'fn');
      add(strictCounts, g.type, 'fn');
    }
    const zero = weakGold.length > 0 ? atZero(types).scan(row.text) : [];
    for (const w of weakGold) {
      weak.spans++;
      const found = zero.some((p) => overlaps(w, p));
      if (found) weak.foundAtZero++;
      if (pred.some((p) => overlaps(w, p))) weak.foundAtThreshold++;
      add(counts, w.type, found ? 'tp' : 'fn');
    }
    for (const p of r.fp) {
      if (weakGold.some((w) => overlaps(w, p))) continue;
      add(counts, p.type, 'fp');
      add(strictCounts, p.type, 'fp');
    }
  }
  const inScope = (m: Map<string, Counts>): Counts[] => [...m].filter(([t]) => !OUT_OF_SCOPE.has(t)).map(([, c]) => c);
  return {
    perType: toRecord(counts),
    overall: prf(sum(inScope(counts))),
    overallWeakExcluded: prf(sum(inScope(strictCounts))),
    weak,
  };
}

/** Our type → presidio-research's label. */
const SYNTH_MAP: Readonly<Record<string, string>> = {
  PERSON: 'PERSON', CREDIT_CARD: 'CREDIT_CARD', PHONE_NUMBER: 'PHONE_NUMBER', EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  URL: 'DOMAIN_NAME', IBAN_CODE: 'IBAN_CODE', US_SSN: 'US_SSN', IP_ADDRESS: 'IP_ADDRESS',
  US_DRIVER_LICENSE: 'US_DRIVER_LICENSE', DATE_TIME: 'DATE_TIME',
};

function evalSynth(dir: string, scanner: Scanner): PiiReport['synth'] {
  interface Row { text: string; expect: Span[] }
  const labels = new Set(Object.values(SYNTH_MAP));
  const counts = new Map<string, Counts>();
  const tokens: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const row of readJsonl<Row>(resolve(dir, 'pii_presidio_research_synth.jsonl'))) {
    const gold = row.expect.filter((g) => labels.has(g.type));
    const pred = scanner.scan(row.text).flatMap((f): Span[] => {
      const type = SYNTH_MAP[f.type];
      return type ? [{ type, start: f.start, end: f.end }] : [];
    });
    const r = match(gold, pred);
    for (const g of r.tp) add(counts, g.type, 'tp');
    for (const g of r.fn) add(counts, g.type, 'fn');
    for (const p of r.fp) add(counts, p.type, 'fp');
    // Token level, as presidio-research's evaluator counts (its published F2 figures are per token).
    const label = (spans: readonly Span[], s: number, e: number): string =>
      spans.find((x) => x.start < e && s < x.end)?.type ?? 'O';
    for (const t of row.text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
      const s = t.index;
      const e = s + t[0].length;
      const g = label(gold, s, e);
      const p = label(pred, s, e);
      if (p !== 'O' && p === g) tokens.tp++;
      else {
        if (p !== 'O') tokens.fp++;
        if (g !== 'O') tokens.fn++;
      }
    }
  }
  return {
    overall: prf(sum(counts.values())),
    overallWithoutDate: prf(sum([...counts].filter(([t]) => t !== 'DATE_TIME').map(([, c]) => c))),
    tokenLevel: prf(tokens),
    perType: toRecord(counts),
  };
}

function evalContext(dir: string): PiiReport['context'] {
  interface Row { text: string; type: string }
  const out = { rows: 0, improved: 0, alreadyCertain: 0, noMatch: 0, failed: [] as string[] };
  for (const row of readJsonl<Row>(resolve(dir, 'pii_presidio_context.jsonl'))) {
    if (!(SUPPORTED_PII_ENTITIES as readonly string[]).includes(row.type)) continue;
    out.rows++;
    const opts = { threshold: 0, entities: [row.type] };
    const plain = createPiiScanner({ ...opts, useContext: false }).scan(row.text);
    const withContext = createPiiScanner(opts).scan(row.text);
    if (plain.length === 0) {
      out.noMatch++;
      continue;
    }
    const ok = plain.every((p) => {
      const c = withContext.find((w) => w.start === p.start && w.end === p.end);
      return p.score >= 1 || (c !== undefined && c.score > p.score);
    });
    if (!ok) out.failed.push(row.text);
    else if (plain.every((p) => p.score >= 1)) out.alreadyCertain++;
    else out.improved++;
  }
  return out;
}

function evalNer(dir: string, scanner: Scanner): PiiReport['ner'] {
  interface Row { text: string; expect: Span[] }
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const row of readJsonl<Row>(resolve(dir, 'pii_presidio_ner.jsonl'))) {
    const gold = row.expect.filter((g) => g.type === 'PERSON');
    if (gold.length === 0) continue;
    const r = match(gold, scanner.scan(row.text).filter((f) => f.type === 'PERSON'));
    c.tp += r.tp.length;
    c.fn += r.fn.length;
    c.fp += r.fp.length;
  }
  return { person: prf(c) };
}

const PROSE = [
  'Can you help me rewrite the following paragraph so that it sounds more professional and concise?',
  'We are migrating our billing service from a monolith to a set of smaller services running on Kubernetes.',
  'Please summarize the main risks in the attached contract and suggest three questions for our lawyer.',
  'The quarterly report shows revenue grew by 12 percent while operating costs stayed flat at 4.2 million.',
  'Write a polite reply to the customer explaining that the refund will take five to seven business days.',
  'Here is the stack trace from the failing job; the error happens when the cache is empty after a restart.',
  'Our team meets every Tuesday at 10:30 to review open incidents and plan the next sprint.',
  'I need a short product description for a waterproof hiking backpack with a 30 litre capacity.',
  'Explain the difference between optimistic and pessimistic locking with a simple example in SQL.',
  'Translate this message into Spanish and keep the tone friendly but formal.',
  'The meeting notes mention that the vendor will deliver the new firmware by the end of March.',
  'List the steps to rotate the API keys without downtime for the mobile clients, version 2.4.1 and later.',
];
const PII = [
  'My name is Maria Garcia and my email is maria.garcia@example.com.',
  'You can reach James Miller at (415) 555-0132 after 5 pm, or on +44 20 7946 0958.',
  'The customer paid with card 4111 1111 1111 1111 and asked for a receipt.',
  'Please update the record: SSN 078-05-1123, date of birth 04/12/1986.',
  'The server at 192.168.10.24 keeps rejecting connections from our office.',
  'Wire the deposit to IBAN GB29 NWBK 6016 1331 9268 19 before Friday and copy Priya Patel.',
  'Our documentation lives at https://docs.example.com/guide/setup and the status page at status.example.org.',
];

/** Deterministic 1 KB prompts: mostly prose, one or two sentences with PII in two prompts out of three. */
export function realisticPrompts(count: number, size = 1024): string[] {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const prompts: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const withPii = i % 3 !== 2 ? 1 + next(2) : 0;
    let pii = 0;
    while (parts.join(' ').length < size) {
      const usePii = pii < withPii && next(4) === 0;
      parts.push(usePii ? (PII[next(PII.length)] as string) : (PROSE[next(PROSE.length)] as string));
      if (usePii) pii++;
    }
    prompts.push(parts.join(' ').slice(0, size));
  }
  return prompts;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

export function measureLatency(scanner: Scanner, rounds = 30): PiiReport['latency'] {
  const prompts = realisticPrompts(200);
  for (let i = 0; i < 20; i++) for (const p of prompts) scanner.scan(p);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of prompts) {
      const t0 = process.hrtime.bigint();
      scanner.scan(p);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  let big = '';
  for (let i = 0; big.length < 1 << 20; i++) big += `${prompts[i % prompts.length]}\n`;
  big = big.slice(0, 1 << 20);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    scanner.scan(big);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const oneMbMs = runs[2] as number;
  return {
    prompts: prompts.length,
    p50Us: percentile(times, 0.5),
    p99Us: percentile(times, 0.99),
    meanUs: times.reduce((a, b) => a + b, 0) / times.length,
    mbPerSec: 1000 / oneMbMs,
    oneMbMs,
  };
}

export async function evalPii(corporaDir = defaultCorporaDir()): Promise<PiiReport> {
  const at = createPiiScanner({ threshold: THRESHOLD });
  // Presidio's cases use documented test cards and private or documentation IPs as positives, which the service
  // treats as fixtures by policy: the recognizers are scored without that allowlist, and the deployed figure apart.
  const recognizers = createPiiScanner({ threshold: THRESHOLD, allowlist: false });
  const deployed = evalPresidio(corporaDir, at, true);
  const validators = readJsonl<{ type: string }>(resolve(corporaDir, 'pii_presidio_validators.jsonl'));
  return {
    presidio: evalPresidio(corporaDir, recognizers),
    presidioDeployed: { overall: deployed.overall, perType: deployed.perType },
    synth: evalSynth(corporaDir, at),
    context: evalContext(corporaDir),
    validators: {
      rows: validators.length,
      supportedRows: validators.filter((v) => (SUPPORTED_PII_ENTITIES as readonly string[]).includes(v.type)).length,
    },
    ner: evalNer(corporaDir, at),
    latency: measureLatency(at),
  };
}

export function defaultCorporaDir(): string {
  // Nothing else in the repo reads process.env; an evaluation script run by hand may.
  const fromEnv = process.env['CORPORA_DIR'];
  return fromEnv ? resolve(fromEnv) : resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');
}

const pct = (x: number): string => x.toFixed(3);
const row = (name: string, m: Prf, extra = ''): string =>
  `${name.padEnd(22)} P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}  F2 ${pct(m.f2)}  (tp ${m.tp} fp ${m.fp} fn ${m.fn})${extra}`;

export function formatPiiReport(r: PiiReport): string {
  const lines: string[] = ['PII — pii_presidio.jsonl (span overlap, same type; weak spans checked at threshold 0; recognizers without the fixture allowlist)'];
  for (const [type, m] of Object.entries(r.presidio.perType)) {
    lines.push(row(type, m, OUT_OF_SCOPE.has(type) ? '  [generic dates: out of scope, DOB only]' : ''));
  }
  lines.push(row('overall (supported)', r.presidio.overall));
  lines.push(row('overall, weak excluded', r.presidio.overallWeakExcluded));
  const d = r.presidioDeployed;
  const dropped = Object.entries(d.perType).filter(([t, m]) => m.fn > (r.presidio.perType[t]?.fn ?? 0)).map(([t, m]) => `${t} ${m.tp}/${m.tp + m.fn}`);
  lines.push(row('as deployed', d.overall, `  (fixtures by policy — test cards, reserved IPs — are not findings: ${dropped.join(', ') || 'none'})`));
  const w = r.presidio.weak;
  lines.push(`weak spans (Presidio score < ${THRESHOLD}): ${w.spans}, found at threshold 0: ${w.foundAtZero}, at ${THRESHOLD}: ${w.foundAtThreshold}`);
  lines.push('', 'PII — pii_presidio_research_synth.jsonl (span overlap; F2 = recall-weighted)');
  for (const [type, m] of Object.entries(r.synth.perType)) lines.push(row(type, m));
  lines.push(row('overall', r.synth.overall, '   Presidio published F2: 0.618 default, 0.845 transformer'));
  lines.push(row('overall w/o DATE_TIME', r.synth.overallWithoutDate));
  lines.push(row('token level', r.synth.tokenLevel, '   (as presidio-research counts)'));
  const c = r.context;
  lines.push('', `context (pii_presidio_context.jsonl, our types): ${c.rows} rows, ${c.improved} improved, ${c.alreadyCertain} already 1.0, ${c.noMatch} no match, ${c.failed.length} failed`);
  for (const f of c.failed) lines.push(`  failed: ${f}`);
  lines.push(`validators (pii_presidio_validators.jsonl): ${r.validators.rows} rows, ${r.validators.supportedRows} of a supported type`);
  lines.push(row('NER file, PERSON', r.ner.person));
  const l = r.latency;
  lines.push('', `latency: ${l.prompts} realistic 1 KB prompts: p50 ${l.p50Us.toFixed(1)} µs, p99 ${l.p99Us.toFixed(1)} µs, mean ${l.meanUs.toFixed(1)} µs; 1 MB: ${l.oneMbMs.toFixed(1)} ms (${l.mbPerSec.toFixed(1)} MB/s)`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  evalPii().then(
    (report) => {
      console.log(formatPiiReport(report));
      const scanner = createPiiScanner(); // as test/unit/firewall/pii-linear.test.ts scans
      console.log(`\n${formatAdversarial('PII scanner', measureAdversarial((t) => scanner.scan(t), PII_ADVERSARIAL))}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

