import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

export const paymentRules: readonly SecretRule[] = [
  tokenRule({
    id: 'stripe-secret-key',
    prefix: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    body: '[A-Za-z0-9]{10,247}',
    score: 0.95,
    priority: 3,
    minEntropy: 3,
  }),
  tokenRule({ id: 'stripe-webhook-secret', prefix: 'whsec_', body: '[A-Za-z0-9+/]{32,64}', minEntropy: 3.5 }),
  tokenRule({ id: 'square-access-token', prefix: ['sq0atp-', 'EAAA'], body: '[A-Za-z0-9_-]{22,60}', minEntropy: 3.5 }),
  tokenRule({ id: 'square-oauth-secret', prefix: 'sq0csp-', body: '[A-Za-z0-9_-]{40,50}', minEntropy: 3.5 }),
  // 32 hex characters, or the longer base62 bodies Shopify moved to.
  tokenRule({
    id: 'shopify-token',
    prefix: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    body: '[a-fA-F0-9]{32}|[A-Za-z0-9]{32,64}',
    minEntropy: 3.3,
  }),
  tokenRule({ id: 'shippo-api-token', prefix: ['shippo_live_', 'shippo_test_'], body: '[a-fA-F0-9]{40}' }),
  tokenRule({
    id: 'flutterwave-key',
    prefix: ['FLWSECK_TEST-', 'FLWSECK-', 'FLWPUBK_TEST-', 'FLWPUBK-', 'FLWSECK_TEST'],
    keywords: ['flwseck', 'flwpubk'],
    body: '[a-hA-H0-9]{12,32}(?:-X)?',
    minEntropy: 3,
  }),
  tokenRule({ id: 'easypost-api-token', prefix: ['EZAK', 'EZTK'], body: '[A-Za-z0-9]{54}', minEntropy: 3.5 }),
  tokenRule({ id: 'duffel-api-token', prefix: ['duffel_test_', 'duffel_live_'], body: '[A-Za-z0-9_=-]{43}' }),
];
