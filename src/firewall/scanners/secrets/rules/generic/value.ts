import { charClasses, classCount, shannonEntropy } from '../../entropy.js';
import { isPlaceholder, isUuid } from '../../placeholders.js';
import { AWS_KEY_ID_RELAXED, AWS_SECRET_SHAPE } from '../aws.js';
import type { KeyName } from './keyname.js';

export interface Verdict {
  type: string;
  score: number;
}

const PATH_OR_URL = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|pub|der|keystore|properties|xml|conf|cfg|ini|sh|py|js|ts|png|jpg|gif|svg|html?)$/i;
const DOTTED_REFERENCE = /^[A-Za-z_$][A-Za-z_$]*\d{0,3}(?:\.[A-Za-z_$][A-Za-z_$]*\d{0,3})+$/;
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const IDENTIFIER = /^[a-z]{2,}\d{0,2}(?:[A-Z]{1,4}[a-z]{2,}\d{0,2})+[A-Z]{0,4}$|^[a-z]+(?:_[a-z]+)+$/;
const WORDS = /^(?:[A-Za-z][a-z]+|[A-Z]{2,}|\d{1,4})(?:[-_. ](?:[A-Za-z][a-z]+|[A-Z]{2,}|\d{1,4}))+$|^(?:[A-Z][a-z]+){2,}$/;
const CALL = /^[A-Za-z_$][\w$.]*\(.*\)$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

/** Unquoted text that reads as code or a name rather than a literal secret. */
function looksLikeCode(value: string, after: number): boolean {
  if (after === 40 || after === 91) return true; // value( or value[
  if (CALL.test(value)) return true;
  const c = value.charCodeAt(0);
  if (c === 36 || c === 37 || c === 64 || c === 38 || c === 42) return true; // $x %x% @x &x *x
  return DOTTED_REFERENCE.test(value) || CONSTANT.test(value) || IDENTIFIER.test(value);
}

function secretEntropyFloor(len: number): number {
  return len < 16 ? 3.0 : len < 32 ? 3.2 : 3.4;
}

/** Decides whether the value of a credential-named assignment is a real-looking secret, and how sure we are. */
export function judgeValue(value: string, quoted: boolean, after: number, key: KeyName): Verdict | undefined {
  const len = value.length;
  if (len < 4 || len > 512) return undefined;
  if (isPlaceholder(value)) return undefined;
  if (AWS_KEY_ID_RELAXED.test(value)) return { type: 'aws-access-key-id', score: 0.85 };
  const h = shannonEntropy(value);
  if (key.words.includes('aws') && AWS_SECRET_SHAPE.test(value) && h >= 4) {
    return { type: 'aws-secret-access-key', score: 0.9 };
  }
  if (PATH_OR_URL.test(value) || VERSION.test(value) || DATE.test(value) || EMAIL.test(value)) return undefined;
  if (!quoted && (looksLikeCode(value, after) || /\$\{|\{\{|\}\}/.test(value))) return undefined;
  if (/fake/i.test(value) || alnumCount(value) < 2) return undefined;
  const cls = charClasses(value);
  if (isUuid(value)) return key.strongTail ? { type: 'generic-secret', score: 0.5 } : undefined;

  if (key.kind === 'password') {
    if (len < 6 || len > 128 || h < 2) return undefined;
    if (!quoted && classCount(cls) < 2 && len < 12) return undefined;
    if (cls.space && !quoted) return undefined;
    return { type: 'generic-password', score: round(0.6 + Math.min(0.3, (h - 2) * 0.12)) };
  }

  if (len < 10 || cls.space) return undefined;
  // A bare "key" is as often a map key or XML attribute as a credential: ask more of the value.
  if (key.words.length === 1 && key.words[0] === 'key' && (len < 16 || /[./]/.test(value))) return undefined;
  if (h < secretEntropyFloor(len)) return undefined;
  if (WORDS.test(value)) return undefined;
  const classes = classCount(cls);
  if (classes < 2 && !(len >= 20 && h >= 3.6)) return undefined;
  if (!cls.digit && !cls.symbol && !(len >= 20 && h >= 4)) return undefined;
  return { type: 'generic-secret', score: round(0.5 + Math.min(0.4, (h - 3) * 0.2)) };
}

function alnumCount(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) k++;
  }
  return k;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
