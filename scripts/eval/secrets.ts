/**
 * Precision/recall of the secrets scanner on the peer-project corpora, plus latency.
 *
 *   npx tsx scripts/eval/secrets.ts            # corpora from ../shared/corpora (CORPORA_DIR overrides)
 *   npx tsx scripts/eval/secrets.ts --all      # also every gitleaks rule family
 *
 * Counting: a positive row is found when a finding overlaps the expected secret (when the row names one that
 * occurs in the text; otherwise any finding counts). A negative row is flagged "by any rule" when the scanner
 * reports anything at all, and "by the same rule" when a finding is the rule the row was written against — the
 * row's own contract ("must not fire for that rule"): the same id, or the same family (aws, slack, generic…) when
 * our type is not itself the name of another corpus rule. Many negatives of one rule are real-looking secrets of
 * another (cloudflare_api_key = "…" is an fp of cloudflare-global-api-key), so the any-rule figure overstates
 * false positives; both are printed. "Ordinary text" counts findings on prose that holds no secret at all.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createSecretsScanner } from '../../src/firewall/scanners/secrets/index.js';
import type { Finding, Scanner } from '../../src/firewall/types.js';
import { cpuMs, fill, formatAdversarial, measureAdversarial, SECRETS_ADVERSARIAL } from './adversarial.js';

type Counts = { positives: number; negatives: number; found: number; flaggedAny: number; flaggedSame: number };
export type SetReport = Counts & { file: string; recall: number; fpRateAny: number; fpRateSame: number };
export type FamilyReport = SetReport & { family: string };
export interface LatencyReport {
  prose: { p50Us: number; p99Us: number };
  technical: { p50Us: number; p99Us: number };
  proseMBps: number;
  technicalMBps: number;
  /** CPU µs of one scan of a 1 KB prompt holding no rule keyword (the prefilter's path: no regex runs). */
  keywordFreeUs: number;
}
export interface Report {
  gitleaks: SetReport;
  gitleaksFamilies: FamilyReport[];
  detectSecrets: SetReport;
  detectSecretsInScope: SetReport;
  trufflehog: SetReport;
  secretlint: SetReport;
  /** Rows of ordinary text (toxicity comments, Presidio's synthetic PII sentences) with any finding: false alarms. */
  ordinaryText: { rows: number; flagged: number };
  latency: LatencyReport;
}

interface Row { text: string; secret: boolean; rule: string; expected: string[] }
interface RawRow {
  text?: string; secret?: boolean; rule?: string; secret_value?: string; want?: string[]; findings?: { value?: string }[];
}

/** Our finding types → the family names the corpora use. */
const OUR_FAMILY_ALIASES: Readonly<Record<string, string>> = {
  http: 'curl', database: 'url', basic: 'url', google: 'gcp', terraform: 'hashicorp',
};

/** detect-secrets plugin classes → families (the rest lowercase their first word: GitHubTokenDetector → github). */
const DETECT_SECRETS_FAMILIES: Readonly<Record<string, string>> = {
  AWSKeyDetector: 'aws', AzureStorageKeyDetector: 'azure', BasicAuthDetector: 'url', CloudantDetector: 'url',
  GitHubTokenDetector: 'github', GitLabTokenDetector: 'gitlab', IPPublicDetector: 'ip', IbmCloudIamDetector: 'generic',
  IbmCosHmacDetector: 'generic', JwtTokenDetector: 'jwt', KeywordDetector: 'generic', OpenAIDetector: 'openai',
  PrivateKeyDetector: 'private', PypiTokenDetector: 'pypi', SendGridDetector: 'sendgrid', SoftlayerDetector: 'generic',
  SquareOAuthDetector: 'square', Base64HighEntropyString: 'entropy', HexHighEntropyString: 'entropy',
};

