import { API_KEY_PREFIX, checksumValid, displayPrefix } from '../../../../auth/api-keys/key-format.js';
import { anchoredRule, escapeRegExp } from '../regex-rule.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

/** "T3BlbkFJ" is base64 of "OpenAI"; every OpenAI key since 2023 carries it in the middle. */
const OPENAI_MARKED = /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}(?![A-Za-z0-9_-])/y;

/** This gateway's own API keys: prefix, 32 random and 6 checksum characters (auth/api-keys/key-format.ts). */
const MOOLAI_KEY = new RegExp(`(?<![.A-Za-z0-9_-])${escapeRegExp(API_KEY_PREFIX)}[A-Za-z0-9]{38}(?![A-Za-z0-9_-])`, 'y');

export const aiRules: readonly SecretRule[] = [
  anchoredRule({
    id: 'moolai-api-key',
    keywords: [API_KEY_PREFIX],
    pattern: MOOLAI_KEY,
    score: 0.99,
    priority: 3,
    // A holding checksum makes it near certain to be a real key. A look-alike (a made-up example, a typo) cannot
    // authenticate here, so this rule leaves it to the context-based rules, which judge it like any random string.
    check: (s) => checksumValid(s),
    // The listing prefix, not a secret, so an admin can tell which key leaked and revoke it.
    mask: (s) => `${displayPrefix(s)}${'*'.repeat(24)}`,
  }),
  anchoredRule({ id: 'openai-api-key', keywords: ['sk-'], pattern: OPENAI_MARKED, score: 0.97, priority: 3 }),
  tokenRule({
    id: 'openai-api-key',
    prefix: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    body: '[A-Za-z0-9_-]{100,200}',
    score: 0.85,
    minEntropy: 4,
  }),
  // Pre-2023 keys: sk- and 48 alphanumerics.
  tokenRule({ id: 'openai-api-key', prefix: 'sk-', body: '[A-Za-z0-9]{48}', score: 0.75, minEntropy: 4 }),
  anchoredRule({
    id: 'anthropic-api-key',
    types: ['anthropic-api-key', 'anthropic-admin-api-key'],
    keywords: ['sk-ant-'],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|sid|oat|ort)\d{2}-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/y,
    score: 0.97,
    priority: 3,
    typeOf: (s) => (s.startsWith('sk-ant-admin') ? 'anthropic-admin-api-key' : 'anthropic-api-key'),
  }),
  tokenRule({ id: 'huggingface-token', prefix: ['hf_', 'api_org_'], body: '[A-Za-z]{34}', minEntropy: 3.5 }),
  tokenRule({ id: 'perplexity-api-key', prefix: 'pplx-', body: '[A-Za-z0-9]{48}', minEntropy: 3.5 }),
  tokenRule({ id: 'groq-api-key', prefix: 'gsk_', body: '[A-Za-z0-9]{52}', minEntropy: 3.5 }),
  tokenRule({ id: 'xai-api-key', prefix: 'xai-', body: '[A-Za-z0-9]{80}', minEntropy: 3.5 }),
  tokenRule({ id: 'replicate-api-token', prefix: 'r8_', body: '[A-Za-z0-9]{37}', minEntropy: 3.5 }),
  tokenRule({ id: 'openrouter-api-key', prefix: 'sk-or-v1-', body: '[a-f0-9]{64}' }),
  tokenRule({ id: 'langsmith-api-key', prefix: ['lsv2_pt_', 'lsv2_sk_'], body: '[a-f0-9]{32}_[a-f0-9]{10}' }),
];
