import { anchoredRule, escapeRegExp } from './regex-rule.js';
import type { SecretRule } from './types.js';

export interface TokenSpec {
  id: string;
  /** Literal prefix(es), matched case-sensitively; each lowercased is a keyword unless `keywords` is given. */
  prefix: string | readonly string[];
  /** RegExp source for what follows the prefix. */
  body: string;
  keywords?: readonly string[];
  score?: number;
  priority?: number;
  minEntropy?: number;
  check?: (secret: string) => boolean | number;
  /** Characters that may not touch the token on either side (RegExp class body). */
  edge?: string;
}

const DEFAULT_EDGE = 'A-Za-z0-9_-';

/** A vendor token recognised by its literal prefix and the shape of what follows, standing alone as a word. */
export function tokenRule(spec: TokenSpec): SecretRule {
  const prefixes: readonly string[] = typeof spec.prefix === 'string' ? [spec.prefix] : spec.prefix;
  const edge = spec.edge ?? DEFAULT_EDGE;
  const alternatives = prefixes.map(escapeRegExp).join('|');
  // A dot before the prefix means a file name or a member access (video.ico-…), not a token.
  const pattern = new RegExp(`(?<![.${edge}])(?:${alternatives})(?:${spec.body})(?![${edge}])`, 'y');
  return anchoredRule({
    id: spec.id,
    keywords: spec.keywords ?? [...new Set(prefixes.map((p) => p.toLowerCase()))],
    pattern,
    score: spec.score ?? 0.9,
    priority: spec.priority ?? 2,
    minEntropy: spec.minEntropy,
    check: spec.check,
  });
}

/** Keywords made of a two-letter prefix plus every possible third character from `alphabet`. */
export function prefixWithEach(prefix: string, alphabet: string): string[] {
  return [...new Set([...alphabet.toLowerCase()].map((c) => prefix.toLowerCase() + c))];
}

export const HEX = '0123456789abcdef';
