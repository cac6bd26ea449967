import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/config.js';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const ask = (prompt: string, extra: object = {}) => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt, cache: false, ...extra } });
const addRule = async (body: object) => (await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/rules', payload: body })).json().id as string;
const delRule = (id: string) => gw.app.inject({ method: 'DELETE', url: `/api/v1/firewall/rules/${id}` });

describe('firewall in the LLM pipeline', () => {
  it('blocks PII and secrets with 403 FIREWALL_BLOCKED and reasons, never the secret; nothing reaches upstream', async () => {
    const calls = gw.openai.calls.length;
    const pii = await ask('My SSN is 123-45-6789');
    expect(pii.statusCode).toBe(403);
    expect(pii.json().error.code).toBe('FIREWALL_BLOCKED');
    expect(pii.json().error.details.reasons.join(' ')).toMatch(/US_SSN/);
    const secret = await ask('deploy with AWS_KEY=AKIA1234567890 please');
    expect(secret.statusCode).toBe(403);
    expect(secret.body).not.toContain('AKIA1234567890');
    const openai = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'My SSN is 123-45-6789' }] } });
    expect(openai.statusCode).toBe(403);
    expect(openai.json().error.code).toBe('firewall_blocked');
    expect(gw.openai.calls.length).toBe(calls);
  });

  it('block rule, allowlist mode and back to blocklist-only', async () => {
    const block = await addRule({ rule_type: 'block', pattern: 'confidential', description: 'Block confidential content' });
    const blocked = await ask('Summarise this CONFIDENTIAL memo');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details.reasons.join(' ')).toMatch(/Block confidential content/);

    const allow = await addRule({ rule_type: 'allow', pattern: 'weather', match_type: 'topic' });
    expect((await gw.app.inject({ url: '/api/v1/firewall/health' })).json().mode).toBe('allowlist');
    const joke = await ask('tell me a joke');
    expect(joke.statusCode).toBe(403);
    expect(joke.json().error.details.reasons.join(' ')).toMatch(/allowlist/);
    expect((await ask('weather in Paris')).statusCode).toBe(200);
    // Allowlist mode still applies block rules and scanners.
    expect((await ask('confidential weather report')).statusCode).toBe(403);

    await delRule(allow);
    expect((await ask('tell me a joke')).statusCode).toBe(200);
    await delRule(block);
    expect((await ask('Summarise this confidential memo')).statusCode).toBe(200);
  });

  it('records blocked and allowed decisions in firewall_events, without the raw values', async () => {
    await gw.app.firewall.events.flush();
    const blocked = (await gw.app.inject({ url: '/api/v1/firewall/events?decision=block&limit=100' })).json();
    const allowed = (await gw.app.inject({ url: '/api/v1/firewall/events?decision=allow&limit=100' })).json();
    expect(blocked.events.length).toBeGreaterThanOrEqual(4);
    expect(allowed.events.length).toBeGreaterThanOrEqual(3);
    expect(blocked.events.some((e: { source: string }) => e.source === 'openai')).toBe(true);
    expect(JSON.stringify(blocked)).not.toMatch(/123-45-6789|AKIA1234567890/);
    const page = (await gw.app.inject({ url: `/api/v1/firewall/events?limit=2` })).json();
    expect(page.events).toHaveLength(2);
    const next = (await gw.app.inject({ url: `/api/v1/firewall/events?limit=2&before=${page.next_before}` })).json();
    expect(next.events[0].id).toBeLessThan(page.events[1].id);
  });

  it('masks a secret leaking out of the model’s answer', async () => {
    gw.openai.script({ kind: 'answer', text: 'Sure, use GITHUB_TOKEN=ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5' + ' to push.' });
    const res = await ask('how do I push?');
    expect(res.statusCode).toBe(200);
    expect(res.json().response).not.toContain('aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5');
    expect(res.json().response).toMatch(/^Sure, use .* to push\.$/);
  });
});

describe('FIREWALL_BLOCK_ON_VIOLATION=false', () => {
  it('lets the request go on and logs the decision', async () => {
    const lenient = await startGateway({ FIREWALL_BLOCK_ON_VIOLATION: 'false' });
    try {
      const res = await lenient.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'My SSN is 123-45-6789' } });
      expect(res.statusCode).toBe(200);
      await lenient.app.firewall.events.flush();
      const ev = (await lenient.app.inject({ url: '/api/v1/firewall/events?decision=block' })).json().events;
      expect(ev[0].reasons.join(' ')).toMatch(/not enforced/);
    } finally {
      await lenient.close();
    }
  });
});

describe('FIREWALL_PII_ACTION=redact', () => {
  it('the upstream never sees the email; the user gets it back, streamed too', async () => {
    const r = await startGateway({ FIREWALL_PII_ACTION: 'redact' });
    try {
      const email = 'jane.doe@acme-mail.com';
      const res = await r.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `Write to ${email} about ${email}` } });
      expect(res.statusCode).toBe(200);
      const upstream = JSON.stringify(r.openai.calls.at(-1)!.body);
      expect(upstream).not.toContain(email);
      expect(upstream).toContain('<EMAIL_ADDRESS_1>');
      expect(res.json().response).toBe(`Echo: Write to ${email} about ${email}`);

      // Streamed: placeholders split across chunks are still restored.
      r.openai.script({ kind: 'answer', text: 'Mail <EMAIL_ADDRESS_1> now', chunks: 6 });
      const s = await r.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `ping ${email}`, stream: true, cache: false } });
      const text = parseSse(s.body).filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).delta).join('');
      expect(text).toBe(`Mail ${email} now`);
      expect(JSON.stringify(r.openai.calls.at(-1)!.body)).not.toContain(email);

      // A conversation's earlier answer holds the restored value: it is redacted again on its way upstream.
      const chat = await r.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'gpt-4o-mini', cache: false, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: `I will write to ${email}.` }, { role: 'user', content: 'thanks' }] },
      });
      expect(chat.statusCode).toBe(200);
      expect(JSON.stringify(r.openai.calls.at(-1)!.body)).not.toContain(email);
    } finally {
      await r.close();
    }
  });
});

describe('two instances', () => {
  it('a rule added through instance A is enforced by instance B through Redis (its periodic reload is an hour away)', async () => {
    const b = await buildApp(testConfig({ ORCHESTRATOR_DATABASE_URL: gw.db.url, MONITORING_DATABASE_URL: gw.db.url, REDIS_URL: gw.config.redis.url, REDIS_KEY_PREFIX: gw.config.redis.keyPrefix, OPENAI_BASE_URL: gw.openai.baseURL, FIREWALL_RULES_RELOAD_S: '3600' }), { logger: false });
    try {
      await b.ready();
      const scanB = async () => (await b.inject({ method: 'POST', url: '/api/v1/firewall/scan/comprehensive', payload: { content: 'project bluebird details' } })).json().allowed;
      expect(await scanB()).toBe(true);
      // Only the Redis notice can deliver it in time: the reload interval is an hour. The bound is generous so a busy
      // machine does not fail the test; the propagation time itself is what `scripts/eval/policy-propagation.ts` measures.
      const id = await addRule({ rule_type: 'block', pattern: 'bluebird' });
      await waitFor(async () => (await scanB()) === false, 'rule on instance B', 10_000, 10);
      await delRule(id);
      await waitFor(async () => (await scanB()) === true, 'rule removed on instance B', 10_000, 10);
    } finally {
      await b.close();
    }
  });
});
