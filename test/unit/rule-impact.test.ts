import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/firewall/rules/compile.js';
import { draftImpact, scannersDecision } from '../../src/firewall/rules/impact.js';

const rule = (id: string, ruleType: 'allow' | 'block', pattern: string, enabled = true): Rule => {
  const at = new Date(0);
  return { id, orgId: 'org', ruleType, pattern, matchType: 'literal', description: '', enabled, createdBy: null, createdAt: at, updatedAt: at };
};

describe('scannersDecision', () => {
  it('reads what the scanners alone decided from the recorded reasons', () => {
    expect(scannersDecision([])).toBe('allow');
    expect(scannersDecision(['matched block rule rule_1 (x)', 'allowlist mode: the content matches no allow rule'])).toBe('allow');
    expect(scannersDecision(['PII detected: US_SSN'])).toBe('block');
    expect(scannersDecision(['PII detected (redacted): EMAIL_ADDRESS'])).toBe('redact');
    expect(scannersDecision(['PII detected (logged only): URL', 'matched block rule rule_1'])).toBe('allow');
    expect(scannersDecision(['image input is refused by policy (FIREWALL_IMAGES=block): the firewall cannot read images'])).toBe('block');
  });
});

describe('draftImpact', () => {
  it('counts what a new block rule blocks, leaving already-blocked prompts and prompts without text out', () => {
    const impact = draftImpact([], rule('draft', 'block', 'secret plan'), [
      { decision: 'allow', reasons: [], text: 'the secret plan' },
      { decision: 'block', reasons: ['PII detected: US_SSN'], text: 'secret plan for [US_SSN ***]' },
      { decision: 'allow', reasons: [], text: 'a haiku' },
      { decision: 'allow', reasons: [], text: undefined },
    ]);
    expect(impact).toEqual({ considered: 4, checked: 3, toBlock: 1, toPass: 0, modeBefore: 'blocklist', modeAfter: 'blocklist' });
  });

  it('an edit stands in for the rule it edits: prompts it blocked (masked in the text, named in the reasons) pass', () => {
    const saved = [rule('rule_a', 'block', 'alpha')];
    const impact = draftImpact(saved, { ...rule('rule_a', 'block', 'beta') }, [
      { decision: 'block', reasons: ['matched block rule rule_a'], text: 'about [block:rule_a *****]' },
      { decision: 'allow', reasons: [], text: 'about beta' },
    ]);
    expect(impact).toMatchObject({ toBlock: 1, toPass: 1 });
  });

  it('the first allow rule switches to allowlist mode and blocks what does not match it', () => {
    const impact = draftImpact([rule('rule_off', 'allow', 'x', false)], rule('draft', 'allow', 'haiku'), [
      { decision: 'allow', reasons: [], text: 'a haiku please' },
      { decision: 'redact', reasons: ['PII detected (redacted): EMAIL_ADDRESS'], text: 'mail <EMAIL_ADDRESS_1>' },
    ]);
    expect(impact).toMatchObject({ toBlock: 1, toPass: 0, modeBefore: 'blocklist', modeAfter: 'allowlist' });
  });
});
