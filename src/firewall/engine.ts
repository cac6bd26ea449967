import { randomUUID } from 'node:crypto';
import type { CompiledRules } from './rules/compile.js';
import type { RuleStore } from './rules/rule-store.js';
import { toOriginal, visible } from './invisible.js';
import { SCORE_FLOOR, settingFor, type Action, type FirewallPolicy } from './policy.js';
import { createPiiScanner } from './scanners/pii/index.js';
import { createSecretsScanner } from './scanners/secrets/index.js';
import { createToxicityScanner } from './scanners/toxicity/index.js';
import type { Finding, Scanner, ScannerName } from './types.js';

export type ScanKind = 'pii' | 'secrets' | 'toxicity' | 'rules';
export const ALL_KINDS: readonly ScanKind[] = ['pii', 'secrets', 'toxicity', 'rules'];
export type Decision = 'allow' | 'block' | 'redact';
export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface ScanReport {
  scan_id: string;
  allowed: boolean;
  decision: Decision;
  risk_level: RiskLevel;
  reasons: string[];
  findings: ReportedFinding[];
  mode: 'blocklist' | 'allowlist';
  scan_time_ms: number;
  scanner_timings_ms: Record<string, number>;
}

export interface EngineOptions {
  scanners: Record<Exclude<ScannerName, 'rules'>, Scanner>;
  rules: RuleStore;
  /** The policy in force, read at every scan (an admin's change applies to the next prompt). */
  policy: () => FirewallPolicy;
  /**
   * CPU milliseconds one scan may use before it is blocked (fail closed), plus `scannerBudgetMsPerKb` for each KB of
   * text. CPU time, not elapsed time: a busy machine stretches a scan's wall clock but not its CPU, so a healthy
   * prompt is never blocked for waiting its turn. The scanners are linear-time, so the budget grows with the text and
   * only a defect (a scan that is not linear after all) meets it: a safety net, not a latency target.
   */
  scannerBudgetMs: number;
  scannerBudgetMsPerKb?: number;
}

const RISK_ORDER: RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];
const maxRisk = (a: RiskLevel, b: RiskLevel) => (RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b);
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const unique = (xs: string[]) => [...new Set(xs)];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/**
 * The process's CPU reading at a scan's start, shared by the scans of the next few milliseconds: reading it is a
 * getrusage system call, ~10 µs on a virtual machine and two per request (prompt and answer), for a check that almost
 * never runs. A reading up to READING_REUSE_MS old counts the CPU of that stretch too; the check subtracts the stretch
 * (the main thread cannot have used more CPU than the time that passed), so a scan is never blocked for CPU it did
 * not use, and a runaway one still is.
 */
const READING_REUSE_MS = 5;
let readingAt = -Infinity;
let reading = process.cpuUsage();
function sharedReading(now: number): NodeJS.CpuUsage {
  if (now - readingAt > READING_REUSE_MS) {
    reading = process.cpuUsage();
    readingAt = now;
  }
  return reading;
}

/** A finding as the report gives it: what the policy made of it. */
export type ReportedFinding = Finding & { action: Exclude<Action, 'off'> };

const RISK_OF: Record<Exclude<ScannerName, 'rules'>, (type: string) => RiskLevel> = {
  pii: () => 'medium',
  secrets: () => 'critical',
  toxicity: (t) => (t === 'threat' || t === 'self_harm' ? 'high' : 'medium'),
};
const LABEL: Record<Exclude<ScannerName, 'rules'>, string> = { pii: 'PII detected', secrets: 'secret detected', toxicity: 'toxic content' };

/**
 * Runs the scanners and the allow/block rules over one text and decides, by the policy: a finding whose type blocks
 * blocks the prompt, one that redacts makes the decision `redact`, one that logs is only recorded. Scanners are
 * pure and synchronous; one that throws or overruns the CPU budget makes the decision `block` (fail closed) with the
 * reason recorded.
 */
