/**
 * Shapes of values that are not secrets although they sit where a secret could: code, names, paths, versions.
 * Every pattern here is linear (no nested unbounded quantifiers); values are at most 2,048 characters (a service-account token runs to ~1 KB).
 */

const PATH_OR_URL =
  /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/|urn:)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|pub|der|keystore|properties|xml|conf|cfg|ini|sh|py|js|ts|png|jpg|gif|svg|html?)$/i;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** a.b.c, opts?.field, XSalsa20.key_length */
const DOTTED_REFERENCE = /^[A-Za-z_$][A-Za-z_$]*\d{0,3}(?:\??\.[A-Za-z_$][A-Za-z_$]*\d{0,3})+$/;
/** A call or an index into something: f(…, obj.get(…, items[i], opts?.[k]. */
const CODE_START = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*(?:\?\.)?[[(]/;
/** ACCESS_TOKEN, __VITEST_GLOBAL__ */
const CONSTANT = /^_*[A-Z][A-Z0-9]*(?:_+[A-Z0-9]+)+_*$/;
const PERCENT_CODE = /^%(?:[{([]|[A-Za-z_][\w.]*%|\d*\$?[sdifr]$|[wWiIqQ][[({])/;
const INCREMENT = /^[A-Za-z_$][\w$.]*(?:\+\+|--)$/;
const NAME_SEPARATORS = /[-_/.:#=%$\s]+/;
const NAME_SEPARATORS_NO_SPACE = /[-_/.:#=%$]+/;

export function isPathUrlVersionOrDate(value: string): boolean {
  return PATH_OR_URL.test(value) || VERSION.test(value) || DATE.test(value) || EMAIL.test(value);
}

/** Unquoted text that reads as code: a reference, a call, a constant, an expression. */
export function looksLikeCode(value: string, after: number): boolean {
  if (after === 40 || after === 91) return true; // value( or value[
  const c = value.charCodeAt(0);
  // $x @x &x *x \n !x
  if (c === 36 || c === 64 || c === 38 || c === 42 || c === 92 || c === 33) return true;
  // %X%, %s, %(x)s, %{x}, %w[…]; a "%" before anything else starts a password (%wbV&duL1) or a URL escape.
  if (c === 37 && PERCENT_CODE.test(value)) return true;
  return CODE_START.test(value) || DOTTED_REFERENCE.test(value) || CONSTANT.test(value) || INCREMENT.test(value);
}

/**
 * One word of an identifier or a name: letters with at most a few trailing digits, mostly lowercase (camelCase,
 * PascalCase) or a short acronym. Random tokens fail: they mix cases evenly or put digits inside.
 */
function isNamePart(p: string): boolean {
  if (/^\d{1,4}$/.test(p)) return true;
  const m = /^([A-Za-z]+)(?:\d{1,3}([A-Za-z]+))?\d{0,3}$/.exec(p);
  if (m === null) return false;
  // Digits inside a word only occur in CamelCase names (Uint8Array, Base64Url); lowercase ones are random.
  if (m[2] !== undefined && !/[A-Z]/.test(p)) return false;
  const letters = m[1]! + (m[2] ?? '');
  let upper = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
  }
  if (upper === letters.length) return letters.length <= 8;
  return upper / letters.length <= 0.34 && !/[A-Z]{4}/.test(letters) && letters.length <= 64;
}

/**
 * Made only of name parts: identifiers (CommentOrToken, Uint8Array, ArrowToken$1), joined words
 * (my-top-secret, __vite_ssr_import__, chai/deep-eql), query-ish fragments (value%23still-query).
 */
export function isNameLike(value: string, splitOnSpaces = true): boolean {
  const unescaped = value.replace(/%[0-9A-Fa-f]{2}/g, '-');
  const parts = unescaped.split(splitOnSpaces ? NAME_SEPARATORS : NAME_SEPARATORS_NO_SPACE).filter((p) => p !== '');
  return parts.length > 0 && parts.every(isNamePart);
}

/** Parts count of a value split like a name. */
export function namePartCount(value: string): number {
  return value.split(NAME_SEPARATORS_NO_SPACE).filter((p) => p !== '').length;
}
