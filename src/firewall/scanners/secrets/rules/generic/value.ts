import { charClasses, classCount, shannonEntropy } from '../../entropy.js';
import { isPlaceholder, isUuid } from '../../placeholders.js';
import { AWS_KEY_ID_RELAXED, AWS_SECRET_SHAPE } from '../aws.js';
import type { Assignment } from './assignment.js';
import type { KeyName } from './keyname.js';
import { MAX_VALUE } from './lexing.js';
import { isNameLike, isPathUrlVersionOrDate, looksLikeCode, namePartCount } from './shapes.js';

export interface Verdict {
  type: string;
  score: number;
}

/** Characters after an unquoted value that make "name: Value" a type annotation: f(password: Buffer, …). */
const ANNOTATION_END = new Set([44, 41, 59, 124, 61, 60, 62, 91, 0]);

function secretEntropyFloor(len: number): number {
  return len < 16 ? 3.0 : len < 32 ? 3.2 : 3.4;
}

/** Decides whether the value of a credential-named assignment is a real-looking secret, and how sure we are. */
export function judgeValue(value: string, a: Assignment, key: KeyName): Verdict | undefined {
  const len = value.length;
  if (len < 4 || len > MAX_VALUE || isPlaceholder(value)) return undefined;
  if (AWS_KEY_ID_RELAXED.test(value)) return { type: 'aws-access-key-id', score: 0.85 };
  const h = shannonEntropy(value);
  if (key.words.includes('aws') && AWS_SECRET_SHAPE.test(value) && h >= 4) {
    return { type: 'aws-secret-access-key', score: 0.9 };
  }
  if (isPathUrlVersionOrDate(value) || /fake|passw(?:or)?d/i.test(value) || alnumCount(value) < 2) return undefined;
  if (!a.quoted) {
    if (looksLikeCode(value, a.after) || /\$\{|\{\{|\}\}/.test(value)) return undefined;
    if (a.op === 58 && ANNOTATION_END.has(a.after) && isNameLike(value)) return undefined; // TS annotation
  }
  const cls = charClasses(value);
  if (a.loose && (len < 8 || cls.space || !(cls.digit || cls.symbol) || isNameLike(value))) return undefined;
  // A bare UUID is usually an id (clientId, credentialsId); under a name that ends in a credential noun
  // (HEROKU_API_KEY, SNYK_TOKEN) it is the credential format of several vendors, so it counts, with a low score.
  if (isUuid(value)) return key.strongTail ? { type: 'generic-secret', score: 0.5 } : undefined;

  if (key.kind === 'password') {
    if (len < 6 || len > 128 || h < 2) return undefined;
    if (/passphrase|secret/i.test(value)) return undefined; // "super secret passphrase"
    // Joined words (my-top-secret, chai/deep-eql) read as names; a single word stays: it may be a weak password.
    if (namePartCount(value) >= 2 && isNameLike(value, false)) return undefined;
    if (!a.quoted && (isNameLike(value) || (classCount(cls) < 2 && len < 12) || cls.space)) return undefined;
    if (/^[a-z]+$/.test(value) && len < 10) return undefined; // a short dictionary-like word: peanuts
    return { type: 'generic-password', score: round(0.6 + Math.min(0.3, (h - 2) * 0.12)) };
  }

  if (len < 10 || cls.space) return undefined;
  // A bare "key" is as often a map key or XML attribute as a credential: ask more of the value.
  // Hex under it is mostly a fingerprint or a hash ("GPG key: F3EF…").
  const bareKey = key.words.length === 1 && key.words[0] === 'key';
  if (bareKey && (len < 16 || /[./"{}:]/.test(value) || /^[0-9a-fA-F]+$/.test(value))) return undefined;
  if (h < secretEntropyFloor(len) || isNameLike(value)) return undefined;
  if (classCount(cls) < 2 && !(len >= 20 && h >= 3.6)) return undefined;
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
