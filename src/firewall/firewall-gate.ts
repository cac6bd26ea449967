import type { TextSite } from '../llm/wire/codec.js';
import type { Engine, ReportedFinding, ScanReport } from './engine.js';
import type { Logger } from 'pino';
import type { GateContext, ModerationVerdict, OutputMasker, PromptGate, PromptVerdict } from './gate.js';
import { moderationText, type ModerationResult, type Moderator } from './moderation.js';
import { redacts } from './policy.js';
import { redact, restoreText, streamRestorer } from './redaction.js';
import { createStreamMasker, maskText, type MaskFinding, type StreamMasker } from './stream-masker.js';
import type { Finding } from './types.js';

import type { FirewallEventRow } from '../storage/orchestrator/firewall-events-repo.js';

export type { FirewallEventRow };

export interface GateOptions {
  engine: Engine;
  orgId: string;
  blockOnViolation: boolean;
  /** Refuse requests that carry images or other binary input the scanners cannot read (FIREWALL_IMAGES=block). */
  refuseImages?: boolean;
  record: (row: FirewallEventRow) => void;
  /** The moderation stage (FIREWALL_MODERATION=openai). */
  moderation?: { moderator: Moderator; failClosed: boolean; log: Logger };
}

const SEPARATOR = '\n\n';

/** What a stored event keeps of a finding: type, place and masked form, never the matched text. */
const storable = (f: ReportedFinding) => ({ scanner: f.scanner, type: f.type, start: f.start, end: f.end, score: f.score, masked: f.masked, action: f.action });

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
 * The firewall in the request path. Prompts: every text the provider will see (every role, tool results, tool-call
 * arguments) is scanned as one text, so the decision sees the whole conversation; redaction maps each PII finding
 * back into its site. Answers: secrets (and PII when redacting) are masked before they are cached or delivered,
 * streams included.
 */
