import { randomUUID } from 'node:crypto';
import type { RuleStore } from './rules/rule-store.js';
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
  findings: Finding[];
  mode: 'blocklist' | 'allowlist';
  scan_time_ms: number;
  scanner_timings_ms: Record<string, number>;
}

export interface EngineOptions {
  scanners: Record<Exclude<ScannerName, 'rules'>, Scanner>;
  rules: RuleStore;
  /** block: PII is a violation; redact: PII alone leads to redaction; log: PII is reported, never acted on. */
  piiAction: 'block' | 'redact' | 'log';
  scannerBudgetMs: number;
}

const RISK_ORDER: RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];
const maxRisk = (a: RiskLevel, b: RiskLevel) => (RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b);
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const unique = (xs: string[]) => [...new Set(xs)];

/**
 * Runs the scanners and the allow/block rules over one text and decides. Scanners are pure and synchronous; one
 * that throws or overruns its budget makes the decision `block` (fail closed) with the reason recorded.
 */
export function createEngine(opts: EngineOptions) {
  function scan(text: string, kinds: readonly ScanKind[] = ALL_KINDS): ScanReport {
    const started = performance.now();
    const timings: Record<string, number> = {};
    const findings: Finding[] = [];
    const reasons: string[] = [];
    let risk: RiskLevel = 'none';
    let violation = false; // anything that blocks
    let piiFound = false;

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
      const took = performance.now() - t0;
      timings[kind] = round(took);
      if (took > opts.scannerBudgetMs) {
        reasons.push(`${kind} scanner exceeded its ${opts.scannerBudgetMs} ms budget: blocked to be safe`);
        violation = true;
        risk = maxRisk(risk, 'high');
      }
      if (!found.length) continue;
      findings.push(...found);
      const types = unique(found.map((f) => f.type));
      if (kind === 'pii') {
        piiFound = true;
        reasons.push(`PII detected: ${types.join(', ')}`);
        risk = maxRisk(risk, 'medium');
        if (opts.piiAction === 'block') violation = true;
      } else if (kind === 'secrets') {
        reasons.push(`secret detected: ${types.join(', ')}`);
        risk = maxRisk(risk, 'critical');
        violation = true;
      } else {
        reasons.push(`toxic content: ${types.join(', ')}`);
        risk = maxRisk(risk, types.some((t) => t === 'threat' || t === 'self_harm') ? 'high' : 'medium');
        violation = true;
      }
    }

    const compiled = opts.rules.rules;
    if (kinds.includes('rules')) {
      const t0 = performance.now();
      const check = compiled.check(text);
      timings.rules = round(performance.now() - t0);
      for (const m of check.blocked) {
        reasons.push(`matched block rule ${m.id}${m.description ? ` (${m.description})` : ''}`);
        findings.push({ scanner: 'rules', type: `block:${m.id}`, start: m.start, end: m.end, score: 1, masked: text.slice(m.start, m.end) });
      }
      for (const m of check.allowed) {
        findings.push({ scanner: 'rules', type: `allow:${m.id}`, start: m.start, end: m.end, score: 1, masked: text.slice(m.start, m.end) });
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

    const decision: Decision = violation ? 'block' : piiFound && opts.piiAction === 'redact' ? 'redact' : 'allow';
    return {
      scan_id: `scan_${randomUUID()}`,
      allowed: decision !== 'block',
      decision,
      risk_level: risk === 'none' && piiFound ? 'low' : risk,
      reasons,
      findings: findings.sort((a, b) => a.start - b.start),
      mode: compiled.mode,
      scan_time_ms: round(performance.now() - started),
      scanner_timings_ms: timings,
    };
  }

  /**
   * The scanners' findings alone, without a decision or a report: for the stream masker, which asks many times per
   * answer. A scanner that throws fails the caller (a masker that cannot look must not release text).
   */
  function find(text: string, kinds: readonly Exclude<ScanKind, 'rules'>[]): Finding[] {
    const out: Finding[] = [];
    for (const kind of kinds) for (const f of opts.scanners[kind].scan(text)) out.push(f);
    return out;
  }

  return { scan, find };
}

export type Engine = ReturnType<typeof createEngine>;
