/**
 * A small hand-written parser for "<name> <operator> <value>" around a keyword hit, covering env files, ini/TOML,
 * YAML, JSON (also JSON inside a string), code in most languages, XML elements and attributes, and CLI flags.
 * Every loop is bounded, so the cost per hit is constant and a scan stays linear.
 */

export interface Assignment {
  identStart: number;
  identEnd: number;
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
  /** Character right after an unquoted value ("(" means a call, not a literal). */
  after: number;
}

export interface ParseResult {
  assignment?: Assignment;
  /** Keyword hits before this position belong to what was just parsed. */
  next: number;
}

const MAX_IDENT = 64;
const MAX_VALUE = 512;

function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45
  );
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

function skipBlanks(text: string, p: number, max: number): number {
  const stop = p + max;
  while (p < stop && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p;
}

/** Characters that end an unquoted value. */
function endsUnquoted(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || isQuote(c) || c === 44 || c === 59 || c === 60 || c === 62 ||
    c === 38 || Number.isNaN(c)
  );
}

/** Drops closing brackets that close something outside the value: f(token=abc) → abc. */
function trimUnbalanced(text: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return end;
}

/** Length of the assignment operator at p, or 0. */
function operatorAt(text: string, p: number, quotedKey: boolean): number {
  const c = text.charCodeAt(p);
  const d = text.charCodeAt(p + 1);
  if (c === 61) {
    if (d === 62) return 2; // =>
    let k = 1;
    while (k < 3 && text.charCodeAt(p + k) === 61) k++; // = == ===
    return k;
  }
  if (c === 58) {
    if (d === 61) return 2; // :=
    if (d === 58 && text.charCodeAt(p + 2) === 61) return 3; // ::=
    if (d === 47 && text.charCodeAt(p + 2) === 47) return 0; // scheme://
    if (d === 58) return 0;
    return 1;
  }
  if ((c === 33 || c === 63) && d === 61) return text.charCodeAt(p + 2) === 61 ? 3 : 2; // != !== ?=
  if (c === 60 && d === 45) return 2; // R's <-
  if (c === 44 && quotedKey) return 1; // define('DB_PASSWORD', '…'), ("password", "…")
  return 0;
}

function closingQuote(text: string, from: number, quote: number): number {
  const limit = Math.min(text.length, from + MAX_VALUE);
  for (let j = from; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      if (text.charCodeAt(j + 1) === quote) return j; // \" closes a JSON-in-string value
      j++;
      continue;
    }
    if (c === quote) return j;
    if ((c === 10 || c === 13) && quote !== 96) return -1;
  }
  return -1;
}

export function parseAssignment(text: string, hit: number): ParseResult {
  const n = text.length;
  let s = hit;
  while (s > 0 && hit - s < MAX_IDENT && isIdentChar(text.charCodeAt(s - 1))) s--;
  let e = hit;
  while (e < n && e - s < MAX_IDENT * 2 && isIdentChar(text.charCodeAt(e))) e++;
  const fail: ParseResult = { next: e };
  if (e < n && isIdentChar(text.charCodeAt(e))) return fail; // not an identifier, a long run of word characters
  let identEnd = e;
  while (identEnd > s && (text.charCodeAt(identEnd - 1) === 46 || text.charCodeAt(identEnd - 1) === 45)) identEnd--;
  let identStart = s;
  while (identStart < identEnd && text.charCodeAt(identStart) === 45) identStart++;
  const cliFlag = identStart > s;

  let p = e;
  const before = s > 0 ? text.charCodeAt(s - 1) : 0;
  let quotedKey = false;
  let escaped = false;
  if (isQuote(before) && text.charCodeAt(p) === before) {
    p++;
    quotedKey = true;
  } else if (before === 34 && text.charCodeAt(s - 2) === 92 && text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 34) {
    p += 2;
    quotedKey = true;
    escaped = true;
  }
  if (text.charCodeAt(p) === 93) p++; // ['password'] =
  const afterKey = p;
  p = skipBlanks(text, p, 32);

  let op = operatorAt(text, p, quotedKey);
  if (op === 0 && before === 60 && text.charCodeAt(afterKey) === 62) {
    op = 1; // <password>value</password>
  } else if (op === 0 && quotedKey && /^value\s?=/i.test(text.slice(p, p + 7))) {
    op = text.indexOf('=', p) - p + 1; // <add key="Password" value="…"/>
  }
  if (op === 0 && p > afterKey && (cliFlag || isQuote(text.charCodeAt(p)))) op = -1; // --password x, password "x"
  if (op === 0) return fail;
  if (op === -1) op = 0;
  const xmlElement = before === 60 && text.charCodeAt(afterKey) === 62;
  p = skipBlanks(text, p + op, 16);

  let c = text.charCodeAt(p);
  const pre = text.charCodeAt(p + 1);
  if ((c === 98 || c === 66 || c === 114 || c === 82 || c === 117 || c === 85 || c === 102 || c === 70 || c === 64) && isQuote(pre)) {
    p++; // b"…", r'…', f"…", @"…"
    c = pre;
  }
  if (!xmlElement && isQuote(c)) {
    const close = closingQuote(text, p + 1, c);
    if (close === -1) return fail;
    return { next: close + 1, assignment: assignment(identStart, identEnd, p + 1, close, true, 0) };
  }
  if (!xmlElement && c === 92 && (escaped || isQuote(pre))) {
    const close = closingQuote(text, p + 2, pre);
    if (close === -1) return fail;
    return { next: close + 2, assignment: assignment(identStart, identEnd, p + 2, close, true, 0) };
  }
  if (c === 40 || c === 91 || c === 123) return fail; // a structure or template, not a literal
  const limit = Math.min(n, p + MAX_VALUE);
  let j = p;
  while (j < limit && !endsUnquoted(text.charCodeAt(j))) j++;
  if (j === limit && j < n) return { next: j };
  let end = trimUnbalanced(text, p, j);
  const last = text.charCodeAt(end - 1);
  if ((last === 46 || last === 58) && text.charCodeAt(end - 2) !== 46) end--; // sentence end, but keep "…"
  if (end <= p) return fail;
  return {
    next: j,
    assignment: assignment(identStart, identEnd, p, end, xmlElement, j < n ? text.charCodeAt(j) : 0),
  };
}

function assignment(
  identStart: number,
  identEnd: number,
  valueStart: number,
  valueEnd: number,
  quoted: boolean,
  after: number,
): Assignment {
  return { identStart, identEnd, valueStart, valueEnd, quoted, after };
}
