/**
 * A small hand-written parser for "<name> <operator> <value>" around a keyword hit, covering env files, ini/TOML,
 * YAML, JSON (also JSON inside a string), code in most languages, XML elements and attributes, CLI flags and
 * "my password is …" prose. Every loop is bounded, so the cost per hit is constant and a scan stays linear.
 */
import {
  closingQuote,
  comparedBefore,
  endsEnvValue,
  endsUnquoted,
  isEnvLine,
  isIdentChar,
  isQuote,
  MAX_VALUE,
  operatorAt,
  proseCopula,
  skipBlanks,
  skipBlanksBack,
  trimUnbalanced,
} from './lexing.js';

export interface Assignment {
  identStart: number;
  identEnd: number;
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
  /** Character right after an unquoted value ("(" means a call, not a literal). */
  after: number;
  /** No operator, only a space or a copula ("password \"x\"", "my token is x"): the value must look stronger. */
  loose: boolean;
  /** First character of the operator (":" matters: "name: Type" is also a type annotation). */
  op: number;
}

export interface ParseResult {
  assignment?: Assignment;
  /** Keyword hits before this position belong to what was just parsed. */
  next: number;
}

const MAX_IDENT = 64;

interface Key {
  /** Identifier span including leading dashes of a CLI flag. */
  s: number;
  e: number;
  identStart: number;
  identEnd: number;
  cliFlag: boolean;
  /** Character before the identifier: a quote, "<" of an XML element… */
  before: number;
  /** 0 bare, 1 quoted, 2 quoted as the first argument of a call. */
  keyKind: number;
  escaped: boolean;
  /** Position right after the key (and its closing quote or bracket). */
  afterKey: number;
}

function readKey(text: string, hit: number): Key | number {
  const n = text.length;
  let s = hit;
  while (s > 0 && hit - s < MAX_IDENT && isIdentChar(text.charCodeAt(s - 1))) s--;
  let e = hit;
  while (e < n && e - s < MAX_IDENT * 2 && isIdentChar(text.charCodeAt(e))) e++;
  if (e < n && isIdentChar(text.charCodeAt(e))) return e; // a long run of word characters, not a name
  let identEnd = e;
  while (identEnd > s && (text.charCodeAt(identEnd - 1) === 46 || text.charCodeAt(identEnd - 1) === 45)) identEnd--;
  let identStart = s;
  while (identStart < identEnd && text.charCodeAt(identStart) === 45) identStart++;
  const before = s > 0 ? text.charCodeAt(s - 1) : 0;
  let p = e;
  let keyKind = 0;
  let escaped = false;
  if (isQuote(before) && text.charCodeAt(p) === before) {
    p++;
    keyKind = text.charCodeAt(skipBlanksBack(text, s - 1, 4) - 1) === 40 ? 2 : 1;
  } else if (before === 34 && text.charCodeAt(s - 2) === 92 && text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 34) {
    p += 2; // \"password\": inside a JSON string
    keyKind = 1;
    escaped = true;
  }
  if (text.charCodeAt(p) === 93) p++; // ['password'] =
  return { s, e, identStart, identEnd, cliFlag: identStart > s, before, keyKind, escaped, afterKey: p };
}

/** Operator length (0 for a bare space), or -1 when there is none. */
function readOperator(text: string, key: Key, p: number): { len: number; loose: boolean } {
  const op = operatorAt(text, p, key.keyKind);
  if (op > 0) return { len: op, loose: false };
  if (key.before === 60 && text.charCodeAt(key.afterKey) === 62) return { len: 1, loose: false }; // <password>x<
  if (key.keyKind > 0 && /^value\s?=/i.test(text.slice(p, p + 7))) {
    return { len: text.indexOf('=', p) - p + 1, loose: false }; // <add key="Password" value="…"/>
  }
  if (p === key.afterKey) return { len: -1, loose: false };
  if (key.cliFlag) return { len: 0, loose: false }; // --password x
  const c = text.charCodeAt(p);
  if (c === 34 || c === 39) return { len: 0, loose: true }; // password "x"
  const copula = proseCopula(text, p); // my password is: x
  return copula > 0 ? { len: copula, loose: true } : { len: -1, loose: false };
}

export function parseAssignment(text: string, hit: number): ParseResult {
  const key = readKey(text, hit);
  if (typeof key === 'number') return { next: key };
  const fail: ParseResult = { next: key.e };
  let p = skipBlanks(text, key.afterKey, 32);
  const op = readOperator(text, key, p);
  const make = (vs: number, ve: number, quoted: boolean, after: number, opChar: number): Assignment => ({
    identStart: key.identStart,
    identEnd: key.identEnd,
    valueStart: vs,
    valueEnd: ve,
    quoted,
    after,
    loose: op.loose,
    op: opChar,
  });
  if (op.len < 0) {
    const yoda = comparedBefore(text, key.s);
    return yoda === undefined ? fail : { next: key.e, assignment: make(yoda[0], yoda[1], true, 0, 61) };
  }
  const xmlElement = key.before === 60 && text.charCodeAt(key.afterKey) === 62;
  const opChar = op.len > 0 ? text.charCodeAt(p) : 32;
  p = skipBlanks(text, p + op.len, 16);

  let c = text.charCodeAt(p);
  const pre = text.charCodeAt(p + 1);
  // String prefixes: b"…", r'…', u"…", f"…", @"…"
  if ((c === 98 || c === 66 || c === 114 || c === 82 || c === 117 || c === 85 || c === 102 || c === 70 || c === 64) && isQuote(pre)) {
    p++;
    c = pre;
  }
  if (!xmlElement && isQuote(c)) {
    const close = closingQuote(text, p + 1, c);
    if (close === -1) return fail;
    if (c === 96 && text.slice(p + 1, close).includes('${')) return { next: close + 1 }; // template literal
    return { next: close + 1, assignment: make(p + 1, close, true, 0, opChar) };
  }
  if (!xmlElement && c === 92 && (key.escaped || isQuote(pre))) {
    const close = closingQuote(text, p + 2, pre);
    if (close === -1) return fail;
    return { next: close + 2, assignment: make(p + 2, close, true, 0, opChar) };
  }
  if (c === 40 || c === 91 || c === 123) return fail; // a structure or template, not a literal
  const limit = Math.min(text.length, p + MAX_VALUE);
  let j = p;
  const ends = op.len === 1 && isEnvLine(text, key.s, key.afterKey) ? endsEnvValue : endsUnquoted;
  while (j < limit && !ends(text.charCodeAt(j))) j++;
  if (j === limit && j < text.length) return { next: j };
  // <password>x</password>; "app:<password>@db:3306/app" is a placeholder in a URL, not an element.
  if (xmlElement && !(text.charCodeAt(j) === 60 && text.charCodeAt(j + 1) === 47)) return { next: j };
  let end = trimUnbalanced(text, p, j);
  const last = text.charCodeAt(end - 1);
  if ((last === 46 || last === 58) && text.charCodeAt(end - 2) !== 46) end--; // sentence end, but keep "…"
  if (end <= p) return fail;
  return { next: j, assignment: make(p, end, xmlElement, end < text.length ? text.charCodeAt(end) : 0, opChar) };
}
