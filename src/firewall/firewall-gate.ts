import type { ChatMessage } from '../llm/types.js';
import type { firewallEvents } from '../storage/orchestrator/schema.js';
import type { Engine, ScanReport } from './engine.js';
import type { GateContext, PromptGate, PromptVerdict } from './gate.js';
import { redact, restoreText, streamRestorer } from './redaction.js';
import type { Finding } from './types.js';

export type FirewallEventRow = typeof firewallEvents.$inferInsert;

export interface GateOptions {
  engine: Engine;
  orgId: string;
  blockOnViolation: boolean;
  piiAction: 'block' | 'redact' | 'log';
  record: (row: FirewallEventRow) => void;
}

const SEPARATOR = '\n\n';

/** What a stored event keeps of a finding: type, place and masked form, never the matched text. */
const storable = (f: Finding) => ({ scanner: f.scanner, type: f.type, start: f.start, end: f.end, score: f.score, masked: f.masked });

export function eventRow(report: ScanReport, ctx: { requestId: string | null; userId: string | null; source: string }, orgId: string, extraReason?: string): FirewallEventRow {
  return {
    orgId,
    requestId: ctx.requestId,
    userId: ctx.userId,
    source: ctx.source,
    decision: report.decision,
    mode: report.mode,
    riskLevel: report.risk_level,
    reasons: extraReason ? [...report.reasons, extraReason] : report.reasons,
    findings: report.findings.map(storable),
    scannerTimingsMs: report.scanner_timings_ms,
  };
}

/**
 * The firewall in the request path. Prompts: everything but earlier model answers is scanned as one text (the
 * decision sees the whole conversation the user wrote); redaction maps each PII finding back into its message.
 * Answers: secrets (and PII in redact mode) are masked before they are cached or delivered.
 */
export function createFirewallGate(opts: GateOptions): PromptGate {
  const { engine } = opts;

  function checkPrompt(messages: ChatMessage[], ctx: GateContext): PromptVerdict {
    try {
      return decide(messages, ctx);
    } catch (err) {
      // Fail closed: a firewall that cannot decide must not let the prompt through.
      const reason = `firewall error (${(err as Error).name}): blocked to be safe`;
      opts.record({ orgId: opts.orgId, requestId: ctx.requestId, userId: ctx.userId, source: ctx.source, decision: 'block', mode: 'unknown', riskLevel: 'high', reasons: [reason], findings: [], scannerTimingsMs: {} });
      return { allowed: false, decision: 'block', reasons: [reason] };
    }
  }

  function decide(messages: ChatMessage[], ctx: GateContext): PromptVerdict {
    const scanned = messages.map((m, i) => ({ m, i })).filter(({ m }) => m.role !== 'assistant');
    const starts: number[] = [];
    let text = '';
    for (const { m } of scanned) {
      if (text) text += SEPARATOR;
      starts.push(text.length);
      text += m.content;
    }
    const report = engine.scan(text);

    if (report.decision === 'block') {
      if (opts.blockOnViolation) {
        opts.record(eventRow(report, ctx, opts.orgId));
        return { allowed: false, decision: 'block', reasons: report.reasons };
      }
      opts.record(eventRow(report, ctx, opts.orgId, 'not enforced: FIREWALL_BLOCK_ON_VIOLATION=false'));
      return { allowed: true, decision: 'logged', messages };
    }
    opts.record(eventRow(report, ctx, opts.orgId));
    if (opts.piiAction !== 'redact') return { allowed: true, decision: 'allow', messages };

    const mapping = new Map<string, string>();
    const out = [...messages];
    scanned.forEach(({ m, i }, k) => {
      const from = starts[k]!;
      const to = from + m.content.length;
      const local = report.findings
        .filter((f) => f.scanner === 'pii' && f.start >= from && f.end <= to)
        .map((f) => ({ ...f, start: f.start - from, end: f.end - from }));
      if (local.length) out[i] = { role: m.role, content: redact(m.content, local, mapping).text };
    });
    // Earlier answers in the history carry the values we restored for the user: they must not go upstream either.
    messages.forEach((m, i) => {
      if (m.role !== 'assistant') return;
      const pii = engine.scan(m.content, ['pii']).findings;
      if (pii.length) out[i] = { role: m.role, content: redact(m.content, pii, mapping).text };
    });
    if (!mapping.size) return { allowed: true, decision: 'allow', messages };
    return {
      allowed: true,
      decision: 'redact',
      messages: out,
      restore: (t) => restoreText(t, mapping),
      streamRestorer: () => streamRestorer(mapping),
    };
  }

  function checkOutput(text: string, ctx: GateContext): string {
    const report = engine.scan(text, ['secrets', 'pii']);
    const leaks = report.findings.filter((f) => f.scanner === 'secrets' || (f.scanner === 'pii' && opts.piiAction === 'redact'));
    if (!report.findings.length) return text;
    opts.record(eventRow({ ...report, decision: leaks.length ? 'redact' : 'allow' }, { ...ctx, source: 'output' }, opts.orgId));
    if (!leaks.length) return text;
    let out = '';
    let at = 0;
    for (const f of leaks.sort((a, b) => a.start - b.start)) {
      if (f.start < at) continue;
      out += text.slice(at, f.start) + `[${f.type} ${f.masked}]`;
      at = f.end;
    }
    return out + text.slice(at);
  }

  return { checkPrompt, checkOutput };
}
