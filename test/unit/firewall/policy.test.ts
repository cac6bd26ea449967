import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/firewall/engine.js';
import { defaultPolicy, effectivePolicy, mergeOverrides, parsePolicyEnv, PolicyError, settingFor, validateOverrides } from '../../../src/firewall/policy.js';
import { compileRules } from '../../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../../src/firewall/rules/rule-store.js';
import type { Finding, Scanner } from '../../../src/firewall/types.js';

const finding = (scanner: Finding['scanner'], type: string, score = 0.9, extra: Partial<Finding> = {}): Finding => ({ scanner, type, start: 0, end: 4, score, masked: 'x***', ...extra });

describe('default policy', () => {
  it('FIREWALL_PII_ACTION moves contact data; identifiers always block; technical types only log', () => {
    for (const piiAction of ['block', 'redact'] as const) {
      const p = defaultPolicy({ piiAction });
      expect(p.types.pii.EMAIL_ADDRESS!.action).toBe(piiAction);
      expect(p.types.pii.PERSON!.action).toBe(piiAction);
      expect(p.types.pii.CREDIT_CARD!.action).toBe('block');
      expect(p.types.pii.IBAN_CODE!.action).toBe('block');
      expect(p.types.pii.URL!.action).toBe('log');
      expect(p.types.pii.IP_ADDRESS!.action).toBe('log');
    }
    expect(Object.values(defaultPolicy({ piiAction: 'log' }).types.pii).every((s) => s.action === 'log')).toBe(true);
  });

  it('a secret kind without its own entry follows `*`; a public figure is only logged unless flagged', () => {
    const p = defaultPolicy({ piiAction: 'block' });
    expect(settingFor(p, finding('secrets', 'github-pat')).action).toBe('block');
    expect(settingFor(p, finding('pii', 'PERSON', 0.9, { publicFigure: true })).action).toBe('log');
    expect(settingFor({ ...p, publicFigures: 'flag' }, finding('pii', 'PERSON', 0.9, { publicFigure: true })).action).toBe('block');
  });
});

describe('FIREWALL_POLICY', () => {
  it('reads TYPE=action[@threshold], bare or qualified by scanner', () => {
    const o = parsePolicyEnv(' URL=block, IP_ADDRESS=off ,PERSON=redact@0.7, secrets.*=log, toxicity.obscenity=block');
    expect(o.types).toEqual({
      pii: { URL: { action: 'block' }, IP_ADDRESS: { action: 'off' }, PERSON: { action: 'redact', threshold: 0.7 } },
      secrets: { '*': { action: 'log' } },
      toxicity: { obscenity: { action: 'block' } },
    });
    const p = effectivePolicy(defaultPolicy({ piiAction: 'block' }), o);
    expect(p.types.pii.PERSON).toEqual({ action: 'redact', threshold: 0.7 });
    expect(settingFor(p, finding('secrets', 'aws-access-key-id')).action).toBe('log');
  });

  it('names the bad entry', () => {
    expect(() => parsePolicyEnv('URL=warn')).toThrow(/FIREWALL_POLICY\.pii\.URL\.action/);
    expect(() => parsePolicyEnv('PASSPORT=block')).toThrow(/unknown finding type "PASSPORT"/);
    expect(() => parsePolicyEnv('PERSON=block@2')).toThrow(/threshold/);
    expect(() => parsePolicyEnv('PERSON')).toThrow(PolicyError);
    expect(() => parsePolicyEnv('dns.URL=block')).toThrow(/unknown scanner/);
  });
});

