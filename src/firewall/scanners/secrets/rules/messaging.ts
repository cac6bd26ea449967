import { anchoredRule } from '../regex-rule.js';
import { HEX, prefixWithEach, tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

function digitsBefore(text: string, hit: number): number {
  let i = hit;
  while (i > 0 && hit - i < 12) {
    const c = text.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  return i;
}

export const messagingRules: readonly SecretRule[] = [
  tokenRule({ id: 'twilio-api-key', prefix: 'SK', keywords: prefixWithEach('sk', HEX), body: '[0-9a-fA-F]{32}', minEntropy: 3 }),
  tokenRule({
    id: 'sendgrid-api-token',
    prefix: 'SG.',
    body: '[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{40,50}',
    score: 0.95,
    priority: 3,
    minEntropy: 4,
  }),
  tokenRule({ id: 'brevo-api-key', prefix: ['xkeysib-', 'xsmtpsib-'], body: '[a-f0-9]{64}-[A-Za-z0-9]{16}' }),
  anchoredRule({
    id: 'mailchimp-api-key',
    keywords: ['-us'],
    offset: 32,
    pattern: /(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/y,
    score: 0.85,
    minEntropy: 3,
  }),
  anchoredRule({
    id: 'telegram-bot-token',
    keywords: [':aa'],
    start: digitsBefore,
    pattern: /(?<![A-Za-z0-9_:])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y,
    score: 0.9,
    minEntropy: 3.5,
  }),
  anchoredRule({
    id: 'discord-webhook-url',
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,70}/y,
    score: 0.92,
  }),
  anchoredRule({
    id: 'microsoft-teams-webhook',
    keywords: ['webhook.office.com/'],
    pattern: /webhook\.office\.com\/webhookb2\/[A-Za-z0-9-]{36}@[A-Za-z0-9-]{36}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[A-Za-z0-9-]{36}/y,
    score: 0.9,
  }),
];
