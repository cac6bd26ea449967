import { anchoredRule } from '../regex-rule.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

/** Random part, optionally followed by the routable suffix (".01.xxxxxxxxx") of newer tokens. */
const BODY = '[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9]{2,12}){0,2}';

export const gitlabRules: readonly SecretRule[] = [
  tokenRule({ id: 'gitlab-pat', prefix: 'glpat-', body: BODY, minEntropy: 3, priority: 3 }),
  tokenRule({
    id: 'gitlab-token',
    prefix: ['gldt-', 'glrt-', 'glrtr-', 'glsoat-', 'glffct-', 'glft-'],
    body: BODY,
    minEntropy: 3,
    priority: 3,
  }),
  // Fixed-length kinds: pipeline trigger (40 hex), incoming mail (25), agent (50), OAuth app secret (64), CI job.
  tokenRule({ id: 'gitlab-token', prefix: 'glptt-', body: '[0-9a-f]{40}', priority: 3 }),
  tokenRule({ id: 'gitlab-token', prefix: 'glimt-', body: '[A-Za-z0-9_-]{25}', minEntropy: 3, priority: 3 }),
  tokenRule({ id: 'gitlab-token', prefix: 'glagent-', body: '[A-Za-z0-9_-]{50}', minEntropy: 3, priority: 3 }),
  tokenRule({ id: 'gitlab-token', prefix: 'gloas-', body: '[A-Za-z0-9_-]{64}', minEntropy: 3, priority: 3 }),
  tokenRule({ id: 'gitlab-token', prefix: 'glcbt-', body: '[0-9a-fA-F]{1,5}_[A-Za-z0-9_-]{20}', minEntropy: 3, priority: 3 }),
  tokenRule({ id: 'gitlab-token', prefix: 'GR1348941', body: '[A-Za-z0-9_-]{20}', minEntropy: 3 }),
  anchoredRule({
    id: 'gitlab-session-cookie',
    keywords: ['_gitlab_session='],
    pattern: /_gitlab_session=([0-9a-z]{32})(?![0-9a-z])/diy,
    score: 0.85,
  }),
];
