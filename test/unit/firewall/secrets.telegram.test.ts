import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, DIGITS, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const found = (text: string): [string, string][] => scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);

const B64URL = ALNUM + '_-';
const botId = '3' + random(DIGITS, 9, 51);
const token = `${botId}:AA${random(B64URL, 33, 52)}`;
/** Older and generated tokens whose secret part starts with a single "A". */
const singleA = `${random(DIGITS, 8, 53)}:Ab${random(B64URL, 33, 54)}`;

describe('secrets scanner: Telegram bot tokens', () => {
  it.each([
    ['inside a Bot API URL', `https://api.telegram.org/bot${token}/getWebhookInfo shows last_error_message`],
    ['in a curl command', `curl -s "https://api.telegram.org/bot${token}/sendMessage?chat_id=42&text=hi"`],
    ['in an env file', `TELEGRAM_TOKEN=${token}`],
    ['as a bare argument', `bot = telebot.TeleBot("${token}")`],
    ['in YAML', `telegram:\n  bot_token: '${token}'`],
    ['in prose', `here is the token ${token} for the staging bot`],
    ['in an apprise URL', `tgram://${token}/-1001234567`],
  ])('finds a token %s', (_form, text) => {
    expect(found(text)).toEqual([['telegram-bot-token', token]]);
  });

  it.each([
    ['after "telegram" in prose', `telegram bot: ${singleA}`],
    ['under a telegram key', `telegram_api_token = "${singleA}"`],
    ['in an apprise URL', `tgram://${singleA}/`],
  ])('finds a token with a single "A" %s', (_form, text) => {
    expect(found(text)).toEqual([['telegram-bot-token', singleA]]);
  });

  it.each([
    ['the Bot API documentation example', 'https://api.telegram.org/bot123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11/getMe'],
    ['a placeholder in the URL', 'https://api.telegram.org/bot<token>/getMe'],
    ['an env reference', 'https://api.telegram.org/bot${TELEGRAM_TOKEN}/getMe'],
    ['a single-"A" shape with no telegram nearby', `id ${singleA}`],
    ['a repeated body', `${botId}:AA${'A'.repeat(33)}`],
    ['a token glued to a word', `x${token}`],
    ['a token running on', `${token}x`],
    ['a clock time before', `12:34:AA${random(B64URL, 33, 55)}`],
    ['a four-digit id', `telegram_api_token = "1786:A${random(B64URL, 34, 56)}"`],
    ['a seventeen-digit id', `telegram_api_token = "${random(DIGITS, 17, 57)}:A${random(B64URL, 34, 58)}"`.replace('"0', '"1')],
  ])('ignores %s', (_form, text) => {
    expect(types(text).filter((t) => t === 'telegram-bot-token')).toEqual([]);
  });
});
