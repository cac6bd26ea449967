import { createRequire } from 'node:module';
import type { RE2 } from 're2-wasm';

// RE2's WebAssembly (~12 MB resident) is loaded on the first regex rule, not by every instance at start-up.
const requireCjs = createRequire(import.meta.url);
let re2Ctor: typeof RE2 | undefined;
const loadRe2 = () => (re2Ctor ??= (requireCjs('re2-wasm') as typeof import('re2-wasm')).RE2);

export type RuleType = 'allow' | 'block';
export type MatchType = 'literal' | 'regex' | 'topic';

export interface Rule {
  id: string;
  orgId: string;
  ruleType: RuleType;
  pattern: string;
  matchType: MatchType;
  description: string;
  enabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleMatch {
  id: string;
  ruleType: RuleType;
  description: string;
  start: number;
  end: number;
}

type Matcher = (text: string, lower: string) => { start: number; end: number } | null;

/** Thrown for a pattern that cannot be a rule; the message is shown to the user (400). */
export class InvalidRuleError extends Error {}

const MAX_PATTERN = 1_000;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * User regexes run on RE2 (compiled to WebAssembly): matching is linear in the input whatever the pattern, so a
 * rule like `(a+)+$` cannot hang the process. RE2 has no backreferences or lookaround; such patterns are refused.
 */
function compileRegex(pattern: string): Matcher {
  let re: RE2;
  try {
    re = new (loadRe2())(pattern, 'iu');
  } catch (err) {
    throw new InvalidRuleError(`pattern is not a valid RE2 regular expression (no backreferences or lookaround): ${(err as Error).message}`);
  }
  return (text) => {
    re.lastIndex = 0;
    const m = re.exec(text);
    return m ? { start: m.index, end: m.index + (m[0]?.length ?? 0) } : null;
  };
}

/** Topic: a comma-separated keyword set; any keyword (as a whole word, plural too) matches. */
function compileTopic(pattern: string): Matcher {
  const words = pattern.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (!words.length) throw new InvalidRuleError('a topic needs at least one keyword');
  // Built from escaped literals only: alternation of fixed strings with fixed boundaries cannot backtrack badly.
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRe).join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => {
    const m = re.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  };
}

/** Literal: case-insensitive substring. */
function compileLiteral(pattern: string): Matcher {
  const needle = pattern.toLowerCase();
  return (_text, lower) => {
    const at = lower.indexOf(needle);
    return at < 0 ? null : { start: at, end: at + needle.length };
  };
}

export function validatePattern(pattern: string, matchType: MatchType): Matcher {
  if (!pattern.trim()) throw new InvalidRuleError('pattern must not be empty');
  if (pattern.length > MAX_PATTERN) throw new InvalidRuleError(`pattern is longer than ${MAX_PATTERN} characters`);
  switch (matchType) {
    case 'literal':
      return compileLiteral(pattern);
    case 'regex':
      return compileRegex(pattern);
    case 'topic':
      return compileTopic(pattern);
  }
}

export interface CompiledRules {
  /** blocklist-only: no allow rules; allowlist: content must match an allow rule. */
  mode: 'blocklist' | 'allowlist';
  allowCount: number;
  blockCount: number;
  check(text: string): { blocked: RuleMatch[]; allowed: RuleMatch[]; passesAllowlist: boolean };
}

/** Compiles the enabled rules once per change, so a check is a loop of prepared matchers. */
export function compileRules(rules: Rule[]): CompiledRules {
  const prepared = rules
    .filter((r) => r.enabled)
    .flatMap((r) => {
      try {
        return [{ rule: r, match: validatePattern(r.pattern, r.matchType) }];
      } catch {
        // A rule stored before a validation change: skip it rather than fail every prompt.
        return [];
      }
    });
  const allow = prepared.filter((p) => p.rule.ruleType === 'allow');
  const block = prepared.filter((p) => p.rule.ruleType === 'block');
  const run = (list: typeof prepared, text: string, lower: string) =>
    list.flatMap(({ rule, match }) => {
      const m = match(text, lower);
      return m ? [{ id: rule.id, ruleType: rule.ruleType, description: rule.description, ...m }] : [];
    });
  return {
    mode: allow.length ? 'allowlist' : 'blocklist',
    allowCount: allow.length,
    blockCount: block.length,
    check(text) {
      if (!prepared.length) return { blocked: [], allowed: [], passesAllowlist: true };
      const lower = text.toLowerCase();
      const blocked = run(block, text, lower);
      const allowed = allow.length ? run(allow, text, lower) : [];
      return { blocked, allowed, passesAllowlist: !allow.length || allowed.length > 0 };
    },
  };
}