export function createEngine(opts: EngineOptions) {
  /** `rules`: a rule set other than the saved one (the test box's draft rule beside the saved rules). */
  function scan(sent: string, kinds: readonly ScanKind[] = ALL_KINDS, rules?: CompiledRules): ScanReport {
    const started = performance.now();
    // The scanners read the text as a person would: without characters that render as nothing (visible.ts).
    const seen = visible(sent);
    const text = seen.text;
    const cpu0 = sharedReading(started);
    const cpu0StaleMs = started - readingAt;
    const budgetMs = opts.scannerBudgetMs + ((opts.scannerBudgetMsPerKb ?? 0) * text.length) / 1024;
    const policy = opts.policy();
    const timings: Record<string, number> = {};
    const findings: ReportedFinding[] = [];
    const reasons: string[] = [];
    let risk: RiskLevel = 'none';
    let violation = false; // anything that blocks
    let redacting = false;
    let overran = false;

    for (const kind of kinds) {
      if (kind === 'rules') continue;
      const t0 = performance.now();
      let found: Finding[];
      try {
        found = opts.scanners[kind].scan(text);
      } catch (err) {
        timings[kind] = round(performance.now() - t0);
        reasons.push(`${kind} scanner failed (${(err as Error).name}): blocked to be safe`);
        violation = true;
        risk = maxRisk(risk, 'high');
        continue;
      }
      const now = performance.now();
      timings[kind] = round(now - t0);
      // Wall time bounds CPU time from above, so the (costlier) CPU reading is only taken when the wall clock says
      // the budget might be gone.
      if (!overran && now - started > budgetMs && cpuMs(cpu0) - cpu0StaleMs > budgetMs) {
        overran = true;
        reasons.push(`${kind} scanner exceeded the scan's ${Math.round(budgetMs)} ms CPU budget: blocked to be safe`);
        violation = true;
        risk = maxRisk(risk, 'high');
      }
      const byAction: Record<'block' | 'redact' | 'log', string[]> = { block: [], redact: [], log: [] };
      for (const f of found) {
        const s = settingFor(policy, f);
        if (s.action === 'off' || f.score < s.threshold) continue;
        findings.push({ ...f, action: s.action });
        byAction[s.action].push(f.type);
      }
      if (byAction.block.length) {
        violation = true;
        reasons.push(`${LABEL[kind]}: ${unique(byAction.block).join(', ')}`);
      }
      if (byAction.redact.length) {
        redacting = true;
        reasons.push(`${LABEL[kind]} (redacted): ${unique(byAction.redact).join(', ')}`);
      }
      if (byAction.log.length) reasons.push(`${LABEL[kind]} (logged only): ${unique(byAction.log).join(', ')}`);
      for (const t of [...byAction.block, ...byAction.redact]) risk = maxRisk(risk, RISK_OF[kind](t));
      if (byAction.log.length) risk = maxRisk(risk, 'low');
    }

    const compiled = rules ?? opts.rules.rules;
    if (kinds.includes('rules')) {
      const t0 = performance.now();
      const check = compiled.check(text);
      timings.rules = round(performance.now() - t0);
      // A rule's match is shown by place and length only: the matched text may be exactly what the rule protects.
      for (const m of check.blocked) {
        reasons.push(`matched block rule ${m.id}${m.description ? ` (${m.description})` : ''}`);
        findings.push({ scanner: 'rules', type: `block:${m.id}`, start: m.start, end: m.end, score: 1, masked: ruleMask(m.end - m.start), action: 'block' });
      }
      for (const m of check.allowed) {
        findings.push({ scanner: 'rules', type: `allow:${m.id}`, start: m.start, end: m.end, score: 1, masked: ruleMask(m.end - m.start), action: 'log' });
      }
      if (check.blocked.length) {
        violation = true;
        risk = maxRisk(risk, 'high');
      }
      if (!check.passesAllowlist) {
        reasons.push('allowlist mode: the content matches no allow rule');
        violation = true;
        risk = maxRisk(risk, 'medium');
      }
    }

    const decision: Decision = violation ? 'block' : redacting ? 'redact' : 'allow';
    return {
      scan_id: `scan_${randomUUID()}`,
      allowed: decision !== 'block',
      decision,
      risk_level: risk,
      reasons,
      findings: (seen.map ? findings.map((f) => toOriginal(seen, f)) : findings).sort((a, b) => a.start - b.start),
      mode: compiled.mode,
      scan_time_ms: round(performance.now() - started),
      scanner_timings_ms: timings,
    };
  }

  /**
   * The scanners' findings alone, without a decision or a report: for the stream masker, which asks many times per
   * answer. A scanner that throws fails the caller (a masker that cannot look must not release text).
   */
  function find(sent: string, kinds: readonly Exclude<ScanKind, 'rules'>[]): ReportedFinding[] {
    const policy = opts.policy();
    const seen = visible(sent);
    const out: ReportedFinding[] = [];
    for (const kind of kinds) {
      for (const f of opts.scanners[kind].scan(seen.text)) {
        const s = settingFor(policy, f);
        if (s.action !== 'off' && f.score >= s.threshold) out.push(toOriginal(seen, { ...f, action: s.action }));
      }
    }
    return out;
  }

  return { scan, find, policy: opts.policy };
}

export type Engine = ReturnType<typeof createEngine>;

/**
 * The engine as the service runs it: every scanner at the policy's score floor (each type's own threshold is applied
 * by the policy), so evaluations and benchmarks measure exactly what production decides.
 */
export function createFirewallEngine(o: Omit<EngineOptions, 'scanners'>): Engine {
  return createEngine({
    ...o,
    scanners: { pii: createPiiScanner({ threshold: SCORE_FLOOR }), secrets: createSecretsScanner(), toxicity: createToxicityScanner({ threshold: SCORE_FLOOR }) },
  });
}

const ruleMask = (n: number) => `[${n} characters]`;
