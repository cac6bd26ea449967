import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

export const registryRules: readonly SecretRule[] = [
  tokenRule({ id: 'npm-access-token', prefix: 'npm_', body: '[A-Za-z0-9]{36}', score: 0.95, priority: 3, minEntropy: 3.5 }),
  // PyPI tokens are macaroons whose base64 starts with the "pypi.org" (or test.pypi.org) location.
  tokenRule({ id: 'pypi-upload-token', prefix: 'pypi-', body: 'AgE[A-Za-z0-9_-]{100,1000}', score: 0.95, priority: 3 }),
  tokenRule({ id: 'rubygems-api-token', prefix: 'rubygems_', body: '[a-f0-9]{48}' }),
  tokenRule({ id: 'clojars-api-token', prefix: 'CLOJARS_', body: '[a-z0-9]{60}' }),
  tokenRule({ id: 'docker-pat', prefix: 'dckr_pat_', body: '[A-Za-z0-9_-]{27}' }),
  tokenRule({ id: 'artifactory-api-key', prefix: 'AKCp', body: '[A-Za-z0-9]{69}', minEntropy: 3.5 }),
  tokenRule({ id: 'artifactory-reference-token', prefix: 'cmVmd', body: '[A-Za-z0-9]{59}', minEntropy: 3.5 }),
  tokenRule({ id: 'nuget-api-key', prefix: 'oy2', body: '[a-z0-9]{43}', minEntropy: 3.5 }),
  tokenRule({ id: 'pulumi-api-token', prefix: 'pul-', body: '[a-f0-9]{40}' }),
];