export function createFirewallGate(opts: GateOptions): PromptGate {
  const { engine } = opts;
  const blockEvent = (ctx: GateContext, reason: string): FirewallEventRow => ({
    orgId: opts.orgId, requestId: ctx.requestId, userId: ctx.userId, source: ctx.source, decision: 'block', mode: 'unknown', riskLevel: 'high', reasons: [reason], findings: [], scannerTimingsMs: {},
  });

  function checkPrompt(sites: TextSite[], ctx: GateContext, o: { images?: boolean } = {}): PromptVerdict {
    if (o.images && opts.refuseImages) {
      const reason = 'image input is refused by policy (FIREWALL_IMAGES=block): the firewall cannot read images';
      opts.record(blockEvent(ctx, reason));
      return { allowed: false, decision: 'block', reasons: [reason] };
    }
    try {
      return decide(sites, ctx);
    } catch (err) {
      // Fail closed: a firewall that cannot decide must not let the prompt through.
      const reason = `firewall error (${(err as Error).name}): blocked to be safe`;
      opts.record(blockEvent(ctx, reason));
      return { allowed: false, decision: 'block', reasons: [reason] };
    }
  }

  function decide(sites: TextSite[], ctx: GateContext): PromptVerdict {
    const starts: number[] = [];
    let text = '';
    for (const s of sites) {
      if (text) text += SEPARATOR;
      starts.push(text.length);
      text += s.text;
    }
    const report = engine.scan(text);
    // `scanned`/`findings` on every verdict: what stored prompt text is made from (gate.ts, ScannedPrompt).
    const { findings } = report;

    if (report.decision === 'block') {
      if (opts.blockOnViolation) {
        opts.record(eventRow(report, ctx, opts.orgId));
        return { allowed: false, decision: 'block', reasons: report.reasons, scanned: text, findings };
      }
      opts.record(eventRow(report, ctx, opts.orgId, 'not enforced: FIREWALL_BLOCK_ON_VIOLATION=false'));
      return { allowed: true, decision: 'logged', scanned: text, findings };
    }
    opts.record(eventRow(report, ctx, opts.orgId));
    if (report.decision !== 'redact') return { allowed: true, decision: 'allow', scanned: text, findings };

    const pii = report.findings.filter((f) => f.action === 'redact');
    if (!pii.length) return { allowed: true, decision: 'allow', scanned: text, findings };
    const mapping = new Map<string, string>();
    sites.forEach((s, k) => {
      const from = starts[k]!;
      const to = from + s.text.length;
      const local = pii.filter((f) => f.start >= from && f.end <= to).map((f) => ({ ...f, start: f.start - from, end: f.end - from }));
      if (local.length) s.set(redact(s.text, local, mapping).text);
    });
    if (!mapping.size) return { allowed: true, decision: 'allow', scanned: text, findings };
    return { allowed: true, decision: 'redact', restore: (t) => restoreText(t, mapping), streamRestorer: () => streamRestorer(mapping), scanned: text, findings };
  }

  /**
   * What an answer must not carry: a secret of any kind the policy acts on (blocked or redacted in a prompt), and
   * PII of the types the policy redacts (where PII only blocks or logs, an answer may name people).
   */
  function leaksIn(text: string): { report: ScanReport; leaks: Finding[] } {
    const report = engine.scan(text, ['secrets', 'pii']);
    return { report, leaks: report.findings.filter(isLeak) };
  }

  function checkOutput(sites: TextSite[], ctx: GateContext): void {
    for (const s of sites) {
      if (!s.text) continue;
      const { report, leaks } = leaksIn(s.text);
      if (!report.findings.length) continue;
      opts.record(eventRow({ ...report, decision: leaks.length ? 'redact' : 'allow' }, { ...ctx, source: 'output' }, opts.orgId));
      if (leaks.length) s.set(maskText(s.text, leaks.map(toMask)));
    }
  }

  function outputMasker(ctx: GateContext): OutputMasker {
    const channels = new Map<string, StreamMasker>();
    const masked: MaskFinding[] = [];
    let recorded = 0;
    // Only what is masked is looked for: secrets, and PII when the policy redacts some of it. The policy is read
    // once per answer, so one answer is masked by one policy even if an admin changes it meanwhile.
    const piiToo = redacts(engine.policy(), 'pii');
    const kinds = piiToo ? (['secrets', 'pii'] as const) : (['secrets'] as const);
    const find = (text: string) => engine.find(text, kinds).filter(isLeak).map(toMask);
    const channel = (name: string) => {
      let m = channels.get(name);
      if (!m) {
        // PII context is only worth holding text back for when PII is masked (redact mode); otherwise only secrets are.
        m = createStreamMasker({ find, onMasked: (f) => masked.push(f), pii: piiToo });
        channels.set(name, m);
      }
      return m;
    };
    /** One event per stream for what was masked (types and masked forms only), written once the stream is done. */
    const recordMasked = () => {
      if (masked.length === recorded) return;
      const fresh = masked.slice(recorded);
      recorded = masked.length;
      opts.record({
        orgId: opts.orgId, requestId: ctx.requestId, userId: ctx.userId, source: 'output', decision: 'redact', mode: 'blocklist', riskLevel: 'critical',
        reasons: [`leak masked in a streamed answer: ${[...new Set(fresh.map((f) => f.type))].join(', ')}`],
        findings: fresh.map((f) => ({ scanner: 'secrets', type: f.type, start: f.start, end: f.end, score: 1, masked: f.masked })),
        scannerTimingsMs: {},
      });
    };
    return {
      push: (name, text) => channel(name).push(text),
      flush() {
        const out: { channel: string; text: string }[] = [];
        for (const [name, m] of channels) {
          const text = m.flush();
          if (text) out.push({ channel: name, text });
        }
        recordMasked();
        return out;
      },
    };
  }

  async function moderate(sites: TextSite[], ctx: GateContext, signal: AbortSignal): Promise<ModerationVerdict> {
    const m = opts.moderation!;
    const text = moderationText(sites);
    if (!text) return { allowed: true };
    const t0 = performance.now();
    let result: ModerationResult;
    try {
      result = await m.moderator.check(text, signal);
    } catch (err) {
      if (signal.aborted) return { allowed: true }; // the request is gone: nothing left to decide
      const reason = `moderation unavailable (${(err as Error).name})`;
      m.log.warn({ request_id: ctx.requestId, err: (err as Error).name }, m.failClosed ? 'moderation unavailable, prompt blocked (FIREWALL_MODERATION_FAIL=closed)' : 'moderation unavailable, the rules\' verdict stands');
      if (!m.failClosed) return { allowed: true };
      opts.record({ ...blockEvent(ctx, `${reason}: blocked to be safe`), mode: 'moderation' });
      return { allowed: false, reasons: [`${reason}: blocked to be safe`] };
    }
    if (!result.flagged) return { allowed: true };
    const policy = engine.policy();
    const findings: ReportedFinding[] = [];
    for (const [type, score] of Object.entries(result.categories)) {
      const s = policy.types.toxicity[type];
      if (!s || s.action === 'off') continue;
      // A type the policy redacts cannot be redacted by a verdict without a span: it blocks.
      findings.push({ scanner: 'toxicity', type, start: 0, end: 0, score: Math.round(score * 1000) / 1000, masked: '', action: s.action === 'log' ? 'log' : 'block' });
    }
    const acting = [...new Set(findings.filter((f) => f.action === 'block').map((f) => f.type))];
    const block = acting.length > 0 && opts.blockOnViolation;
    const reasons = [`moderation flagged: ${result.raw.join(', ') || 'unspecified'}`];
    if (acting.length) reasons.push(`toxic content (moderation): ${acting.join(', ')}`);
    if (acting.length && !opts.blockOnViolation) reasons.push('not enforced: FIREWALL_BLOCK_ON_VIOLATION=false');
    opts.record({
      orgId: opts.orgId, requestId: ctx.requestId, userId: ctx.userId, source: ctx.source, decision: block ? 'block' : 'allow', mode: 'moderation',
      riskLevel: block ? 'high' : 'low', reasons, findings: findings.map(storable), scannerTimingsMs: { moderation: Math.round((performance.now() - t0) * 1000) / 1000 },
    });
    return block ? { allowed: false, reasons: reasons.slice(1) } : { allowed: true };
  }

  return { checkPrompt, checkOutput, outputMasker, ...(opts.moderation ? { moderate } : {}) };
}

const isLeak = (f: ReportedFinding) => (f.scanner === 'secrets' && f.action !== 'log') || (f.scanner === 'pii' && f.action === 'redact');
const toMask = (f: Finding): MaskFinding => ({ start: f.start, end: f.end, type: f.type, masked: f.masked });
