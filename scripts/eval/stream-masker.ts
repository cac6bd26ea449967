/**
 * Cost of masking a streamed answer: a 4 KB answer (prose, a code block with credentials, a list with numbers and
 * names) streamed in 4-character chunks through the stream masker with the real scanners (engine.find, as the gate
 * calls it: secrets, plus PII in redact mode), against masking the whole answer after one scan. Prints µs per chunk
 * (p50/p99 of single pushes too), the total per answer, and how much text the masker held back after each push
 * (what it adds to the time until text reaches the client).
 *
 *   npx tsx scripts/eval/stream-masker.ts [--runs 200] [--chunk 4]
 */
import { createEngine } from '../../src/firewall/engine.js';
import { defaultPolicy } from '../../src/firewall/policy.js';
import { compileRules } from '../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../src/firewall/rules/rule-store.js';
import { createPiiScanner } from '../../src/firewall/scanners/pii/index.js';
import { createSecretsScanner } from '../../src/firewall/scanners/secrets/index.js';
import { createToxicityScanner } from '../../src/firewall/scanners/toxicity/index.js';
import { createStreamMasker, maskText, type MaskFinding } from '../../src/firewall/stream-masker.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);
const CHUNK = arg('chunk', 4);
const SIZE = 4096;

/** Seeded characters, so the credentials in the answer are random-looking but nothing key-like is stored here. */
function seeded(alphabet: string, n: number, seed: number): string {
  let a = seed >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function answer(): string {
  const prose =
    'Streaming answers reach the user a few characters at a time, so the gateway has to decide for every piece ' +
    "whether it can pass it on. Most of an answer is ordinary prose like this paragraph: it explains what to do, why " +
    'it works, and what to watch out for when the configuration changes between environments. ';
  const code = [
    'Here is the configuration the service expects:',
    '',
    '```python',
    'import boto3',
    '',
    's3 = boto3.client(',
    '    "s3",',
    `    aws_access_key_id="AKIA${seeded('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 1)}",`,
    `    aws_secret_access_key="${seeded(ALNUM + '+/', 40, 2)}",`,
    '    region_name="eu-west-1",',
    ')',
    '```',
    '',
    `Connect with postgres://orders:${seeded(ALNUM, 14, 3)}@db.internal.acme.io:5432/orders and keep it out of git.`,
    '',
    '1. Ask Maria Lopez for access; she answers at +1 202 555 0143 on weekdays.',
    '2. The invoice total was 1,284.50 EUR for 12 seats in March 2024.',
    '',
  ].join('\n');
  let text = prose + '\n\n' + code;
  while (text.length < SIZE) text += prose;
  return text.slice(0, SIZE);
}

const engine = createEngine({
  scanners: { pii: createPiiScanner(), secrets: createSecretsScanner(), toxicity: createToxicityScanner() },
  rules: { rules: compileRules([]) } as unknown as RuleStore,
  policy: () => defaultPolicy({ piiAction: 'redact' }),
  scannerBudgetMs: 60_000,
});
/** What the gate looks for in a streamed answer: secrets always, PII when the policy redacts it. */
const finder = (pii: boolean) => (text: string): MaskFinding[] => engine.find(text, pii ? ['secrets', 'pii'] : ['secrets']);

/** Characters of the answer behind the first n characters of its masked form (markers are released whole). */
function rawLength(text: string, findings: MaskFinding[], n: number): number {
  let raw = 0;
  let masked = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start < raw) continue;
    if (n <= masked + f.start - raw) break;
    masked += f.start - raw + `[${f.type} ${f.masked}]`.length;
    raw = f.end;
    if (n <= masked) return raw;
  }
  return Math.min(text.length, raw + n - masked);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

function measure(pii: boolean, text: string) {
  const find = finder(pii);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) chunks.push(text.slice(i, i + CHUNK));
  const findings = find(text);
  const expected = maskText(text, findings);

  const whole: number[] = [];
  const streamed: number[] = [];
  const pushes: number[] = [];
  const held: number[] = [];
  for (let r = 0; r < RUNS + 20; r++) {
    let t = performance.now();
    maskText(text, find(text));
    const w = performance.now() - t;

    const m = createStreamMasker({ find, pii });
    let out = '';
    let pushed = 0;
    t = performance.now();
    for (const c of chunks) {
      const t0 = performance.now();
      const o = m.push(c);
      const took = performance.now() - t0;
      out += o;
      if (r === RUNS + 19) {
        pushed += c.length;
        held.push(pushed - rawLength(text, findings, out.length));
      }
      if (r >= 20) pushes.push(took * 1000);
    }
    out += m.flush();
    const s = performance.now() - t;
    if (out !== expected) throw new Error('streamed output differs from the whole-answer mask');
    if (r >= 20) {
      whole.push(w * 1000);
      streamed.push(s * 1000);
    }
  }
  return { chunks: chunks.length, whole: median(whole), streamed: median(streamed), p50: pct(pushes, 0.5), p99: pct(pushes, 0.99), held };
}

const text = answer();
console.log(`stream masker: ${text.length} chars in ${CHUNK}-char chunks, real scanners, median of ${RUNS} runs`);
for (const pii of [false, true]) {
  const r = measure(pii, text);
  const perChunk = r.streamed / r.chunks;
  const meanHeld = r.held.reduce((a, b) => a + b, 0) / r.held.length;
  console.log(`\n  ${pii ? 'secrets + PII (redact mode)' : 'secrets only'}`);
  console.log(`    per chunk      ${perChunk.toFixed(1)} µs mean   (single push p50 ${r.p50.toFixed(1)} µs, p99 ${r.p99.toFixed(1)} µs)`);
  console.log(`    whole answer   ${(r.streamed / 1000).toFixed(2)} ms streamed (${r.chunks} chunks) vs ${(r.whole / 1000).toFixed(3)} ms for one scan of the whole text (${(r.streamed / r.whole).toFixed(0)}×)`);
  console.log(`    held back      ${meanHeld.toFixed(1)} chars mean, ${Math.max(...r.held)} max after a push`);
}
