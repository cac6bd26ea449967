import { describe, expect, it } from 'vitest';
import { createFirewallEngine } from '../../../src/firewall/engine.js';
import { toOriginal, visible } from '../../../src/firewall/invisible.js';
import { defaultPolicy } from '../../../src/firewall/policy.js';
import { compileRules } from '../../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../../src/firewall/rules/rule-store.js';

const engine = createFirewallEngine({ rules: { rules: compileRules([]) } as unknown as RuleStore, policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 10_000 });

describe('invisible characters do not hide a finding', () => {
  it.each([
    ['NUL inside a key', 'my key is sk-proj-\u0000Qm3Xz8Lk2Vn9Rt4Yp7Wc1Hs6Jd0Fb5Ga2Ue8Io3Kl7Mn4Pq9Sr1Tv6Wx0Yz2Ab5Cd8Ef', 'secrets'],
    ['zero-width space inside an email', 'write to olga.pe\u200btrenko@northwind-logistics.com today', 'pii'],
    ['soft hyphens inside a card number', 'card 4929\u00ad5813\u00ad7725\u00ad3363 please', 'pii'],
    ['zero-width joiners inside an insult', 'you are a worthless i\u200dd\u200di\u200do\u200dt', 'toxicity'],
  ])('%s', (_, text, scanner) => {
    const r = engine.scan(text);
    expect(r.decision).toBe('block');
    const f = r.findings.find((x) => x.scanner === scanner)!;
    expect(f).toBeDefined();
    // The span is in the text as sent, invisible characters included.
    // eslint-disable-next-line no-control-regex, no-misleading-character-class -- NUL and zero-width characters are what this test removes, one by one
    expect(text.slice(f.start, f.end).replace(/[\u0000\u200b\u200d\u00ad]/g, '')).toBe(visible(text).text.slice(visible(text.slice(0, f.start)).text.length, visible(text.slice(0, f.end)).text.length));
  });

  it('maps spans back exactly, and leaves text without invisible characters alone', () => {
    const v = visible('a\u200bbc\u0000d');
    expect(v.text).toBe('abcd');
    expect(toOriginal(v, { start: 1, end: 3 })).toEqual({ start: 2, end: 4 });
    expect(toOriginal(v, { start: 0, end: 4 })).toEqual({ start: 0, end: 6 });
    const plain = visible('nothing to remove\ttabs and\nnewlines stay');
    expect(plain.map).toBeNull();
  });
});
