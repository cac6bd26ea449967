/**
 * Values that look like a credential slot rather than a credential: documentation placeholders, templates,
 * references to the environment, masked or repeated characters, keyboard and alphabet runs.
 */

const PLACEHOLDER_PARTS =
  /example|placeholder|your[-_ ]?(?:own|api|access|secret|key|token|pass|real)|changeme|change[-_]me|redacted|dummy|replace[-_ ]?(?:me|this|with)|insert[-_ ]?(?:your|key|token|here)|(?:key|token|secret|password)[-_ ]?(?:goes[-_ ]?)?here|xxxx|\*\*\*|•|…|\.\.\.\.?|####|not[-_ ]?a[-_ ]?real|do[-_ ]?not[-_ ]?use/i;

const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'secrets', 'token', 'apikey', 'api_key', 'api-key', 'key',
  'changeme', 'default', 'admin', 'root', 'test', 'testing', 'tester', 'null', 'none', 'nil', 'undefined', 'true',
  'false', 'empty', 'string', 'value', 'foo', 'bar', 'baz', 'foobar', 'qwerty', 'letmein', 'abc123', 'p@ssw0rd',
  'p@ssword', 'passw0rd', 'password1', 'password123', 'mypassword', 'yourpassword', 'secretkey', 'mysecret',
  'supersecret', 'topsecret', 'notasecret', 'guest', 'user', 'username', 'private', 'hidden', 'masked', 'unset',
  'required', 'optional', 'tbd', 'todo', 'fixme', 'sample', 'demo', 'temp', 'tmp', 'redacted', 'censored',
]);

/** Whole-value templates and references: ${X}, {{ x }}, $(cmd), %X%, $X, #{x}, <x>, [X], {X}, %s, %(x)s. */
const TEMPLATE =
  /^(?:\$\{.*\}|\{\{.*\}\}|\$\(.*\)|%[A-Za-z_][\w.]*%|\$[A-Za-z_][\w.]*|#\{.*\}|<[^<>]*>|\[[A-Za-z _-]+\]|\{[A-Za-z_][\w.]*\}|%[sd]|%\([\w.]+\)[sd])$/s;

const TEMPLATE_START = /^(?:\$\{|\{\{|\$\(|#\{|<%|\{%|@\{|\$\$\{)/;

const REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|env\(|env\.|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|config\.|settings\.|secrets\.|vars?\.|local\.|data\.|self\.|this\.|params\.|args\.|opts\.|options\.|props\.|req\.|request\.|context\.|ctx\.)/;

/** The example credentials of AWS's own documentation, pasted everywhere. */
const DOCUMENTED_EXAMPLES = /AKIAIOSFODNN7|wJalrXUtnFEMI\/K7MDENG/;

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Share of characters that sit in ascending or descending runs of ≥ 4 (abcd, 4321, qwer). */
function sequentialShare(s: string): number {
  const lower = s.toLowerCase();
  let covered = 0;
  let runStart = 0;
  let dir = 0;
  const close = (end: number): void => {
    if (end - runStart >= 4) covered += end - runStart;
  };
  for (let i = 1; i < lower.length; i++) {
    const a = lower.charCodeAt(i - 1);
    const b = lower.charCodeAt(i);
    const step = isAlnum(a) && isAlnum(b) ? b - a : 0;
    const d = step === 1 || step === -1 ? step : 0;
    if (d !== 0 && (dir === 0 || d === dir)) {
      dir = d;
      continue;
    }
    close(i);
    runStart = d !== 0 ? i - 1 : i;
    dir = d;
  }
  close(lower.length);
  let kb = 0;
  for (const row of KEYBOARD_ROWS) {
    for (let len = row.length; len >= 6; len--) {
      if (lower.includes(row.slice(0, len))) {
        kb = Math.max(kb, len);
        break;
      }
    }
  }
  return Math.max(covered, kb) / s.length;
}

/** True when one character dominates the value (xxxxxxxx, 00000000, AAAA…AAAB). */
function isRepetitive(s: string): boolean {
  if (s.length < 6) return false;
  const freq = new Map<number, number>();
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = (freq.get(c) ?? 0) + 1;
    freq.set(c, k);
    if (k > max) max = k;
  }
  return max / s.length >= 0.6 || freq.size <= 2;
}

export function isTemplateOrReference(value: string): boolean {
  return TEMPLATE.test(value) || TEMPLATE_START.test(value) || REFERENCE.test(value);
}

/** True for values that are placeholders, templates, references, masks or trivially guessable sequences. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(value.toLowerCase())) return true;
  if (isTemplateOrReference(value)) return true;
  if (PLACEHOLDER_PARTS.test(value) || DOCUMENTED_EXAMPLES.test(value)) return true;
  if (isRepetitive(value)) return true;
  return value.length >= 6 && sequentialShare(value) >= 0.8;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}
