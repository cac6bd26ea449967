import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/firewall/engine.js';
import { defaultPolicy } from '../../../src/firewall/policy.js';
import { redact, restoreText, streamRestorer } from '../../../src/firewall/redaction.js';
import { compileRules, type Rule } from '../../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../../src/firewall/rules/rule-store.js';
import type { Finding, Scanner } from '../../../src/firewall/types.js';

/** Burns `ms` of this process's CPU time: the engine's budget is CPU time, so a wall-clock wait would not do on a busy machine. */
function burnCpu(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

const quiet = (name: Scanner['name']): Scanner => ({ name, scan: () => [] });
const rulesOf = (rules: Partial<Rule>[]) =>
  ({ rules: compileRules(rules.map((r, i) => ({ id: `r${i}`, orgId: 'o', description: '', enabled: true, matchType: 'literal', createdBy: null, createdAt: new Date(), updatedAt: new Date(), ruleType: 'block', pattern: 'x', ...r }))) }) as unknown as RuleStore;

describe('engine', () => {
  it('fails closed when a scanner throws', () => {
    const engine = createEngine({
      scanners: { pii: { name: 'pii', scan: () => { throw new TypeError('boom'); } }, secrets: quiet('secrets'), toxicity: quiet('toxicity') },
      rules: rulesOf([]),
      policy: () => defaultPolicy({ piiAction: 'block' }),
      scannerBudgetMs: 100,
    });
    const r = engine.scan('hello');
    expect(r).toMatchObject({ allowed: false, decision: 'block' });
    expect(r.reasons[0]).toMatch(/pii scanner failed/);
  });

  it('fails closed when a scanner overruns its budget', () => {
    const slow: Scanner = { name: 'toxicity', scan: () => (burnCpu(5), []) };
    const engine = createEngine({ scanners: { pii: quiet('pii'), secrets: quiet('secrets'), toxicity: slow }, rules: rulesOf([]), policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 1 });
    expect(engine.scan('hello').reasons[0]).toMatch(/exceeded the scan's 1 ms CPU budget/);
  });

  it('the budget is CPU time: a scan that waits its turn on a busy machine is not blocked', () => {
    // Atomics.wait parks the thread without using the CPU, as a scan preempted by other processes would be.
    const parked: Scanner = { name: 'toxicity', scan: () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30); return []; } };
    const engine = createEngine({ scanners: { pii: quiet('pii'), secrets: quiet('secrets'), toxicity: parked }, rules: rulesOf([]), policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 10 });
    const r = engine.scan('hello');
    expect(r.scanner_timings_ms.toxicity).toBeGreaterThan(10);
    expect(r).toMatchObject({ allowed: true, decision: 'allow', reasons: [] });
  });

  it('the budget grows with the text: a long prompt costing a steady amount per KB is not blocked for its size', () => {
    // Burns ~1 ms of CPU per 4 KB, as a linear scanner would; 40 KB costs ~10 ms against a 2 ms base.
    const linear: Scanner = { name: 'toxicity', scan: (t) => (burnCpu(t.length / 4096), []) };
    const make = (perKb: number) => createEngine({ scanners: { pii: quiet('pii'), secrets: quiet('secrets'), toxicity: linear }, rules: rulesOf([]), policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 2, scannerBudgetMsPerKb: perKb });
    const text = 'x'.repeat(40 * 1024);
    expect(make(5).scan(text).decision).toBe('allow');
    expect(make(0).scan(text).reasons[0]).toMatch(/exceeded the scan's 2 ms CPU budget/);
  });

  it('PII alone leads to redact in redact mode, to allow in log mode', () => {
    const pii: Scanner = { name: 'pii', scan: () => [{ scanner: 'pii', type: 'EMAIL_ADDRESS', start: 0, end: 3, score: 1, masked: 'a**' }] };
    const base = { scanners: { pii, secrets: quiet('secrets'), toxicity: quiet('toxicity') }, rules: rulesOf([]), scannerBudgetMs: 100 };
    expect(createEngine({ ...base, policy: () => defaultPolicy({ piiAction: 'redact' }) }).scan('a@b').decision).toBe('redact');
    expect(createEngine({ ...base, policy: () => defaultPolicy({ piiAction: 'log' }) }).scan('a@b').decision).toBe('allow');
    expect(createEngine({ ...base, policy: () => defaultPolicy({ piiAction: 'block' }) }).scan('a@b').decision).toBe('block');
  });

  it('rule modes: blocklist-only without allow rules, allowlist with them; topic keywords match whole words and plurals', () => {
    const scanners = { pii: quiet('pii'), secrets: quiet('secrets'), toxicity: quiet('toxicity') };
    const blockOnly = createEngine({ scanners, rules: rulesOf([{ pattern: 'confidential' }]), policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 100 });
    expect(blockOnly.scan('anything goes').allowed).toBe(true);
    expect(blockOnly.scan('Confidential!').allowed).toBe(false);
    const allow = createEngine({ scanners, rules: rulesOf([{ ruleType: 'allow', matchType: 'topic', pattern: 'weather, forecast' }]), policy: () => defaultPolicy({ piiAction: 'block' }), scannerBudgetMs: 100 });
    expect(allow.scan('tell me a joke').mode).toBe('allowlist');
    expect(allow.scan('tell me a joke').allowed).toBe(false);
    expect(allow.scan('Weather in Paris?').allowed).toBe(true);
    expect(allow.scan('any forecasts for Monday').allowed).toBe(true);
    expect(allow.scan('weatherproof jacket').allowed).toBe(false);
  });
});

describe('redaction', () => {
  const f = (type: string, start: number, end: number): Finding => ({ scanner: 'pii', type, start, end, score: 1, masked: '' });
  it('gives each value one typed placeholder and restores them', () => {
    const text = 'a@x.io and b@y.io and a@x.io';
    const r = redact(text, [f('EMAIL_ADDRESS', 0, 6), f('EMAIL_ADDRESS', 11, 17), f('EMAIL_ADDRESS', 22, 28)]);
    expect(r.text).toBe('<EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>');
    expect(restoreText(r.text, r.mapping)).toBe(text);
    expect(restoreText('<EMAIL_ADDRESS_9> stays', r.mapping)).toBe('<EMAIL_ADDRESS_9> stays');
  });

  it('restores placeholders split across stream chunks', () => {
    const { mapping } = redact('call 555-0100', [f('PHONE_NUMBER', 5, 13)]);
    const s = streamRestorer(mapping);
    const chunks = ['Dial <PHO', 'NE_NUMB', 'ER_1> or <', 'b>', ' done <'];
    const out = chunks.map((c) => s.push(c)).join('') + s.flush();
    expect(out).toBe('Dial 555-0100 or <b> done <');
  });
});
