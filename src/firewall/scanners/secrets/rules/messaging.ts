import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { anchoredRule } from '../regex-rule.js';
import { HEX, prefixWithEach, tokenRule } from '../token-rule.js';
import type { RawMatch, SecretRule } from '../types.js';

/**
 * Discord bot tokens are three base64url parts: the bot's user id (a 17–20 digit snowflake, as text), a timestamp
 * and an HMAC. Base64 of three digits is four characters (MTE2 = "116"), so the 900 encodings of 100…999 are the
 * keywords, and the first part must decode to the digits of an id, which no random string does by chance.
 */
const SNOWFLAKE_PREFIXES = [
  ...new Set(Array.from({ length: 900 }, (_, i) => Buffer.from(String(100 + i)).toString('base64').toLowerCase())),
];

function isEncodedSnowflake(part: string): boolean {
  const id = Buffer.from(part, 'base64').toString('latin1');
  return /^[1-9]\d{16,19}$/.test(id) && part.length === Math.ceil((id.length * 4) / 3);
}

function discordTokenLooksReal(token: string): boolean {
  const first = token.indexOf('.');
  const last = token.lastIndexOf('.');
  return isEncodedSnowflake(token.slice(0, first)) && shannonEntropy(token.slice(last + 1)) >= 3.5;
}

/**
 * Telegram bot tokens: the bot's numeric id, ":", and 35 base64url characters that in practice always start with
 * "AA" (gitleaks: [0-9]{5,16}:A[a-zA-Z0-9_-]{34} near "telegram"). With "AA" the shape stands on its own, also
 * right after the "/bot" of Bot API URLs (api.telegram.org/bot<token>/getMe); with a single "A" it needs
 * "telegram" or "tgram://" just before it.
 */
const TELEGRAM_TOKEN = /(?:(?<=\/bot)|(?<![A-Za-z0-9_:-]))\d{5,16}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y;
const TELEGRAM_TOKEN_NEAR_NAME = /(?:(?<=\/bot)|(?<![A-Za-z0-9_:-]))\d{5,16}:A[A-Za-z0-9_-]{34}(?![A-Za-z0-9_-])/g;
/** How far after "telegram" the token may start: telegram_bot_token = "…", "telegram bot: …". */
const TELEGRAM_REACH = 48;

function telegramTokenLooksReal(token: string): boolean {
  return shannonEntropy(token) >= 3.5 && !isPlaceholder(token);
}

const telegramBotTokenRule: SecretRule = {
  id: 'telegram-bot-token',
  keywords: [':aa', 'telegram', 'tgram'],
  priority: 2,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let lastEnd = -1;
    const push = (start: number, end: number): void => {
      if (start < lastEnd || !telegramTokenLooksReal(text.slice(start, end))) return;
      out.push({ start, end, score: 0.9 });
      lastEnd = end;
    };
    for (const hit of hits) {
      if (text.charCodeAt(hit) === 58) {
        let s = hit;
        while (s > 0 && hit - s < 16 && text.charCodeAt(s - 1) >= 48 && text.charCodeAt(s - 1) <= 57) s--;
        TELEGRAM_TOKEN.lastIndex = s;
        const m = TELEGRAM_TOKEN.exec(text);
        if (m !== null) push(s, s + m[0].length);
        continue;
      }
      // The window reaches one character further each side so the look-arounds see the token's borders.
      const from = Math.max(hit, lastEnd);
      const lo = Math.max(0, from - 1);
      const window = text.slice(lo, Math.min(text.length, hit + TELEGRAM_REACH + 52 + 1));
      TELEGRAM_TOKEN_NEAR_NAME.lastIndex = 0;
      for (let m = TELEGRAM_TOKEN_NEAR_NAME.exec(window); m !== null; m = TELEGRAM_TOKEN_NEAR_NAME.exec(window)) {
        const start = lo + m.index;
        if (start < from || start > hit + TELEGRAM_REACH) continue;
        push(start, start + m[0].length);
        break;
      }
    }
    return out;
  },
};

/** A Twilio account SID (AC + 32 hex) names an account; its auth token (32 hex) nearby is the secret. */
const TWILIO_SID = /(?<![A-Za-z0-9_-])AC[0-9a-f]{32}(?![A-Za-z0-9_-])/y;
const HEX32 = /(?<![A-Za-z0-9_-])[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
/** How far from the SID the token may stand: the next lines of an env file, the other argument of Client(…). */
const TWILIO_REACH = 320;

function authTokenLooksReal(s: string): boolean {
  return /[a-f]/.test(s) && /\d/.test(s) && shannonEntropy(s) >= 3 && !isPlaceholder(s);
}

const twilioAuthTokenRule: SecretRule = {
  id: 'twilio-auth-token',
  keywords: prefixWithEach('ac', HEX),
  priority: 2,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    // Windows of neighbouring SIDs overlap; text before `searched` has been searched already.
    let searched = 0;
    for (const hit of hits) {
      if (text.charCodeAt(hit) !== 65 || text.charCodeAt(hit + 1) !== 67) continue;
      TWILIO_SID.lastIndex = hit;
      if (!TWILIO_SID.test(text)) continue;
      const from = Math.max(searched, hit - TWILIO_REACH);
      const to = Math.min(text.length, hit + 34 + TWILIO_REACH);
      if (to <= from) continue;
      searched = to;
      // Tokens that start in [from, to); one character more either side so the look-arounds see their borders.
      const lo = Math.max(0, from - 1);
      const window = text.slice(lo, Math.min(text.length, to + 33));
      HEX32.lastIndex = 0;
      for (let m = HEX32.exec(window); m !== null; m = HEX32.exec(window)) {
        const start = lo + m.index;
        if (start < from || start >= to) continue;
        if (authTokenLooksReal(m[0])) out.push({ start, end: start + 32, score: 0.9 });
      }
    }
    return out;
  },
};

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
  telegramBotTokenRule,
  anchoredRule({
    id: 'discord-bot-token',
    keywords: SNOWFLAKE_PREFIXES,
    pattern: /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9]{22,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/y,
    score: 0.95,
    priority: 3,
    check: discordTokenLooksReal,
  }),
  twilioAuthTokenRule,
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
