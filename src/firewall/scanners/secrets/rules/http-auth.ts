import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { anchoredRule } from '../regex-rule.js';
import type { SecretRule } from '../types.js';
import { isNameLike } from './generic/shapes.js';

/** Basic credentials are base64 of user:password; judge the password inside. */
function basicPasswordLooksReal(s: string): boolean {
  const decoded = Buffer.from(s, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return true;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !isPlaceholder(password) && !/passw(?:or)?d/i.test(password);
}

/** Long enough, not a placeholder, not a name or reference, and not a plain word (tokens carry digits or symbols). */
function credentialLooksReal(s: string, text: string, start: number): boolean {
  if (s.length < 8 || !/[0-9._~+/=-]/.test(s) || isPlaceholder(s) || isNameLike(s)) return false;
  if (/basic\s+$/i.test(text.slice(Math.max(0, start - 8), start)) && !basicPasswordLooksReal(s)) return false;
  return shannonEntropy(s) >= 2.5;
}

/** The flag belongs to a curl command: "curl" earlier on the same logical line (backslash continuations allowed). */
function onCurlLine(text: string, at: number): boolean {
  const from = Math.max(0, at - 600);
  const before = text.slice(from, at);
  const curl = before.lastIndexOf('curl');
  return curl !== -1 && !/[^\\\n]\n/.test(before.slice(curl));
}

export const httpAuthRules: readonly SecretRule[] = [
  anchoredRule({
    id: 'http-authorization-header',
    keywords: ['authorization'],
    // Authorization: Bearer <token> in headers, curl -H, JSON or code; the credential is group 1.
    pattern:
      /authorization\\?["']?\s{0,4}[:=]\s{0,4}\\?["']?(?:[A-Za-z][A-Za-z-]{1,20}\s{1,4})?([A-Za-z0-9._~+/=-]{8,4096})/diy,
    score: 0.8,
    check: (s, text, start) => credentialLooksReal(s, text, start),
  }),
  anchoredRule({
    id: 'curl-basic-auth',
    keywords: [' -u', ' --user'],
    // curl … -u user:password / --user "user:password"; the password is group 1.
    pattern: /\s(?:-u|--user)\s{1,4}["']?[^\s:"'$<>]{0,64}:["']?([^\s"'$<>][^\s"'<>]{2,127})["']?(?=\s|$)/dy,
    score: 0.8,
    check: (s, text, start) =>
      onCurlLine(text, start) && !isPlaceholder(s) && !/^[[<{(]/.test(s) && shannonEntropy(s) >= 2,
  }),
];
