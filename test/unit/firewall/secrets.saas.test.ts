import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, HEX, DIGITS, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const secretsOf = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('secrets scanner: Slack', () => {
  const bot = 'xoxb-' + random(DIGITS, 12, 1) + '-' + random(DIGITS, 13, 2) + '-' + random(ALNUM, 24, 3);
  const user = 'xoxp-' + random(DIGITS, 11, 4) + '-' + random(DIGITS, 11, 5) + '-' + random(DIGITS, 11, 6) + '-' + random(HEX, 32, 7);

  it('finds bot, user and app tokens and webhooks', () => {
    expect(types(`SLACK_BOT_TOKEN=${bot}`)).toEqual(['slack-bot-token']);
    expect(types(`"token": "${user}"`)).toEqual(['slack-user-token']);
    const app = 'xapp-1-' + random('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 11, 8) + '-' + random(DIGITS, 13, 9) + '-' + random(HEX, 64, 10);
    expect(types(app)).toEqual(['slack-app-token']);
    const hook = `https://hooks.slack.com/services/T${random(ALNUM, 8, 11)}/B${random(ALNUM, 8, 12)}/${random(ALNUM, 24, 13)}`;
    expect(types(`post to ${hook} please`)).toEqual(['slack-webhook-url']);
  });

  it('ignores short or placeholder tokens and lookalike words', () => {
    expect(types('xoxb-' + random(DIGITS, 5, 14) + '-' + random(ALNUM, 7, 15))).toEqual([]);
    expect(types('xoxb-' + 'x'.repeat(9) + '-' + 'x'.repeat(10))).toEqual([]);
    expect(types('xoxp-' + random(DIGITS, 12, 16) + '-' + random(DIGITS, 12, 17) + '-####')).toEqual([]);
    expect(types('hugs and kisses, xoxo-forever')).toEqual([]);
  });
});

describe('secrets scanner: Stripe', () => {
  it.each(['sk_live_', 'rk_live_', 'sk_test_'])('finds %s keys', (prefix) => {
    expect(types(`Stripe.apiKey = "${prefix}${random(ALNUM, 24, prefix.length)}";`)).toEqual(['stripe-secret-key']);
  });

  it('ignores publishable keys, embedded words and bare prefixes', () => {
    expect(types('pk_live_' + random(ALNUM, 24, 18))).toEqual([]);
    expect(types('task_test_' + random(ALNUM, 24, 19))).toEqual([]);
    expect(types('sk_live_')).toEqual([]);
  });
});

describe('secrets scanner: OpenAI and Anthropic', () => {
  it('finds OpenAI keys carrying the T3BlbkFJ marker, project keys and legacy keys', () => {
    const marked = 'sk-proj-' + random(ALNUM + '_-', 74, 20) + 'T3Blbk' + 'FJ' + random(ALNUM + '_-', 74, 21);
    expect(types(`OPENAI_API_KEY=${marked}`)).toEqual(['openai-api-key']);
    expect(types('sk-' + random(ALNUM, 20, 22) + 'T3Blbk' + 'FJ' + random(ALNUM, 20, 23))).toEqual(['openai-api-key']);
    expect(types(`client = OpenAI(api_key="sk-${random(ALNUM, 48, 24)}")`)).toEqual(['openai-api-key']);
  });

  it('finds Anthropic API and admin keys', () => {
    const body = random(ALNUM + '_-', 93, 25) + 'AA';
    expect(types(`x-api-key: sk-ant-api03-${body}`)).toEqual(['anthropic-api-key']);
    expect(types(`sk-ant-admin01-${body}`)).toEqual(['anthropic-admin-api-key']);
  });

  it('ignores wrong lengths, wrong suffixes and prose with sk-', () => {
    expect(types('sk-ant-api03-' + random(ALNUM, 60, 26) + 'AA')).toEqual([]);
    expect(types('sk-ant-api03-' + random(ALNUM, 93, 27) + 'BB')).toEqual([]);
    expect(types('the task-based sk-learn pipeline')).toEqual([]);
    expect(types('sk-' + random(ALNUM, 30, 28))).toEqual([]);
  });
});

describe('secrets scanner: Twilio and SendGrid', () => {
  it('finds Twilio API key SIDs', () => {
    expect(types(`twilio key ${'SK' + random(HEX, 32, 29)}`)).toEqual(['twilio-api-key']);
  });

  it('finds SendGrid keys', () => {
    const key = 'SG.' + random(ALNUM + '_-', 22, 30) + '.' + random(ALNUM + '_-', 43, 31);
    expect(types(`SENDGRID_API_KEY='${key}'`)).toEqual(['sendgrid-api-token']);
  });

  it('ignores placeholders and broken shapes', () => {
    expect(types('SK' + 'x'.repeat(32))).toEqual([]);
    expect(types('SG.' + random(ALNUM, 22, 32) + '..' + random(ALNUM, 43, 33))).toEqual([]);
    expect(types('AG.' + random(ALNUM, 22, 34) + '.' + random(ALNUM, 43, 35))).toEqual([]);
  });
});

describe('secrets scanner: Twilio account SID with its auth token', () => {
  const sid = 'AC' + random(HEX, 32, 40);
  const authToken = random(HEX, 32, 41);

  it.each([
    ['an env file', `TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${authToken}\nTWILIO_FROM=+15005550006`],
    ['an env file, token first', `TWILIO_AUTH_TOKEN="${authToken}"\nTWILIO_ACCOUNT_SID="${sid}"`],
    ['the Python client', `from twilio.rest import Client\nclient = Client("${sid}", "${authToken}")`],
    ['variables before the client', `account_sid = '${sid}'\nauth_token = '${authToken}'\nclient = Client(account_sid, auth_token)`],
    ['the Node client', `const client = require('twilio')('${sid}', '${authToken}');`],
  ])('reports the token in %s', (_form, text) => {
    const findings = scanner.scan(text);
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['twilio-auth-token', authToken]]);
  });

  it('reports the token of curl basic auth once, not the SID in the path', () => {
    const text =
      `curl -X POST https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json \\\n` +
      `  --data-urlencode "Body=Hi" -u ${sid}:${authToken}`;
    expect(scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['twilio-auth-token', authToken]]);
  });

  it('does not report an SID alone, or with something that is not its token', () => {
    expect(types(`TWILIO_ACCOUNT_SID=${sid}`)).toEqual([]);
    expect(types(`Account ${sid} sent message SM${random(HEX, 32, 42)} to +15005550006`)).toEqual([]);
    expect(types(`client = Client("${sid}", "${authToken.toUpperCase()}")`)).toEqual([]);
    expect(types(`client = Client("${sid}", "${authToken.slice(0, 30)}")`)).toEqual([]);
    expect(types(`client = Client("${sid}", "${'0123456789abcdef'.repeat(2)}")`)).toEqual([]);
    expect(types(`client = Client("${sid}", "${'a'.repeat(32)}")`)).toEqual([]);
    expect(types(`sid ${sid}\n${'lorem ipsum dolor sit amet '.repeat(15)}\nchecksum ${authToken}`)).toEqual([]);
  });
});

