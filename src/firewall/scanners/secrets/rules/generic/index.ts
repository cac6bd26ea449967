import type { RawMatch, SecretRule } from '../../types.js';
import { passIsNoun } from '../prose.js';
import { parseAssignment } from './assignment.js';
import { classifyKeyName } from './keyname.js';
import { judgeValue } from './value.js';

/**
 * Keyword assignments: password=…, API_KEY: …, "client_secret": "…", --token …, <password>…</password>. The
 * keyword prefilter hands over every credential word; the parser reads the surrounding identifier, operator and
 * value; the key name and the value's shape and entropy decide.
 */
export const genericAssignmentRule: SecretRule = {
  id: 'generic-secret',
  types: ['generic-secret', 'generic-password', 'aws-access-key-id', 'aws-secret-access-key'],
  // "pw" and "pat" are too short or too common on their own: they are found with the character around them.
  keywords: [
    'pass', 'pwd', 'secret', 'token', 'key', 'cred', 'auth', 'bearer', 'pswd',
    'pw=', 'pw:', 'pw ', '_pw', '-pw', '.pw', '_pat', 'pat=', 'pat:',
  ],
  priority: 0,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let next = 0;
    for (const hit of hits) {
      if (hit < next) continue;
      const r = parseAssignment(text, hit);
      next = Math.max(r.next, hit + 1);
      const a = r.assignment;
      if (a === undefined) continue;
      const ident = text.slice(a.identStart, a.identEnd);
      // boarding pass: 3F-22A, season pass: Gold-2024
      if (ident.toLowerCase() === 'pass' && passIsNoun(text, a.identStart)) continue;
      const key = classifyKeyName(ident);
      const verdict = key && judgeValue(text.slice(a.valueStart, a.valueEnd), a, key);
      if (!verdict) {
        // A rejected value may hold the real assignment: key="ClearTextPassword" value="…".
        next = Math.max(a.valueStart, hit + 1);
        continue;
      }
      out.push({ start: a.valueStart, end: a.valueEnd, score: verdict.score, type: verdict.type });
    }
    return out;
  },
};
