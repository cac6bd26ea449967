import { shannonEntropy } from '../entropy.js';
import { anchoredRule } from '../regex-rule.js';
import type { SecretRule } from '../types.js';

const DIGIT_Q = [...'0123456789'].map((d) => `${d}q~`);

export const azureRules: readonly SecretRule[] = [
  anchoredRule({
    id: 'azure-storage-account-key',
    keywords: ['accountkey'],
    pattern: /AccountKey\s{0,4}[=:]\s{0,4}["']?([A-Za-z0-9+/]{80,100}={0,2})(?![A-Za-z0-9+/=])/diy,
    score: 0.95,
    minEntropy: 4,
  }),
  anchoredRule({
    id: 'azure-connection-string',
    keywords: ['sharedaccesskey'],
    pattern: /SharedAccessKey\s{0,4}=\s{0,4}([A-Za-z0-9+/]{40,90}={0,2})(?![A-Za-z0-9+/=])/diy,
    score: 0.9,
    minEntropy: 4,
  }),
  anchoredRule({
    id: 'azure-sas-token',
    keywords: ['sig='],
    // Signed URLs carry sv= (service version) before the signature; the signature is the secret.
    pattern: /(?<=[?&;])sig=((?:[A-Za-z0-9+/]|%2[bBfF]){30,120}(?:=|%3[dD]){0,2})(?![A-Za-z0-9%+/=])/dy,
    score: 0.85,
    check: (_s, text, start) => /[?&;]sv=\d{4}-/.test(text.slice(Math.max(0, start - 400), start)),
  }),
  anchoredRule({
    id: 'azure-ad-client-secret',
    keywords: DIGIT_Q,
    offset: 3,
    // Entra ID client secrets: three characters, a digit, "Q~", then 31–34 more.
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y,
    score: 0.9,
    check: (s) => shannonEntropy(s.slice(6)) >= 3.5,
  }),
];