describe('secrets scanner: Discord bot tokens', () => {
  const B64URL = ALNUM + '-_';
  const idOf = (seed: number): string => '1' + random(DIGITS, 18, seed);
  const tokenOf = (id: string, seed: number, hmacLength = 38): string =>
    Buffer.from(id).toString('base64url') + '.' + 'G' + random(B64URL, 5, seed) + '.' + random(B64URL, hmacLength, seed + 1);
  const token = tokenOf(idOf(50), 51);

  it('finds current and older tokens, bare and in Bot headers, code and env files', () => {
    expect(secretsOf(`DISCORD_TOKEN=${token}`)).toEqual([token]);
    expect(types(`client.run('${token}')`)).toEqual(['discord-bot-token']);
    expect(types(`curl -H "Authorization: Bot ${token}" https://discord.com/api/v10/users/@me`)).toEqual(['discord-bot-token']);
    expect(types(`here is my bot token ${token}, why does it say 401?`)).toEqual(['discord-bot-token']);
    const old = tokenOf(random('123456789', 1, 52) + random(DIGITS, 17, 53), 54, 27); // 18-digit id, 27-char HMAC
    expect(secretsOf(`token: ${old}`)).toEqual([old]);
    const early = tokenOf('8' + random(DIGITS, 16, 55), 56, 27); // 17-digit id, starts with O
    expect(secretsOf(early)).toEqual([early]);
  });

  it('finds the documented shape', () => {
    const t = 'MTE2NTQ4NzkwMTIzNDU2Nzg5MA.GxYz12.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';
    expect(types(`bot.run("${t}")`)).toEqual(['discord-bot-token']);
  });

  it('ignores lookalikes whose first part is not an encoded id, and broken or placeholder parts', () => {
    const [first, mid, hmac] = token.split('.') as [string, string, string];
    expect(types(`M${random(ALNUM, 23, 57)}.${mid}.${hmac}`)).toEqual([]);
    expect(types(`${Buffer.from('12345678901234567x').toString('base64url')}.${mid}.${hmac}`)).toEqual([]);
    expect(types(`${first}.${mid.slice(1)}.${hmac}`)).toEqual([]);
    expect(types(`${first}.${mid}.${hmac.slice(0, 20)}`)).toEqual([]);
    expect(types(`${first}.${mid}.${'x'.repeat(38)}`)).toEqual([]);
    expect(types(`${first}.${mid}.${hmac}${random(ALNUM, 10, 58)}`)).toEqual([]);
    expect(types(`user id ${first} decoded`)).toEqual([]);
  });

  it('finds webhook URLs', () => {
    const hook = `https://discord.com/api/webhooks/${idOf(59)}/${random(B64URL, 68, 60)}`;
    expect(types(`curl -X POST -d '{"content":"hi"}' ${hook}`)).toEqual(['discord-webhook-url']);
  });
});
