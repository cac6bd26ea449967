import { hasExpansion, isPlaceholder } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';

/**
 * PowerShell's ConvertTo-SecureString -AsPlainText turns a plain string into a SecureString, so the string literal
 * it is given is a password in clear text:
 *
 *   $pw = ConvertTo-SecureString "…" -AsPlainText -Force
 *   New-Object PSCredential("svc", (ConvertTo-SecureString -String '…' -AsPlainText -Force))
 *   "…" | ConvertTo-SecureString -AsPlainText -Force
 *
 * Parameters come in any order and may be abbreviated (-AsPlain, -Str). Without -AsPlainText the string is an
 * encrypted standard string (ciphertext), and a variable or a subexpression ($env:PW, (Get-Content f)) is no literal:
 * neither is reported.
 */

const KEYWORD = 'convertto-securestring';
/** How much of the command is read after the cmdlet name. */
const MAX_COMMAND = 400;
const MAX_LITERAL = 256;

interface Literal {
  start: number;
  end: number;
  /** Position after the closing quote. */
  next: number;
  quote: number;
}

/** A '…' or "…" literal opening at p; a quote is escaped by doubling it, and in "…" also by a backtick. */
function literalAt(text: string, p: number): Literal | undefined {
  const q = text.charCodeAt(p);
  if (q !== 34 && q !== 39) return undefined;
  const limit = Math.min(text.length, p + 1 + MAX_LITERAL + 1);
  for (let j = p + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return undefined;
    if (c === 96 && q === 34) {
      j++;
      continue;
    }
    if (c === q) {
      if (text.charCodeAt(j + 1) === q) {
        j++;
        continue;
      }
      return { start: p + 1, end: j, next: j + 1, quote: q };
    }
  }
  return undefined;
}

/** The literal that ends right before `end` (a closing quote at end - 1), read backwards on the same line. */
function literalBefore(text: string, end: number): Literal | undefined {
  const q = text.charCodeAt(end - 1);
  if (q !== 34 && q !== 39) return undefined;
  const limit = Math.max(0, end - 2 - MAX_LITERAL);
  for (let j = end - 2; j >= limit; j--) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return undefined;
    if (c === q) {
      if (j > 0 && text.charCodeAt(j - 1) === q) {
        j--;
        continue;
      }
      return { start: j + 1, end: end - 1, next: end, quote: q };
    }
  }
  return undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Ends the statement: a line end without a backtick before it, ";", "|", or a ")" "}" that closes an outer group. */
function endsStatement(text: string, i: number, depth: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 13) return text.charCodeAt(i - 1) !== 96;
  if (c === 10) return text.charCodeAt(text.charCodeAt(i - 1) === 13 ? i - 2 : i - 1) !== 96;
  if (c === 59 || c === 124) return depth === 0;
  return (c === 41 || c === 125) && depth === 0;
}

interface Command {
  asPlainText: boolean;
  /** The -String argument, or the first positional one, when it is a literal. */
  literal?: Literal;
  /** The string argument was given, but not as a literal (a variable, a subexpression). */
  nonLiteral: boolean;
}

/** Reads the parameters of the ConvertTo-SecureString call whose name ends at `p`. */
function readCommand(text: string, p: number): Command {
  const cmd: Command = { asPlainText: false, nonLiteral: false };
  const limit = Math.min(text.length, p + MAX_COMMAND);
  let expectValue = false; // the previous token was -String
  let skipNext = false; // the previous token was -Key or -SecureKey
  let depth = 0;
  let i = p;
  while (i < limit) {
    if (endsStatement(text, i, depth)) break;
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 96 || c === 10 || c === 13) {
      i++; // blanks, and the line ends a backtick continues
      continue;
    }
    if (c === 45 && isLetter(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < limit && isLetter(text.charCodeAt(j))) j++;
      const name = text.slice(i + 1, j).toLowerCase();
      if ('asplaintext'.startsWith(name)) cmd.asPlainText = true;
      else if (name.length >= 2 && 'string'.startsWith(name)) expectValue = true;
      else if (name === 'key' || (name.length >= 2 && 'securekey'.startsWith(name))) skipNext = true;
      // A value glued with a colon: -String:"…", -AsPlainText:$true
      i = text.charCodeAt(j) === 58 ? j + 1 : j;
      continue;
    }
    const lit = depth === 0 ? literalAt(text, i) : undefined;
    const takesValue = !skipNext && (expectValue || (cmd.literal === undefined && !cmd.nonLiteral));
    if (lit !== undefined) {
      if (takesValue && depth === 0) cmd.literal = lit;
      expectValue = skipNext = false;
      i = lit.next;
      continue;
    }
    // Any other argument: a variable, a number, a subexpression; read to its end, minding brackets.
    if (depth === 0 && takesValue) cmd.nonLiteral = true;
    expectValue = skipNext = false;
    let j = i;
    while (j < limit) {
      const d = text.charCodeAt(j);
      if (d === 40 || d === 123 || d === 91) depth++;
      else if (d === 41 || d === 125 || d === 93) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (isBlank(d) || d === 59 || d === 124 || d === 10 || d === 13)) break;
      j++;
    }
    if (j === i) break;
    i = j;
  }
  return cmd;
}

/** Leetspeak spellings of "password" (P@ssw0rd, Pa$$w0rd, MyPlainTextPassword): documentation examples. */
const PASSWORD_WORD = /p[a@4][s$5][s$5]w[o0]r?d/i;

function looksLikePassword(value: string, quote: number): boolean {
  if (value.length < 4 || isPlaceholder(value) || PASSWORD_WORD.test(value)) return false;
  // "…" interpolates: "$env:PW", "$($cfg.pw)", "${pw}" are references, not the password.
  return quote === 39 || !hasExpansion(value);
}

export const powershellPasswordRule: SecretRule = {
  id: 'powershell-password',
  keywords: [KEYWORD],
  priority: 1,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    for (const hit of hits) {
      const before = text.charCodeAt(hit - 1);
      if (hit > 0 && (isLetter(before) || before === 45 || before === 95 || (before >= 48 && before <= 57))) continue;
      const after = text.charCodeAt(hit + KEYWORD.length);
      if (isLetter(after) || after === 45 || after === 95) continue;
      const cmd = readCommand(text, hit + KEYWORD.length);
      if (!cmd.asPlainText) continue;
      let lit = cmd.literal;
      if (lit === undefined && !cmd.nonLiteral) {
        // "…" | ConvertTo-SecureString -AsPlainText: the string comes down the pipeline.
        let b = hit;
        while (b > 0 && hit - b < 8 && isBlank(text.charCodeAt(b - 1))) b--;
        if (text.charCodeAt(b - 1) === 124) {
          b--;
          while (b > 0 && hit - b < 16 && isBlank(text.charCodeAt(b - 1))) b--;
          lit = literalBefore(text, b);
        }
      }
      if (lit === undefined || !looksLikePassword(text.slice(lit.start, lit.end), lit.quote)) continue;
      out.push({ start: lit.start, end: lit.end, score: 0.9 });
    }
    return out;
  },
};
