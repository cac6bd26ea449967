/**
 * The firewall policy end to end: every action (block, redact, log, off) and the threshold of a finding type change
 * what the provider sees and what the client gets, through the OpenAI API; the admin API validates and is for
 * admins only; a change reaches a second instance through Redis alone.
 */
import { eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { firewallEvents } from '../../src/storage/orchestrator/schema.js';
import { testConfig } from '../helpers/config.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

let gw: Gateway;
let client: OpenAI;
let admin: string;
let developer: string;

beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  developer = await gw.login('dinakar_developer');
  admin = await gw.login('gabriella_admin');
  client = new OpenAI({ apiKey: developer, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());
beforeEach(async () => {
  const res = await gw.app.inject({ method: 'DELETE', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${admin}` } });
  expect(res.statusCode).toBe(200);
});

const setPolicy = async (payload: object, token = admin) => gw.app.inject({ method: 'PATCH', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${token}` }, payload });
const getPolicy = async () => (await gw.app.inject({ method: 'GET', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${developer}` } })).json();
const upstreamSaw = () => {
  const calls = gw.openai.calls.filter((c) => c.path === '/v1/chat/completions');
  return (calls.at(-1)!.body.messages as { content: string }[])[0]!.content;
};
/** Sends one user message; returns what the client got (status, answer text, request id). */
async function ask(content: string): Promise<{ status: number; text: string; requestId: string; message: string }> {
  try {
    const { data, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }).withResponse();
    return { status: 200, text: data.choices[0]!.message.content ?? '', requestId: response.headers.get('x-request-id')!, message: '' };
  } catch (err) {
    const e = err as InstanceType<typeof OpenAI.APIError>;
    return { status: e.status ?? 0, text: '', requestId: e.headers?.get('x-request-id') ?? '', message: e.message };
  }
}
const eventsFor = async (requestId: string) => {
  await gw.app.firewall.events.flush();
  return gw.app.dbs.orchestrator.db.select().from(firewallEvents).where(eq(firewallEvents.requestId, requestId));
};

const EMAIL = 'Please forward the contract to olga.petrenko@northwind-logistics.com before Friday.';

describe('defaults', () => {
  it('identifiers and contact data block; URL, IP, MAC and dates only log; untargeted profanity logs; public figures are allowed', async () => {
    const p = await getPolicy();
    const action = (scanner: string, type: string) => p[scanner].find((r: { type: string }) => r.type === type)?.action;
    expect(['CREDIT_CARD', 'US_SSN', 'IBAN_CODE', 'PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER'].map((t) => action('pii', t))).toEqual(Array(6).fill('block'));
    expect(['URL', 'IP_ADDRESS', 'MAC_ADDRESS', 'DATE_TIME'].map((t) => action('pii', t))).toEqual(Array(4).fill('log'));
    expect(action('secrets', '*')).toBe('block');
    expect(action('toxicity', 'obscenity')).toBe('log');
    expect(['insult', 'threat', 'identity_attack', 'self_harm', 'sexual'].map((t) => action('toxicity', t))).toEqual(Array(5).fill('block'));
    expect(p.public_figures).toBe('allow');
    expect(p.secret_kinds.length).toBeGreaterThan(50);
  });

  it('a URL is only logged: the prompt goes upstream as written, and the event names it with its action', async () => {
    const content = 'The docs at https://docs.python.org/3/library/asyncio.html say gather() returns a list. Why?';
    const r = await ask(content);
    expect(r.status).toBe(200);
    expect(upstreamSaw()).toBe(content);
    const [event] = await eventsFor(r.requestId);
    expect(event!.decision).toBe('allow');
    expect(event!.findings).toEqual([expect.objectContaining({ scanner: 'pii', type: 'URL', action: 'log' })]);
  });
});

describe('each action, end to end', () => {
  it('block: 403 naming the type, and the provider is never called', async () => {
    const before = gw.openai.calls.length;
    const r = await ask(EMAIL);
    expect(r.status).toBe(403);
    expect(r.message).toMatch(/EMAIL_ADDRESS/);
    expect(r.message).not.toContain('olga.petrenko');
    expect(gw.openai.calls.length).toBe(before);
  });

  it('redact: the provider sees a placeholder, the client gets its value back', async () => {
    expect((await setPolicy({ pii: { EMAIL_ADDRESS: { action: 'redact' } } })).statusCode).toBe(200);
    const r = await ask(EMAIL);
    expect(r.status).toBe(200);
    expect(upstreamSaw()).toBe('Please forward the contract to <EMAIL_ADDRESS_1> before Friday.');
    expect(r.text).toContain('olga.petrenko@northwind-logistics.com');
  });

  it('log: the prompt goes through untouched and the finding is recorded with its action', async () => {
    await setPolicy({ pii: { EMAIL_ADDRESS: { action: 'log' } } });
    const r = await ask(EMAIL);
    expect(r.status).toBe(200);
    expect(upstreamSaw()).toBe(EMAIL);
    const [event] = await eventsFor(r.requestId);
    expect(event!.findings).toEqual([expect.objectContaining({ type: 'EMAIL_ADDRESS', action: 'log' })]);
    expect(JSON.stringify(event)).not.toContain('olga.petrenko');
  });

  it('off: the type is not looked at', async () => {
    await setPolicy({ pii: { EMAIL_ADDRESS: { action: 'off' } } });
    const r = await ask(EMAIL);
    expect(r.status).toBe(200);
    const [event] = await eventsFor(r.requestId);
    expect(event!.findings).toEqual([]);
  });

  it('a log-only type can be made to block', async () => {
    await setPolicy({ pii: { URL: { action: 'block' } } });
    expect((await ask('see https://docs.python.org/3/ please')).status).toBe(403);
  });

  it('threshold: findings scoring under a type\'s threshold are dropped', async () => {
    const content = 'you are a worthless idiot';
    const scan = async () => (await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/scan/toxicity', payload: { content } })).json();
    const { findings } = await scan();
    expect(findings.length).toBeGreaterThan(0);
    expect(Math.max(...findings.map((f: { score: number }) => f.score))).toBeLessThan(1);
    await setPolicy({ toxicity: { insult: { threshold: 1 } } });
    expect(await scan()).toMatchObject({ allowed: true, findings: [] });
    expect((await ask(content)).status).toBe(200);
  });

  it('secrets: one kind can be relaxed while every other kind still blocks', async () => {
    const token = 'ghp_R8kq2Vx7Lm4Tz9Pw1Ns3Bd6Hf0Jc5Yg2Ea8Q';
    const scan = (await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/scan/secrets', payload: { content: `GITHUB_TOKEN=${token}` } })).json();
    const kind = scan.findings[0].type as string;
    await setPolicy({ secrets: { [kind]: { action: 'log' } } });
    expect((await ask(`why does git push fail with GITHUB_TOKEN=${token}`)).status).toBe(200);
    expect((await ask('my key is AKIA4HX7R2LMQ9ZT6KWB with secret q8Vr2+Lm4Tz9Kx1Pw7Ns3Bd6Hf0Jc5Yg2Ea8Ui4o')).status).toBe(403);
    await setPolicy({ secrets: { '*': { action: 'redact' } } });
    const r = await ask('aws_secret_access_key = q8Vr2+Lm4Tz9Kx1Pw7Ns3Bd6Hf0Jc5Yg2Ea8Ui4o, what region?');
    expect(r.status).toBe(200);
    expect(upstreamSaw()).not.toContain('q8Vr2+Lm4Tz9Kx1Pw7Ns3Bd6Hf0Jc5Yg2Ea8Ui4o');
  });

  it('toxicity: a category can be set to log', async () => {
    expect((await ask('you are a worthless idiot')).status).toBe(403);
    await setPolicy({ toxicity: { insult: { action: 'log' } } });
    expect((await ask('you are a worthless idiot')).status).toBe(200);
  });

  it('public figures: a well-known person is logged by default and blocks when the switch says flag', async () => {
    const content = 'What did Marie Curie discover, and why did she win two Nobel Prizes?';
    const scan = async () => (await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/scan/comprehensive', payload: { content } })).json();
    const allowed = await scan();
    expect(allowed.decision).toBe('allow');
    expect(allowed.findings).toEqual([expect.objectContaining({ type: 'PERSON', public_figure: true, action: 'log' })]);
    expect((await ask(content)).status).toBe(200);
    await setPolicy({ public_figures: 'flag' });
    expect(await scan()).toMatchObject({ decision: 'block', findings: [expect.objectContaining({ type: 'PERSON', action: 'block' })] });
    expect((await ask(content)).status).toBe(403);
  });

  it('null returns a type to its default', async () => {
    await setPolicy({ pii: { EMAIL_ADDRESS: { action: 'log' } } });
    const p = (await setPolicy({ pii: { EMAIL_ADDRESS: null } })).json();
    expect(p.pii.find((r: { type: string }) => r.type === 'EMAIL_ADDRESS')).toMatchObject({ action: 'block', overridden: false });
    expect((await ask(EMAIL)).status).toBe(403);
  });
});

describe('the admin API', () => {
  it('names what is wrong in a bad change, and changes nothing', async () => {
    const before = (await getPolicy()).version;
    const unknown = await setPolicy({ pii: { PASSPORT_NUMBER: { action: 'block' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/body\.pii\.PASSPORT_NUMBER/);
    const action = await setPolicy({ pii: { URL: { action: 'warn' } } });
    expect(action.statusCode).toBe(400);
    expect(action.json().error.message).toMatch(/action/);
    const threshold = await setPolicy({ toxicity: { insult: { threshold: 0.1 } } });
    expect(threshold.statusCode).toBe(400);
    expect(threshold.json().error.message).toMatch(/body\.toxicity\.insult\.threshold/);
    expect((await getPolicy()).version).toBe(before);
  });

  it('is for admins: a developer may read the policy but not change it', async () => {
    expect((await setPolicy({ pii: { URL: { action: 'off' } } }, developer)).statusCode).toBe(403);
    const p = await getPolicy();
    expect(p.pii.find((r: { type: string }) => r.type === 'URL').action).toBe('log');
  });

  it('records who changed it', async () => {
    const p = (await setPolicy({ public_figures: 'flag' })).json();
    expect(p).toMatchObject({ public_figures: 'flag', updated_by: 'gabriella_admin' });
    expect(p.version).toBeGreaterThan(0);
  });
});

describe('two instances', () => {
  it('a change made through instance A is enforced by instance B through Redis (its periodic reload is an hour away)', async () => {
    const b = await buildApp(
      testConfig({ ORCHESTRATOR_DATABASE_URL: gw.db.url, MONITORING_DATABASE_URL: gw.db.url, REDIS_URL: gw.config.redis.url, REDIS_KEY_PREFIX: gw.config.redis.keyPrefix, OPENAI_BASE_URL: gw.openai.baseURL, FIREWALL_RULES_RELOAD_S: '3600' }),
      { logger: false },
    );
    try {
      await b.ready();
      const scanB = async () => (await b.inject({ method: 'POST', url: '/api/v1/firewall/scan/comprehensive', payload: { content: 'see https://docs.python.org/3/ please' } })).json().allowed as boolean;
      expect(await scanB()).toBe(true);
      await setPolicy({ pii: { URL: { action: 'block' } } });
      await waitFor(async () => (await scanB()) === false, 'the policy change on instance B');
      await setPolicy({ pii: { URL: null } });
      await waitFor(async () => (await scanB()) === true, 'the policy reverted on instance B');
    } finally {
      await b.close();
    }
  });
});

describe('FIREWALL_POLICY', () => {
  it('is the starting configuration, which a reset returns to', async () => {
    const other = await startGateway({ FIREWALL_POLICY: 'URL=block, toxicity.obscenity=block, PERSON=redact@0.7', FIREWALL_PUBLIC_FIGURES: 'flag' });
    try {
      const token = await other.login('dinakar_developer');
      const p = (await other.app.inject({ method: 'GET', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${token}` } })).json();
      const row = (type: string, scanner = 'pii') => p[scanner].find((r: { type: string }) => r.type === type);
      expect(row('URL')).toMatchObject({ action: 'block', default_action: 'block', overridden: false });
      expect(row('PERSON')).toMatchObject({ action: 'redact', threshold: 0.7 });
      expect(row('obscenity', 'toxicity')).toMatchObject({ action: 'block' });
      expect(p.public_figures).toBe('flag');
    } finally {
      await other.close();
    }
  });
});
