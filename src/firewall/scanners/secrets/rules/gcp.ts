import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

// Service-account key files are caught by the private-key rule, which types them gcp-service-account-key.
export const gcpRules: readonly SecretRule[] = [
  tokenRule({ id: 'gcp-api-key', prefix: 'AIza', body: '[A-Za-z0-9_-]{35}', score: 0.9, minEntropy: 3.5 }),
  tokenRule({ id: 'google-oauth-access-token', prefix: 'ya29.', body: '[A-Za-z0-9_-]{30,2048}', minEntropy: 3.5 }),
  tokenRule({ id: 'google-oauth-client-secret', prefix: 'GOCSPX-', body: '[A-Za-z0-9_-]{28}', minEntropy: 3.5 }),
];
