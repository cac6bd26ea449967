/**
 * Inputs built to make a careless scanner pattern backtrack or rescan, and how a scanner's cost grows on them.
 * Shared by the linear-time tests (test/unit/firewall/pii-linear.test.ts, secrets.performance.test.ts), which assert
 * the growth, and by the PII and secrets evaluations, which print the figures beside their targets.
 *
 * Cost is the CPU time of this process (user + system), never wall time: another job on the machine stretches the
 * wall clock, not the CPU a synchronous scan burns. Scans are synchronous, so nothing else of ours runs meanwhile.
 */

export const MB = 1 << 20;

/** The old bound of the tests, now a target printed by the evaluations: one adversarial megabyte. */
export const ONE_MB_TARGET_MS = 2_000;
/** 4× the input may cost at most this many times the CPU time: linear is ×4, quadratic ×16. */
export const GROWTH_LIMIT = 12;
/**
 * The tests compare 64 KB with 1 MB: 16× the input costs ~16× the CPU when linear and ~256× when quadratic. The bound
 * of 128 sits at half the quadratic figure: a linear scanner's 1 MB run falls out of the CPU caches while its 64 KB
 * run stays in them, and beside a CPU hog that thrashes the caches two linear toxicity scans measured ×70 (a bound of
 * 64 failed them). A 4× step (the eval's) left too little room for a noisy small sample (×12.6 was seen).
 */
export const TEST_SMALL = 64 * 1024;
export const TEST_GROWTH_LIMIT = 128;

export const fill = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

export function base64Noise(size: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = 7;
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(A[(x >>> 8) % 64]!);
  }
  return out.join('');
}

/** Each makes `size` characters (about: some add a prefix) of one adversarial shape. */
export type Adversarial = Record<string, (size: number) => string>;

const filled = (units: Record<string, string>): Adversarial =>
  Object.fromEntries(Object.entries(units).map(([name, unit]) => [name, (size: number) => fill(unit, size)]));

export const PII_ADVERSARIAL: Adversarial = filled({
  digits: '1234567890',
  'digit groups': '1 ',
  'dotted digits': '1.',
  'hyphenated digits': '12-',
  'at signs': 'a@',
  dots: '.',
  'dotted labels': 'a.',
  colons: ':',
  'hex and colons': 'ab:',
  'www prefixes': 'www.',
  schemes: 'http://',
  parentheses: 'http://a.com/' + ')'.repeat(50),
  'capitalised words': 'Aa ',
  'first names': 'John ',
  'iban starts': 'GB29 ',
  'plus signs': '+1 ',
  'ipv4 chain': '1.1.1.1.',
  'valid ssns': '078-05-1123 ',
  'valid emails': 'john.doe@example.com ',
  letters: 'a',
});

// Inputs that make naive secret regexes backtrack: long runs of the characters tokens are made of, keywords and
// operators repeated without end, prefixes that almost match, and unterminated structures.
export const SECRETS_ADVERSARIAL: Adversarial = {
  'a × 1 MB': (n) => fill('a', n),
  'base64 × 1 MB': (n) => base64Noise(n),
  '= × 1 MB': (n) => fill('=', n),
  'password=password=…': (n) => fill('password=', n),
  'one 1 MB line of prose keywords': (n) => fill('The key to the token is a secret password. ', n),
  'api_key= lines': (n) => fill('api_key=abcdef123456\n', n),
  'unterminated quotes': (n) => fill('token: "', n),
  '"password":" repeated': (n) => fill('"password":"', n),
  'BEGIN headers without END': (n) => fill('-----BEGIN RSA PRIVATE KEY-----\n', n),
  'BEGIN + 1 MB body': (n) => '-----BEGIN RSA PRIVATE KEY-----\n' + base64Noise(n),
  'eyJ × 1 MB': (n) => fill('eyJ', n),
  'JWT-like dots': (n) => fill('eyJhbGciOiJIUzI1NiJ9.', n),
  'userinfo URLs': (n) => fill('https://u:pw1@', n),
  'AKIA × 1 MB': (n) => fill('AKIA', n),
  'ghp_ × 1 MB': (n) => fill('ghp_', n),
  'slack numeric ids': (n) => fill('xoxb-1234567890-', n),
  'curl -u repeated': (n) => fill('curl -u ', n),
  'Authorization: Bearer repeated': (n) => fill('Authorization: Bearer ', n),
  'k8s secret headers': (n) => fill('apiVersion: v1\nkind: Secret\ndata:\n  k: ', n),
  'sk- × 1 MB': (n) => fill('sk-', n),
  'telegram-ish': (n) => fill('1234567890:AA', n),
  'telegram names and ids': (n) => fill('telegram 1234567:A', n),
  'telegram bot URLs': (n) => fill('/bot12345678:AA', n),
  'azure Q~': (n) => fill('0q~', n),
  'mailchimp-ish': (n) => fill('0123456789abcdef0123456789abcdef-us', n),
  'long identifier then value': (n) => fill('x'.repeat(100) + 'password="' + 'y'.repeat(100) + '" ', n),
  'digits × 1 MB': (n) => fill('0123456789', n),
  'yoda comparisons': (n) => fill('"abc" == key ', n),
  'mysql -p flags': (n) => 'mysql ' + fill(' -p', n),
  'mysql -p values': (n) => 'mysql ' + fill(' -pS3cr3tS3cr3t', n),
  'docker login -p': (n) => fill('docker login -p ', n),
  'twilio SIDs': (n) => fill('AC0123456789abcdef0123456789abcdef ', n),
  'twilio SIDs and hex': (n) => fill('AC0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef\n', n),
  'discord id prefixes': (n) => fill('MTE2NTQ4', n),
  'discord-ish tokens': (n) => fill('MTE2NTQ4NzkwMTIzNDU2Nzg5MA.GxYz12.', n),
  'Go DSNs': (n) => fill('a:b@tcp(', n),
  'signed URL params': (n) => fill('&sig=' + 'A1b2'.repeat(10), n),
  'connection string pairs': (n) => fill('Server=x;Password=y;', n),
  'connection string passwords': (n) => fill(';password=', n),
  'connection string ampersands': (n) => fill('Password=a&Server=b&', n),
  'URL authority of "@" and ":" without an end': (n) => 'https://' + fill('u:p@', n),
  'URL schemes with "@" and "#"': (n) => fill('db://u:p@s#w@', n),
  'env lines with "%" and "&"': (n) => fill('DB_PASSWORD=%a&b\n', n),
  'ConvertTo-SecureString repeated': (n) => fill('ConvertTo-SecureString -AsPlainText ', n),
  'ConvertTo-SecureString with open quotes': (n) => fill('ConvertTo-SecureString -AsPlainText "', n),
  'ConvertTo-SecureString with open brackets': (n) => fill('ConvertTo-SecureString -AsPlainText (((', n),
  'ConvertTo-SecureString pipelines': (n) => fill('"x1" | ConvertTo-SecureString -AsPlainText ', n),
  'prose cues': (n) => fill('password ', n),
  'prose cues with copulas': (n) => fill('my password is ', n),
  'prose cues with open parentheses': (n) => fill('password (', n),
  'prose cues with qualifiers': (n) => fill('password for the admin ', n),
  'prose user names and pass': (n) => fill('user bob / pass ', n),
  'prose pass with blanks': (n) => 'pass' + ' '.repeat(n),
  'prose values that run on': (n) => fill('pw: ' + 'Ab1!'.repeat(40), n),
  'cli values with "$" inside': (n) => 'redis-cli ' + fill(' -a x$y*', n),
};

