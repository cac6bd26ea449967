import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const post = (url: string, payload: object) => gw.app.inject({ method: 'POST', url, payload });

describe('the seed’s curl examples', () => {
  it('finds the SSN', async () => {
    const res = await post('/api/v1/firewall/scan/pii', { content: 'My SSN is 123-45-6789' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ allowed: false, decision: 'block', mode: 'blocklist' });
    expect(r.findings).toEqual([expect.objectContaining({ scanner: 'pii', type: 'US_SSN', start: 10, end: 21 })]);
    expect(r.findings[0].masked).not.toContain('123-45');
    expect(r.reasons.join(' ')).toMatch(/US_SSN/);
    expect(r.scan_id).toMatch(/^scan_/);
  });

  it('finds the AWS key without echoing it', async () => {
    const res = await post('/api/v1/firewall/scan/secrets', { content: 'AWS_KEY=AKIA1234567890' });
    const r = res.json();
    expect(r.allowed).toBe(false);
    expect(r.risk_level).toBe('critical');
    expect(r.findings.length).toBeGreaterThanOrEqual(1);
    expect(r.findings[0].scanner).toBe('secrets');
    expect(JSON.stringify(r)).not.toContain('AKIA1234567890');
  });

  it('lets "test harmful content" pass', async () => {
    const r = (await post('/api/v1/firewall/scan/toxicity', { content: 'test harmful content' })).json();
    expect(r).toMatchObject({ allowed: true, decision: 'allow', findings: [], risk_level: 'none' });
  });

  it('single-scanner endpoints agree with the comprehensive scan', async () => {
    const content = 'Mail me at jane.doe@acme-mail.com, key AWS_KEY=AKIA1234567890, you idiot';
    const all = (await post('/api/v1/firewall/scan/comprehensive', { content })).json();
    for (const scanner of ['pii', 'secrets', 'toxicity'] as const) {
      const one = (await post(`/api/v1/firewall/scan/${scanner}`, { content })).json();
      expect(one.findings).toEqual(all.findings.filter((f: { scanner: string }) => f.scanner === scanner));
      expect(one.findings.length).toBeGreaterThan(0);
    }
  });

  it('creates, lists and deletes a rule as shown', async () => {
    const created = await post('/api/v1/firewall/rules', { rule_type: 'block', pattern: 'confidential', description: 'Block confidential content' });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule.id).toMatch(/^rule_[0-9a-f]+_org_001$/);
    expect(rule).toMatchObject({ rule_type: 'block', match_type: 'literal', pattern: 'confidential', enabled: true });
    const list = (await gw.app.inject({ url: '/api/v1/firewall/rules' })).json();
    expect(list.rules.map((r: { id: string }) => r.id)).toContain(rule.id);
    const del = await gw.app.inject({ method: 'DELETE', url: `/api/v1/firewall/rules/${rule.id}` });
    expect(del.json()).toEqual({ deleted: true, id: rule.id });
    expect((await gw.app.inject({ method: 'DELETE', url: `/api/v1/firewall/rules/${rule.id}` })).statusCode).toBe(404);
  });

  it('refuses bad rules and bad scan bodies with a 400 naming the field', async () => {
    const backref = await post('/api/v1/firewall/rules', { rule_type: 'block', match_type: 'regex', pattern: '(a)\\1' });
    expect(backref.statusCode).toBe(400);
    expect(backref.json().error.message).toMatch(/pattern/);
    const badType = await post('/api/v1/firewall/rules', { rule_type: 'maybe', pattern: 'x' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.message).toMatch(/rule_type/);
    const noContent = await post('/api/v1/firewall/scan/pii', { text: 'x' });
    expect(noContent.statusCode).toBe(400);
    expect(noContent.json().error.message).toMatch(/content/);
  });

  it('a catastrophic regex rule runs in linear time', async () => {
    const created = await post('/api/v1/firewall/rules', { rule_type: 'block', match_type: 'regex', pattern: '(a+)+$', description: 'evil' });
    expect(created.statusCode).toBe(201);
    // A backtracking engine needs ~2^200,000 steps on this: the scan would never answer (the test times out).
    // RE2 answers, and finds no match (the text ends in '!').
    const r = (await post('/api/v1/firewall/scan/allow', { content: 'a'.repeat(200_000) + '!' })).json();
    expect(r.allowed).toBe(true);
    await gw.app.inject({ method: 'DELETE', url: `/api/v1/firewall/rules/${created.json().id}` });
  });

  it('reports its health', async () => {
    const h = (await gw.app.inject({ url: '/api/v1/firewall/health' })).json();
    expect(h).toMatchObject({ enabled: true, scanners: ['pii', 'secrets', 'toxicity'], mode: 'blocklist' });
  });
});
