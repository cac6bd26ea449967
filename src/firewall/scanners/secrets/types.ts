/** A candidate secret span produced by one rule, before overlap resolution and masking. */
export interface RawMatch {
  start: number;
  end: number;
  score: number;
  /** Finding type when it differs from the rule id (a rule may emit a few related types). */
  type?: string;
}

/**
 * One detection rule. `keywords` are lowercase ASCII strings of three or more characters; the rule only runs when
 * one of them occurs in the text (case-insensitively), and `find` receives every such occurrence, ascending, so a
 * rule can anchor its work on them instead of scanning the whole text.
 */
export interface SecretRule {
  readonly id: string;
  /** Every finding type the rule can emit (defaults to `[id]`). */
  readonly types?: readonly string[];
  readonly keywords: readonly string[];
  /** Wins overlaps: 3 checksum-like vendor formats, 2 vendor formats, 1 context-typed, 0 generic. */
  readonly priority: number;
  find(text: string, hits: readonly number[]): RawMatch[];
  /** Safe display form; defaults to first/last few characters. */
  mask?(secret: string): string;
}