/** CPU milliseconds (user + system) this process spends in `fn`. */
export function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** A sample shorter than this repeats the scan: timer granularity and a stray GC pause must not dominate it. */
const MIN_SAMPLE_MS = 5;

export interface Growth {
  small: number;
  big: number;
  /** Best CPU ms of one scan at each size. */
  smallMs: number;
  bigMs: number;
  /** bigMs / smallMs. */
  ratio: number;
}

/**
 * How the cost of `scan` grows from `small` to `big` characters of the same input: the best (least) CPU time over
 * `runs` runs at each size, the sizes interleaved so that both see the same machine. Best-of, because outside work
 * only ever adds time (cache misses, a GC of someone else's garbage), never takes it away.
 */
export function cpuGrowth(scan: (text: string) => unknown, make: (size: number) => string, small: number, big: number, runs = 3): Growth {
  const a = make(small);
  const b = make(big);
  scan(a); // warm-up: compile whatever this input reaches
  const reps = Math.min(64, Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(cpuMs(() => scan(a)), 0.01))));
  const sample = (text: string): number =>
    cpuMs(() => {
      for (let i = 0; i < reps; i++) scan(text);
    }) / reps;
  let smallMs = Infinity;
  let bigMs = Infinity;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, sample(a));
    bigMs = Math.min(bigMs, sample(b));
  }
  return { small, big, smallMs, bigMs, ratio: bigMs / Math.max(smallMs, 1e-3) };
}

const kb = (n: number): string => (n >= MB ? `${n / MB} MB` : `${n / 1024} KB`);

export const describeGrowth = (g: Growth): string =>
  `${kb(g.small)} ${g.smallMs.toFixed(2)} ms → ${kb(g.big)} ${g.bigMs.toFixed(2)} ms CPU: ×${g.ratio.toFixed(1)} for ×${g.big / g.small} the input`;

/** 256 KB → 1 MB of every input. */
export function measureAdversarial(scan: (text: string) => unknown, inputs: Adversarial): (Growth & { name: string })[] {
  return Object.entries(inputs).map(([name, make]) => ({ name, ...cpuGrowth(scan, make, MB / 4, MB) }));
}

export function formatAdversarial(label: string, results: (Growth & { name: string })[]): string {
  const slow = [...results].sort((x, y) => y.bigMs - x.bigMs);
  const steep = [...results].sort((x, y) => y.ratio - x.ratio);
  const over = results.filter((r) => r.bigMs >= ONE_MB_TARGET_MS || r.ratio >= GROWTH_LIMIT);
  const top = (rs: typeof results, f: (r: Growth) => string) => rs.slice(0, 3).map((r) => `${r.name} ${f(r)}`).join(', ');
  return [
    `${label} on ${results.length} adversarial inputs (CPU time, best of 3; targets: 1 MB < ${ONE_MB_TARGET_MS.toLocaleString('en')} ms, 256 KB → 1 MB < ×${GROWTH_LIMIT}, linear ×4):`,
    `  slowest 1 MB    ${top(slow, (r) => `${r.bigMs.toFixed(1)} ms`)}`,
    `  steepest growth ${top(steep, (r) => `×${r.ratio.toFixed(1)}`)}`,
    `  over a target   ${over.length ? over.map((r) => `${r.name} (${describeGrowth(r)})`).join('; ') : 'none'}`,
  ].join('\n');
}
