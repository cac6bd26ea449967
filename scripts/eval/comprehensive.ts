/**
 * Latency of the comprehensive scan (PII + secrets + toxicity + rules), as the request path runs it, and how its
 * cost grows with input size (it must stay linear, adversarial inputs included).
 *   npx tsx scripts/eval/comprehensive.ts
 */
import { pathToFileURL } from 'node:url';
import { createFirewallEngine } from '../../src/firewall/engine.js';
import { defaultPolicy } from '../../src/firewall/policy.js';
import { compileRules, type Rule } from '../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../src/firewall/rules/rule-store.js';
import { realisticPrompts } from './pii.js';

const rule = (id: string, ruleType: 'allow' | 'block', matchType: Rule['matchType'], pattern: string): Rule => ({
  id, orgId: 'o', ruleType, matchType, pattern, description: '', enabled: true, createdBy: null, createdAt: new Date(), updatedAt: new Date(),
});

export function comprehensiveEngine(withRules = true) {
  const rules = withRules ? [rule('r1', 'block', 'literal', 'confidential'), rule('r2', 'block', 'topic', 'weapons, explosives')] : [];
  return createFirewallEngine({
    rules: { rules: compileRules(rules) } as unknown as RuleStore,
    policy: () => defaultPolicy({ piiAction: 'block' }),
    scannerBudgetMs: 10_000,
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export function measure() {
  const engine = comprehensiveEngine();
  const prompts = realisticPrompts(200, 1024);
  for (let i = 0; i < 3; i++) for (const p of prompts) engine.scan(p); // warm up the JIT
  const samples: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const p of prompts) {
      const t0 = performance.now();
      engine.scan(p);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  const sizes = [64 * 1024, 256 * 1024, 1024 * 1024];
  const inputs: Record<string, (n: number) => string> = {
    prose: (n) => prompts.join(' ').repeat(Math.ceil(n / 200_000)).slice(0, n),
    digits: (n) => '1234567890'.repeat(n / 10),
    'a@a@': (n) => 'a@'.repeat(n / 2),
    base64: (n) => 'QWxhZGRpbjpvcGVuIHNlc2FtZQ=='.repeat(Math.ceil(n / 28)).slice(0, n),
    'aaaa…': (n) => 'a'.repeat(n),
  };
  const growth: Record<string, number[]> = {};
  for (const [name, make] of Object.entries(inputs)) {
    growth[name] = sizes.map((n) => {
      const text = make(n);
      const t0 = performance.now();
      engine.scan(text);
      return performance.now() - t0;
    });
  }
  return { p50Us: pct(samples, 50), p99Us: pct(samples, 99), sizes, growth };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = measure();
  console.log('comprehensive scan (PII + secrets + toxicity + 2 rules), 1 KB realistic prompts, 2,000 scans');
  console.log(`  p50 ${r.p50Us.toFixed(1)} µs   p99 ${r.p99Us.toFixed(1)} µs   (targets: p50 ≤ 150 µs, p99 ≤ 1,000 µs)`);
  console.log('growth with input size (ms at 64 KB / 256 KB / 1 MB; linear ⇒ ×4 per step):');
  for (const [name, ms] of Object.entries(r.growth)) {
    const mbps = 1 / (ms[2]! / 1000);
    console.log(`  ${name.padEnd(8)} ${ms.map((m) => m.toFixed(1).padStart(7)).join(' ')}   ×${(ms[2]! / ms[1]!).toFixed(1)} last step, ${mbps.toFixed(1)} MB/s at 1 MB`);
  }
}
