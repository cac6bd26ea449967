import { compileRules, type CompiledRules, type Rule } from './compile.js';

/** A recorded prompt decision and, when prompt logging kept it, the prompt as stored. */
export interface RecordedDecision {
  decision: 'allow' | 'block' | 'redact';
  reasons: string[];
  text: string | undefined;
}

export interface DraftImpact {
  /** Decisions looked at (the last N on prompts). */
  considered: number;
  /** Of those, decisions whose prompt text is stored, so the draft could be run over it. */
  checked: number;
  /** Decisions the draft turns from passing into blocked, and from blocked into passing. */
  toBlock: number;
  toPass: number;
  modeBefore: CompiledRules['mode'];
  modeAfter: CompiledRules['mode'];
}

const RULE_REASON = /^(matched block rule |allowlist mode: )/;
const NOT_BLOCKING = /\((logged only|redacted)\): |^not enforced: /;

/**
 * What the scanners alone decided, read from the recorded reasons: the rules' own reasons left out, a reason that
 * blocks makes it block, a redaction redact. Rules never redact, so this is the part a rule change cannot move.
 */
export function scannersDecision(reasons: readonly string[]): 'allow' | 'block' | 'redact' {
  const others = reasons.filter((r) => !RULE_REASON.test(r));
  if (others.some((r) => !NOT_BLOCKING.test(r))) return 'block';
  return others.some((r) => r.includes(' (redacted): ')) ? 'redact' : 'allow';
}

const MATCHED = /^matched block rule (\S+)/;

/**
 * Whether a rule set blocks a recorded prompt. A stored prompt has every block rule's match masked (prompt logging
 * masks all findings), so the block rules that matched are read from the recorded reasons (those still in the set
 * count), and the text answers for the others and for the allow rules, whose matches are kept.
 */
function rulesBlock(rules: CompiledRules, blockIds: ReadonlySet<string>, recordedMatches: readonly string[], text: string): boolean {
  if (recordedMatches.some((id) => blockIds.has(id))) return true;
  const c = rules.check(text);
  return c.blocked.length > 0 || !c.passesAllowlist;
}

const enabledBlockIds = (rules: readonly Rule[]) => new Set(rules.filter((r) => r.enabled && r.ruleType === 'block').map((r) => r.id));

/**
 * How many recorded decisions a draft rule would have changed: each stored prompt is judged by the saved rules and
 * by the saved rules with the draft (in place of the rule it edits), beside what the scanners decided. Decisions
 * without stored text cannot be judged and are only counted as considered.
 */
export function draftImpact(saved: readonly Rule[], draft: Rule, decisions: readonly RecordedDecision[]): DraftImpact {
  const afterRules = [...saved.filter((r) => r.id !== draft.id), draft];
  const before = compileRules([...saved]);
  const after = compileRules(afterRules);
  const beforeIds = enabledBlockIds(saved);
  // The draft's own matches are found in the text, never in reasons recorded under the rule it replaces.
  const afterIds = enabledBlockIds(afterRules.filter((r) => r !== draft));
  let checked = 0;
  let toBlock = 0;
  let toPass = 0;
  for (const d of decisions) {
    if (d.text === undefined) continue;
    checked++;
    const matched = d.reasons.flatMap((r) => MATCHED.exec(r)?.[1] ?? []);
    const scanners = scannersDecision(d.reasons);
    const was = rulesBlock(before, beforeIds, matched, d.text) ? 'block' : scanners;
    const would = rulesBlock(after, afterIds, matched, d.text) ? 'block' : scanners;
    if (was === would) continue;
    if (would === 'block') toBlock++;
    else if (was === 'block') toPass++;
  }
  return { considered: decisions.length, checked, toBlock, toPass, modeBefore: before.mode, modeAfter: after.mode };
}
