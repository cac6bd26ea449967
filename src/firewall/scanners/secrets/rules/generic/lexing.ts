/** Character-level helpers of the assignment parser. Every loop is bounded by its caller's limits. */

export const MAX_VALUE = 2048;

export function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

export function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

export function skipBlanks(text: string, p: number, max: number): number {
  const stop = p + max;
  while (p < stop && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p;
}

export function skipBlanksBack(text: string, p: number, max: number): number {
  const stop = Math.max(0, p - max);
  while (p > stop && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
  return p;
}

/** Characters that end an unquoted value: blanks, quotes, separators, markup and escapes. */
export function endsUnquoted(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || isQuote(c) || c === 44 || c === 59 || c === 60 || c === 62 ||
    c === 38 || c === 92 || Number.isNaN(c)
  );
}

/**
 * End of an unquoted value on an env-file line (NAME=value at the start of a line): only blanks, line ends and
 * quotes, since dotenv takes "&", ";" or "," literally (DB_PASSWORD=%wbV&duL1).
 */
export function endsEnvValue(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || isQuote(c) || Number.isNaN(c);
}

/** NAME= at the start of a line, or after "export ", with the value right after the "=". */
export function isEnvLine(text: string, identStart: number, eq: number): boolean {
  if (text.charCodeAt(eq) !== 61) return false;
  const v = text.charCodeAt(eq + 1);
  if (v === 32 || v === 9 || v === 61 || v === 62) return false;
  for (let i = identStart; i < eq; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (i > identStart && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  let s = identStart;
  if (text.slice(Math.max(0, s - 7), s) === 'export ') s -= 7;
  return s === 0 || text.charCodeAt(s - 1) === 10 || text.charCodeAt(s - 1) === 13;
}

/** Drops closing brackets that close something outside the value: f(token=abc) → abc. */
export function trimUnbalanced(text: string, start: number, end: number): number {
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

/**
 * Length of the assignment operator at p, or 0. keyKind: 0 bare name, 1 quoted name, 2 quoted name that opens a
 * call's arguments (only then is a comma an operator: define('DB_PASSWORD', '…')).
 */
export function operatorAt(text: string, p: number, keyKind: number): number {
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
    if (d === 58) return text.charCodeAt(p + 2) === 61 ? 3 : 0; // ::= (but not C++'s ::)
    if (d === 47 && text.charCodeAt(p + 2) === 47) return 0; // scheme://
    return 1;
  }
  if ((c === 33 || c === 63) && d === 61) return text.charCodeAt(p + 2) === 61 ? 3 : 2; // != !== ?=
  if (c === 60 && d === 45) return 2; // R's <-
  if (c === 44 && keyKind === 2) return 1;
  return 0;
}

/** "is", "was", "is now" (+ optional colon) after a credential word in prose; returns the length or 0. */
export function proseCopula(text: string, p: number): number {
  const m = /^(?:is|was|are)(?:[ \t]+now)?[ \t]*:?[ \t]/i.exec(text.slice(p, p + 12));
  return m === null ? 0 : m[0].length;
}

/** Index of the quote closing a value opened before `from`, on the same line (template literals may span lines). */
export function closingQuote(text: string, from: number, quote: number): number {
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

/** "literal" === name, the comparison written the other way round: returns the literal's span. */
export function comparedBefore(text: string, identStart: number): [number, number] | undefined {
  let q = skipBlanksBack(text, identStart, 8);
  let eq = 0;
  while (q > 0 && eq < 3 && text.charCodeAt(q - 1) === 61) {
    q--;
    eq++;
  }
  if (eq < 2 && !(eq === 1 && text.charCodeAt(q - 1) === 33)) return undefined; // == === != !==
  if (text.charCodeAt(q - 1) === 33) q--;
  q = skipBlanksBack(text, q, 8);
  const quote = text.charCodeAt(q - 1);
  if (!isQuote(quote)) return undefined;
  const close = q - 1;
  const limit = Math.max(0, close - MAX_VALUE);
  for (let j = close - 1; j >= limit; j--) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1 < close ? [j + 1, close] : undefined;
    if (c === 10 || c === 13) return undefined;
  }
  return undefined;
}
