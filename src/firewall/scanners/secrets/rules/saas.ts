import { anchoredRule } from '../regex-rule.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

/** Product tokens recognised by their documented prefixes. */
export const saasRules: readonly SecretRule[] = [
  tokenRule({ id: 'readme-api-token', prefix: 'rdme_', body: '[a-z0-9]{70}', minEntropy: 3.5 }),
  tokenRule({ id: 'settlemint-token', prefix: ['sm_pat_', 'sm_aat_', 'sm_sat_'], body: '[a-zA-Z0-9]{16}', minEntropy: 3 }),
  tokenRule({ id: 'typeform-api-token', prefix: 'tfp_', body: '[A-Za-z0-9_.=-]{40,80}', minEntropy: 3.5 }),
  tokenRule({
    id: 'defined-networking-api-token',
    prefix: 'dnkey-',
    body: '[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}',
    minEntropy: 3.5,
  }),
  tokenRule({ id: 'notion-api-token', prefix: 'ntn_', body: '\\d{11}[A-Za-z0-9]{35}', minEntropy: 3.5 }),
  tokenRule({ id: 'notion-api-token', prefix: 'secret_', body: '[A-Za-z0-9]{43}', minEntropy: 4 }),
  anchoredRule({
    id: 'airtable-personal-access-token',
    keywords: ['pat'],
    pattern: /(?<![A-Za-z0-9])pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9])/y,
    score: 0.9,
  }),
  tokenRule({ id: 'mapbox-secret-token', prefix: 'sk.eyJ', body: '[A-Za-z0-9_-]{40,400}\\.[A-Za-z0-9_-]{20,40}', minEntropy: 3.5 }),
  tokenRule({ id: 'facebook-access-token', prefix: 'EAA', body: '[A-Za-z0-9]{100,400}', minEntropy: 4 }),
  tokenRule({ id: 'posthog-personal-api-key', prefix: 'phx_', body: '[A-Za-z0-9]{43}', minEntropy: 3.5 }),
  tokenRule({ id: 'linkedin-client-secret', prefix: 'WPL_AP1.', body: '[A-Za-z0-9]{16}\\.[A-Za-z0-9]{16}={0,2}', minEntropy: 3.5 }),
  tokenRule({ id: 'hubspot-private-app-token', prefix: ['pat-na1-', 'pat-eu1-'], body: '[a-f0-9-]{36}', minEntropy: 3 }),
  tokenRule({
    id: 'tailscale-key',
    prefix: ['tskey-api-', 'tskey-auth-', 'tskey-client-', 'tskey-scim-', 'tskey-webhook-'],
    keywords: ['tskey-'],
    body: '[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,64}',
    minEntropy: 3,
  }),
  tokenRule({
    id: 'vercel-token',
    prefix: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    body: '[A-Za-z0-9]{24,64}',
    minEntropy: 3.5,
  }),
  tokenRule({ id: 'figma-pat', prefix: 'figd_', body: '[A-Za-z0-9_-]{40,64}', minEntropy: 3.5 }),
  tokenRule({ id: 'mailgun-api-key', prefix: 'key-', keywords: ['key-'], body: '[a-f0-9]{32}', minEntropy: 3.3, score: 0.75 }),
];
