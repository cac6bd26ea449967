import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import type { RawMatch, SecretRule } from './types.js';

export interface AnchoredSpec {
  id: string;
  keywords: readonly string[];
  /**
   * Sticky (`y`) pattern tried at each keyword hit minus `offset`. The secret is capture group 1 when the pattern
   * has the `d` flag, else the whole match. Patterns must stay linear: bounded quantifiers, or unbounded runs that
   * end where their own character class ends.
   */
  pattern: RegExp;
  offset?: number;
  /** Where to try the pattern for a hit when the distance is not fixed (e.g. digits before the keyword). */
  start?: (text: string, hit: number) => number;
  score: number;
  priority?: number;
  /** Minimum Shannon entropy of the secret. */
  minEntropy?: number;
  /** Extra validation; return false to drop, or a number to replace the score. */
  check?: (secret: string, text: string, start: number) => boolean | number;
  type?: string;
  /** Finding type chosen per match (overrides `type`). */
  typeOf?: (secret: string) => string;
  types?: readonly string[];
  mask?: (secret: string) => string;
}

/** A rule whose match starts at (or a fixed distance before) one of its keywords. */
export function anchoredRule(spec: AnchoredSpec): SecretRule {
  const { pattern } = spec;
  if (!pattern.sticky) throw new Error(`${spec.id}: pattern must be sticky`);
  const offset = spec.offset ?? 0;
  const useGroup = pattern.hasIndices;
  return {
    id: spec.id,
    types: spec.types,
    keywords: spec.keywords,
    priority: spec.priority ?? 2,
    mask: spec.mask,
    find(text: string, hits: readonly number[]): RawMatch[] {
      const out: RawMatch[] = [];
      let lastEnd = -1;
      for (const hit of hits) {
        const at = spec.start ? spec.start(text, hit) : hit - offset;
        if (at < 0 || at < lastEnd) continue;
        pattern.lastIndex = at;
        const m = pattern.exec(text);
        if (m === null) continue;
        let start = m.index;
        let end = start + m[0].length;
        if (useGroup) {
          const span = m.indices?.[1];
          if (span === undefined) continue;
          [start, end] = span;
        }
        lastEnd = m.index + m[0].length;
        const secret = text.slice(start, end);
        if (isPlaceholder(secret)) continue;
        if (spec.minEntropy !== undefined && shannonEntropy(secret) < spec.minEntropy) continue;
        let score = spec.score;
        if (spec.check) {
          const r = spec.check(secret, text, start);
          if (r === false) continue;
          if (typeof r === 'number') score = r;
        }
        const type = spec.typeOf ? spec.typeOf(secret) : spec.type;
        out.push(type === undefined ? { start, end, score } : { start, end, score, type });
      }
      return out;
    },
  };
}

/** Escapes a literal for use inside a RegExp source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
