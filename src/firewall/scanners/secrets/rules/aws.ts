import { shannonEntropy } from '../entropy.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

/** IAM unique-id prefixes of credentials (access keys, temporary keys, and the older ABIA/ACCA/A3T forms). */
export const AWS_KEY_ID_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'] as const;

/** An access key id with a relaxed body length, used when a key-name assignment vouches for it. */
export const AWS_KEY_ID_RELAXED = /^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{8,16}$/;

/** A secret access key: 40 base64 characters. */
export const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

export const awsRules: readonly SecretRule[] = [
  tokenRule({
    id: 'aws-access-key-id',
    prefix: AWS_KEY_ID_PREFIXES,
    body: '[A-Z0-9]{16}',
    edge: 'A-Za-z0-9',
    score: 0.95,
    priority: 3,
    check: (s) => shannonEntropy(s.slice(4)) >= 2.5,
  }),
  tokenRule({
    id: 'aws-access-key-id',
    prefix: 'A3T',
    body: '[A-Z0-9]{17}',
    edge: 'A-Za-z0-9',
    score: 0.9,
    priority: 3,
    check: (s) => shannonEntropy(s.slice(4)) >= 2.5,
  }),
  tokenRule({
    id: 'aws-bedrock-api-key',
    prefix: ['ABSKQmVkcm9ja0FQSUtleS', 'bedrock-api-key-'],
    body: '[A-Za-z0-9+/=]{40,4000}',
    edge: 'A-Za-z0-9+/=',
    score: 0.9,
    minEntropy: 3.5,
  }),
];