/** Plugins that are not about credentials (public IPs) or are keyword-less entropy sweeps we do not run. */
const DETECT_SECRETS_OUT_OF_SCOPE = new Set(['IPPublicDetector', 'Base64HighEntropyString', 'HexHighEntropyString']);

export function familyOfType(type: string): string {
  const head = type.split('-')[0]!;
  return OUR_FAMILY_ALIASES[head] ?? head;
}

function familyOfCorpusRule(rule: string): string {
  const plugin = /^([A-Z][a-z]+)[A-Za-z]*Detector$/.exec(rule)?.[1];
  return DETECT_SECRETS_FAMILIES[rule] ?? plugin?.toLowerCase() ?? rule.toLowerCase().split(/[-_]/)[0]!;
}

function readRows(path: string, expected: (r: RawRow) => string[]): Row[] {
  const raw = gunzipSync(readFileSync(path)).toString('utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as RawRow)
    .filter((r) => typeof r.text === 'string' && typeof r.secret === 'boolean')
    .map((r) => ({ text: r.text!, secret: r.secret!, rule: r.rule ?? '', expected: expected(r) }));
}

function hitsExpected(row: Row, findings: readonly Finding[]): boolean {
  const spans: [number, number][] = [];
  for (const v of row.expected) {
    for (let i = row.text.indexOf(v); i !== -1 && v.length > 0; i = row.text.indexOf(v, i + 1)) {
      spans.push([i, i + v.length]);
    }
  }
  if (spans.length === 0) return findings.length > 0;
  return findings.some((f) => spans.some(([s, e]) => f.start < e && f.end > s));
}

/**
 * A finding is "the same rule" as the row's when its type is the row's rule id, or when it shares the row's family
 * and is not itself named after another corpus rule (anthropic-admin-api-key on an anthropic-api-key fp is a
 * different rule that fired correctly).
 */
function sameRule(type: string, rule: string, corpusRules: ReadonlySet<string>): boolean {
  if (type === rule) return true;
  return !corpusRules.has(type) && familyOfType(type) === familyOfCorpusRule(rule);
}

function score(
  file: string,
  rows: readonly Row[],
  scanner: Scanner,
  corpusRules: ReadonlySet<string> = new Set(rows.map((r) => r.rule)),
): SetReport {
  const c: Counts = { positives: 0, negatives: 0, found: 0, flaggedAny: 0, flaggedSame: 0 };
  for (const row of rows) {
    const findings = scanner.scan(row.text);
    if (row.secret) {
      c.positives++;
      if (hitsExpected(row, findings)) c.found++;
    } else {
      c.negatives++;
      if (findings.length > 0) c.flaggedAny++;
      if (findings.some((f) => sameRule(f.type, row.rule, corpusRules))) c.flaggedSame++;
    }
  }
  return withRates(file, c);
}

function withRates(file: string, c: Counts): SetReport {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const fpRateAny = ratio(c.flaggedAny, c.negatives);
  return { file, ...c, recall: ratio(c.found, c.positives), fpRateAny, fpRateSame: ratio(c.flaggedSame, c.negatives) };
}

function byFamily(rows: readonly Row[], scanner: Scanner): FamilyReport[] {
  const allRules = new Set(rows.map((r) => r.rule));
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const f = familyOfCorpusRule(r.rule);
    groups.set(f, [...(groups.get(f) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([family, rs]) => ({ family, ...score(family, rs, scanner, allRules) }))
    .sort((a, b) => b.positives + b.negatives - (a.positives + a.negatives));
}

/** Code and config lines without secrets, mixed into prose for the "technical prompt" latency. */
const TECHNICAL = [
  'Why does this function return undefined when the list is empty?',
  'const apiUrl = "https://api.internal.example/v1/items"; const maxTokens = 512;',
  'def load(path):\n    with open(path) as f:\n        return json.load(f)',
  'password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())',
  'headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}',
  'SELECT id, name, created_at FROM users WHERE last_login > now() - interval \'30 days\';',
  'token = os.environ["API_TOKEN"]  # read from the environment, never hard-coded',
  'The key column is the primary key; add an index on the secret_name column as well.',
];

function corpus(parts: readonly string[], size: number, seed: number): string {
  let out = '';
  let x = seed;
  while (out.length < size) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += parts[x % parts.length] + ' ';
  }
  return out.slice(0, size);
}

function percentiles(scanner: Scanner, prompts: readonly string[], iterations: number): { p50Us: number; p99Us: number } {
  for (let i = 0; i < 2000; i++) scanner.scan(prompts[i % prompts.length]!);
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    scanner.scan(prompts[i % prompts.length]!);
    times[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  times.sort();
  return { p50Us: times[Math.floor(iterations * 0.5)]!, p99Us: times[Math.floor(iterations * 0.99)]! };
}

function throughput(scanner: Scanner, text: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    scanner.scan(text);
    runs.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  runs.sort((a, b) => a - b);
  return text.length / 1024 / 1024 / runs[2]!;
}

function keywordFreeCost(scanner: Scanner): number {
  const prompt = fill('Please summarise the meeting notes below and list the action items. ', 1024);
  for (let i = 0; i < 500; i++) scanner.scan(prompt);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    best = Math.min(best, cpuMs(() => {
      for (let i = 0; i < 2000; i++) scanner.scan(prompt);
    }) * 1000 / 2000);
  }
  return best;
}

/** Prompts are built from real ordinary text: the toxicity comments and Presidio's synthetic sentences. */
export async function measureLatency(scanner: Scanner, prose: readonly string[]): Promise<LatencyReport> {
  const technical = [...prose.slice(0, TECHNICAL.length), ...TECHNICAL, ...TECHNICAL];
  return {
    prose: percentiles(scanner, Array.from({ length: 64 }, (_, i) => corpus(prose, 1024, i + 1)), 20000),
    technical: percentiles(scanner, Array.from({ length: 64 }, (_, i) => corpus(technical, 1024, i + 7)), 20000),
    proseMBps: throughput(scanner, corpus(prose, 1 << 20, 3)),
    technicalMBps: throughput(scanner, corpus(technical, 1 << 20, 5)),
    keywordFreeUs: keywordFreeCost(scanner),
  };
}

function readTexts(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

export async function evalSecrets(corporaDir: string): Promise<Report> {
  const scanner = createSecretsScanner();
  const file = (name: string): string => join(corporaDir, name);
  const gitleaksRows = readRows(file('secrets_gitleaks.jsonl.gz'), (r) => (r.secret_value ? [r.secret_value] : []));
  const dsRows = readRows(file('secrets_detect_secrets.jsonl.gz'), (r) => (r.secret_value ? [r.secret_value] : []));
  const thRows = readRows(file('secrets_trufflehog.jsonl.gz'), (r) => r.want ?? []);
  const slRows = readRows(file('secrets_secretlint.jsonl.gz'), (r) =>
    (r.findings ?? []).map((f) => f.value ?? '').filter((v) => v.length > 0),
  );
  const ordinary = [...readTexts(file('toxicity_sample.jsonl')), ...readTexts(file('pii_presidio_research_synth.jsonl'))];
  return {
    gitleaks: score('secrets_gitleaks.jsonl.gz', gitleaksRows, scanner),
    gitleaksFamilies: byFamily(gitleaksRows, scanner),
    detectSecrets: score('secrets_detect_secrets.jsonl.gz', dsRows, scanner),
    detectSecretsInScope: score(
      'secrets_detect_secrets.jsonl.gz (without IPPublic/Base64/Hex entropy plugins)',
      dsRows.filter((r) => !DETECT_SECRETS_OUT_OF_SCOPE.has(r.rule)),
      scanner,
    ),
    trufflehog: score('secrets_trufflehog.jsonl.gz', thRows, scanner),
    secretlint: score('secrets_secretlint.jsonl.gz', slRows, scanner),
    ordinaryText: { rows: ordinary.length, flagged: ordinary.filter((t) => scanner.scan(t).length > 0).length },
    latency: await measureLatency(scanner, ordinary),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function line(r: SetReport): string {
  return (
    `recall ${pct(r.recall)} (${r.found}/${r.positives})  ` +
    `fp any rule ${pct(r.fpRateAny)} (${r.flaggedAny}/${r.negatives})  ` +
    `fp same rule ${pct(r.fpRateSame)} (${r.flaggedSame}/${r.negatives})`
  );
}

/** Families the brief names, printed individually; the other vendor rules are summed. */
const HEADLINE_FAMILIES = [
  'aws', 'gcp', 'azure', 'github', 'gitlab', 'slack', 'stripe', 'openai', 'anthropic', 'twilio', 'sendgrid', 'npm',
  'pypi', 'private', 'jwt', 'generic', 'curl', 'kubernetes', 'hashicorp', 'vault',
];

function printReport(report: Report, allFamilies: boolean): void {
  console.log('secrets scanner evaluation');
  console.log(`gitleaks        ${line(report.gitleaks)}   (targets: recall ≥ 90 %, fp ≤ 10 %)`);
  console.log(`detect-secrets  ${line(report.detectSecrets)}`);
  console.log(`  in scope      ${line(report.detectSecretsInScope)}`);
  console.log(`trufflehog      ${line(report.trufflehog)}`);
  console.log(`secretlint      ${line(report.secretlint)}`);
  const o = report.ordinaryText;
  console.log(`ordinary text   ${o.flagged}/${o.rows} rows flagged (toxicity comments + Presidio synthetic sentences)`);
  console.log('\ngitleaks by rule family:');
  const shown = allFamilies
    ? report.gitleaksFamilies
    : report.gitleaksFamilies.filter((f) => HEADLINE_FAMILIES.includes(f.family));
  for (const f of shown) console.log(`  ${f.family.padEnd(14)} ${line(f)}`);
  if (!allFamilies) {
    const rest = report.gitleaksFamilies.filter((f) => !HEADLINE_FAMILIES.includes(f.family));
    const sum = (k: keyof Counts): number => rest.reduce((a, f) => a + f[k], 0);
    const counts: Counts = {
      positives: sum('positives'), negatives: sum('negatives'), found: sum('found'),
      flaggedAny: sum('flaggedAny'), flaggedSame: sum('flaggedSame'),
    };
    console.log(`  ${`other (${rest.length})`.padEnd(14)} ${line(withRates('other', counts))}`);
  }
  const l = report.latency;
  console.log('\nlatency (secrets scanner alone, this machine):');
  console.log(`  1 KB ordinary prompt   p50 ${l.prose.p50Us.toFixed(1)} µs  p99 ${l.prose.p99Us.toFixed(1)} µs`);
  console.log(`  1 KB technical prompt  p50 ${l.technical.p50Us.toFixed(1)} µs  p99 ${l.technical.p99Us.toFixed(1)} µs`);
  console.log(`  1 MB ordinary text     ${l.proseMBps.toFixed(1)} MB/s`);
  console.log(`  1 MB config/code       ${l.technicalMBps.toFixed(1)} MB/s`);
  console.log(`  1 KB keyword-free      ${l.keywordFreeUs.toFixed(1)} µs CPU per scan (target ≤ 200 µs)`);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const here = dirname(fileURLToPath(import.meta.url));
  const corporaDir = process.env.CORPORA_DIR ?? resolve(here, '../../../shared/corpora');
  const report = await evalSecrets(corporaDir);
  printReport(report, process.argv.includes('--all'));
  const scanner = createSecretsScanner();
  console.log(`\n${formatAdversarial('secrets scanner', measureAdversarial((t) => scanner.scan(t), SECRETS_ADVERSARIAL))}`);
}
