import type { Finding } from '../../types.js';
import { KeywordIndex } from './keywords.js';
import { maskSecret } from './mask.js';
import type { RawMatch, SecretRule } from './types.js';

interface Candidate extends RawMatch {
  rule: SecretRule;
}

/** Runs the rules whose keywords occur in the text and turns their matches into non-overlapping findings. */
export class SecretsEngine {
  private readonly index: KeywordIndex;

  constructor(
    private readonly rules: readonly SecretRule[],
    private readonly minScore: number,
    private readonly allow: (secret: string) => boolean,
    private readonly disabledTypes: ReadonlySet<string> = new Set(),
  ) {
    this.index = new KeywordIndex(rules.map((r) => r.keywords));
  }

  scan(text: string): Finding[] {
    const { byRule, active } = this.index.find(text, this.rules.length);
    if (active.length === 0) return [];
    const candidates: Candidate[] = [];
    for (const r of active) {
      const rule = this.rules[r]!;
      for (const m of rule.find(text, byRule[r]!)) {
        if (m.score < this.minScore || m.end <= m.start) continue;
        if (this.disabledTypes.size > 0 && this.disabledTypes.has(m.type ?? rule.id)) continue;
        candidates.push({ ...m, rule });
      }
    }
    if (candidates.length === 0) return [];
    const findings: Finding[] = [];
    for (const c of resolveOverlaps(candidates)) {
      const secret = text.slice(c.start, c.end);
      if (this.allow(secret)) continue;
      findings.push({
        scanner: 'secrets',
        type: c.type ?? c.rule.id,
        start: c.start,
        end: c.end,
        score: c.score,
        masked: c.rule.mask ? c.rule.mask(secret) : maskSecret(secret),
      });
    }
    return findings;
  }
}

function beats(a: Candidate, b: Candidate): boolean {
  if (a.rule.priority !== b.rule.priority) return a.rule.priority > b.rule.priority;
  if (a.score !== b.score) return a.score > b.score;
  return a.end - a.start > b.end - b.start;
}

/**
 * Keeps, among overlapping candidates, the most specific one (priority, then score, then length). A sweep over
 * candidates sorted by start: each one only competes with the last kept one, so the cost is O(k log k).
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (last === undefined || c.start >= last.end) {
      kept.push(c);
    } else if (beats(c, last)) {
      kept[kept.length - 1] = c;
    }
  }
  return kept;
}
