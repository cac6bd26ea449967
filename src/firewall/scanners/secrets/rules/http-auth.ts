import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { anchoredRule } from '../regex-rule.js';
import type { SecretRule } from '../types.js';

function credentialLooksReal(s: string): boolean {
  return s.length >= 8 && !isPlaceholder(s) && shannonEntropy(s) >= 2.5;
}

export const httpAuthRules: readonly SecretRule[] = [
  anchoredRule({
    id: 'http-authorization-header',
    keywords: ['authorization'],
    // Authorization: Bearer <token> in headers, curl -H, JSON or code; the credential is group 1.
    pattern:
      /authorization\\?["']?\s{0,4}[:=]\s{0,4}\\?["']?(?:[A-Za-z][A-Za-z-]{1,20}\s{1,4})?([A-Za-z0-9._~+/=:-]{8,4096})/diy,
    score: 0.8,
    check: (s) => credentialLooksReal(s) && !/^(?:bearer|basic|token|digest)$/i.test(s),
  }),
  anchoredRule({
    id: 'curl-basic-auth',
    keywords: ['curl'],
    // curl … -u user:password / --user "user:password"; the password is group 1.
    pattern: /curl\b(?:\\\r?\n|[^\n]){0,400}?\s(?:-u|--user)\s{1,4}["']?[^\s:"'$<>]{0,64}:([^\s"'$<>][^\s"'<>]{2,127})["']?(?=\s|$)/diy,
    score: 0.8,
    check: (s) => !isPlaceholder(s) && !/^[[<{(]/.test(s) && shannonEntropy(s) >= 2,
  }),
];