describe('overrides', () => {
  it('merge field by field; null removes an entry', () => {
    let o = mergeOverrides({}, { types: { pii: { URL: { action: 'block' } } } });
    o = mergeOverrides(o, { types: { pii: { URL: { threshold: 0.8 }, PERSON: { action: 'log' } } }, publicFigures: 'flag' });
    expect(o).toEqual({ types: { pii: { URL: { action: 'block', threshold: 0.8 }, PERSON: { action: 'log' } } }, publicFigures: 'flag' });
    o = mergeOverrides(o, { types: { pii: { URL: null } }, publicFigures: null });
    expect(o).toEqual({ types: { pii: { PERSON: { action: 'log' } } } });
  });

  it('reject unknown scanners, types, actions and thresholds below the scanners\' floor', () => {
    expect(() => validateOverrides({ types: { pii: { NOPE: { action: 'log' } } } })).toThrow(/policy\.pii\.NOPE/);
    expect(() => validateOverrides({ types: { toxicity: { insult: { threshold: 0.1 } } } })).toThrow(/threshold/);
    expect(() => validateOverrides({ types: { secrets: { '*': { threshold: 0 } } } })).not.toThrow();
  });
});

describe('the engine decides by the policy', () => {
  const scannerOf = (found: Finding[]): Record<'pii' | 'secrets' | 'toxicity', Scanner> => ({
    pii: { name: 'pii', scan: () => found.filter((f) => f.scanner === 'pii') },
    secrets: { name: 'secrets', scan: () => found.filter((f) => f.scanner === 'secrets') },
    toxicity: { name: 'toxicity', scan: () => found.filter((f) => f.scanner === 'toxicity') },
  });
  const engineWith = (found: Finding[], policyOverrides = {}) =>
    createEngine({ scanners: scannerOf(found), rules: { rules: compileRules([]) } as unknown as RuleStore, policy: () => effectivePolicy(defaultPolicy({ piiAction: 'block' }), policyOverrides), scannerBudgetMs: 1_000 });

  it('log-only findings are reported with their action and do not block', () => {
    const r = engineWith([finding('pii', 'URL'), finding('toxicity', 'obscenity')]).scan('text');
    expect(r).toMatchObject({ decision: 'allow', risk_level: 'low' });
    expect(r.findings.map((f) => [f.type, f.action])).toEqual([['URL', 'log'], ['obscenity', 'log']]);
    expect(r.reasons.join(' ')).toMatch(/logged only/);
  });

  it('redact from any scanner makes the decision redact; block wins over redact', () => {
    expect(engineWith([finding('secrets', 'jwt')], { types: { secrets: { jwt: { action: 'redact' } } } }).scan('t').decision).toBe('redact');
    expect(engineWith([finding('secrets', 'jwt'), finding('pii', 'US_SSN')], { types: { secrets: { jwt: { action: 'redact' } } } }).scan('t').decision).toBe('block');
  });

  it('off drops the finding; a threshold drops what scores under it', () => {
    expect(engineWith([finding('pii', 'EMAIL_ADDRESS')], { types: { pii: { EMAIL_ADDRESS: { action: 'off' } } } }).scan('t')).toMatchObject({ decision: 'allow', findings: [] });
    expect(engineWith([finding('pii', 'EMAIL_ADDRESS', 0.6)], { types: { pii: { EMAIL_ADDRESS: { threshold: 0.7 } } } }).scan('t')).toMatchObject({ decision: 'allow', findings: [] });
    expect(engineWith([finding('pii', 'EMAIL_ADDRESS', 0.6)]).scan('t').decision).toBe('block');
  });

  it('a rule\'s finding never echoes what it matched', () => {
    const rules = compileRules([{ id: 'r1', orgId: 'o', ruleType: 'block', matchType: 'literal', pattern: 'confidential', description: '', enabled: true, createdBy: null, createdAt: new Date(), updatedAt: new Date() }]);
    const e = createEngine({ scanners: scannerOf([]), rules: { rules } as unknown as RuleStore, policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 1_000 });
    const r = e.scan('This is CONFIDENTIAL material');
    expect(r.decision).toBe('block');
    expect(r.findings).toEqual([expect.objectContaining({ scanner: 'rules', start: 8, end: 20, masked: '[12 characters]' })]);
    expect(JSON.stringify(r)).not.toMatch(/confidential/i);
  });
});
