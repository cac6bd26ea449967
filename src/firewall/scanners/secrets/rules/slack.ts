import { isPlaceholder } from '../placeholders.js';
import { anchoredRule } from '../regex-rule.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

function lastSegmentIsReal(s: string): boolean {
  const tail = s.slice(s.lastIndexOf('-') + 1);
  return !isPlaceholder(tail);
}

const LEGACY_TYPES: Readonly<Record<string, string>> = { b: 'slack-bot-token', p: 'slack-user-token' };

export const slackRules: readonly SecretRule[] = [
  anchoredRule({
    id: 'slack-token',
    types: ['slack-token', 'slack-bot-token', 'slack-user-token'],
    keywords: ['xoxa-', 'xoxb-', 'xoxo-', 'xoxp-', 'xoxr-', 'xoxs-'],
    // Workspace id, one or two more numeric ids, then the random part.
    pattern: /(?<![A-Za-z0-9_.-])xox[abposr]-(?:\d-)?\d{6,14}(?:-\d{6,14}){0,2}-[A-Za-z0-9]{8,64}(?![A-Za-z0-9_-])/y,
    score: 0.92,
    priority: 3,
    check: (s) => lastSegmentIsReal(s),
    typeOf: (s) => LEGACY_TYPES[s.charAt(3)] ?? 'slack-token',
  }),
  tokenRule({
    id: 'slack-app-token',
    prefix: 'xapp-',
    body: '\\d-[A-Z0-9]{8,14}-\\d{8,16}-[a-z0-9]{40,80}',
    score: 0.95,
    priority: 3,
  }),
  tokenRule({
    id: 'slack-config-token',
    prefix: ['xoxe.xoxb-', 'xoxe.xoxp-', 'xoxe-'],
    keywords: ['xoxe'],
    body: '\\d-[A-Za-z0-9]{100,200}',
    score: 0.92,
    priority: 3,
    minEntropy: 4,
  }),
  anchoredRule({
    id: 'slack-webhook-url',
    keywords: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,200}/y,
    score: 0.92,
    minEntropy: 3.5,
  }),
];
