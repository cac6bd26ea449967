import { charStats } from './entropy.js';

/**
 * Values that look like a credential slot rather than a credential: documentation placeholders, templates,
 * references to the environment, masked or repeated characters, keyboard and alphabet runs.
 */

const PLACEHOLDER_PARTS =
  /example|placeholder|(?:your|my)[-_ ]?(?:own|api|access|secret|key|token|pass|real)|changeme|change[-_]me|redacted|dummy|replace[-_ ]?(?:me|this|with)|insert[-_ ]?(?:your|key|token|here)|(?:key|token|secret|password)[-_ ]?(?:goes[-_ ]?)?here|xxxx|\*\*\*|•|…|\.\.\.\.?|####|not[-_ ]?a[-_ ]?real|do[-_ ]?not[-_ ]?use/i;

const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'secrets', 'token', 'apikey', 'api_key', 'api-key', 'key',
  'changeme', 'default', 'admin', 'root', 'test', 'testing', 'tester', 'null', 'none', 'nil', 'undefined', 'true',
  'false', 'empty', 'string', 'value', 'foo', 'bar', 'baz', 'foobar', 'qwerty', 'letmein', 'abc123', 'p@ssw0rd',
  'p@ssword', 'passw0rd', 'password1', 'password123', 'mypassword', 'yourpassword', 'secretkey', 'mysecret',
  'supersecret', 'topsecret', 'notasecret', 'guest', 'user', 'username', 'private', 'hidden', 'masked', 'unset',
  'required', 'optional', 'tbd', 'todo', 'fixme', 'sample', 'demo', 'temp', 'tmp', 'redacted', 'censored',
  'function', 'object', 'number', 'boolean', 'symbol', 'bigint', 'hidden', 'secure', 'bearer', 'basic', 'xyz', 'abc',
]);

/** Whole-value templates and references: ${X}, {{ x }}, $(cmd), %X%, $X, #{x}, <x>, [X], {X}, %s, %(x)s. */
const TEMPLATE =
  /^(?:\$\{.*\}|\{\{.*\}\}|\$\(.*\)|%[A-Za-z_][\w.]*%|\$[A-Za-z_][\w.]*|#\{.*\}|<[^<>]*>|\[[A-Za-z _-]+\]|\{[A-Za-z_][\w.]*\}|%[sd]|%\([\w.]+\)[sd])$/s;

/** Template openers, and ENC[…] of sops-encrypted files (ciphertext, not a secret). */
const TEMPLATE_START = /^(?:\$\{|\{\{|\$\(|#\{|<%|\{%|@\{|\$\$\{|ENC\[)/;

const REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|env\(|env\.|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|config\.|settings\.|secrets\.|vars?\.|local\.|data\.|self\.|this\.|params\.|args\.|opts\.|options\.|props\.|req\.|request\.|context\.|ctx\.)/;

/** Example credentials from vendors' own documentation (AWS, Telegram), pasted everywhere. */
const DOCUMENTED_EXAMPLES = /AKIAIOSFODNN7|wJalrXUtnFEMI\/K7MDENG|123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11/;

/** Keyboard-row prefixes of six or more keys, longest first. */
const KEYBOARD_RUNS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'].flatMap((row) =>
  Array.from({ length: row.length - 5 }, (_, i) => row.slice(0, row.length - i)),
);

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
  for (const run of KEYBOARD_RUNS) {
    if (run.length > kb && lower.includes(run)) kb = run.length;
  }
  return Math.max(covered, kb) / s.length;
}

/** True when one character dominates the value (xxxxxxxx, 00000000, AAAA…AAAB). */
function isRepetitive(s: string): boolean {
  if (s.length < 6) return false;
  const { maxCount, distinct } = charStats(s);
  return maxCount / s.length >= 0.6 || distinct <= 2;
}

/** A credential word with a short decoration: token123, secret-token, my_api_key, bearer-token-2. */
const CREDENTIAL_WORD = /^(?:[a-z]+[-_ ])*(?:token|secret|key|password|passwd|pass|apikey|bearer|credential)s?(?:[-_ ]?[a-z0-9]{0,6})$/i;

/**
 * A value that a shell or template engine replaces before use: it starts with $NAME, ${NAME}, $(cmd), $$NAME (compose
 * files), %NAME% (cmd.exe), `cmd` or {{x}}. A "$" or "%" further in is only a character of the password
 * (VPIH802IfWnk$o*, %wbV&duL1), and so is one at the start that no name follows (%40 of a URL-encoded "@").
 */
const REFERENCE_START = /^(?:\$\{|\$\(|\$\$?[A-Za-z_]|%[A-Za-z_][\w.]*%|`|\{\{)/;
/** ${NAME} or $(cmd) anywhere: an expansion inside a longer word ("${PREFIX}-2024"), not a password character. */
const CLOSED_EXPANSION = /\$\{[^{}]{1,64}\}|\$\([^()]{1,128}\)/;

export function startsWithReference(value: string): boolean {
  return REFERENCE_START.test(value);
}

/** The value is, or contains, an unambiguous expansion: see startsWithReference. */
export function hasExpansion(value: string): boolean {
  return REFERENCE_START.test(value) || CLOSED_EXPANSION.test(value);
}

export function isTemplateOrReference(value: string): boolean {
  return TEMPLATE.test(value) || TEMPLATE_START.test(value) || REFERENCE.test(value);
}

/** True for values that are placeholders, templates, references, masks or trivially guessable sequences. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(value.toLowerCase())) return true;
  if (isTemplateOrReference(value)) return true;
  if (PLACEHOLDER_PARTS.test(value) || DOCUMENTED_EXAMPLES.test(value) || CREDENTIAL_WORD.test(value)) return true;
  if (isRepetitive(value)) return true;
  return value.length >= 6 && sequentialShare(value) >= 0.8;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}
