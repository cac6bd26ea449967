import type { Scanner } from '../../types.js';
import { SecretsEngine } from './engine.js';
import { ALL_RULES } from './rules/index.js';

export interface SecretsScannerOptions {
  /**
   * Finding types to leave out (e.g. 'jwt', 'generic-password'). A rule's id also removes the whole rule with every
   * type it emits: 'generic-secret' turns off all keyword assignments, including the AWS key-name cases.
   */
  disable?: readonly string[];
  /** Drop findings below this score (0..1). Default 0: report everything the rules accept. */
  minScore?: number;
  /** Secrets to ignore: exact strings, or patterns tested against the matched secret. */
  allow?: readonly (string | RegExp)[];
}

/** Every finding type the scanner can report. */
export const SECRET_RULE_IDS: readonly string[] = [
  ...new Set(ALL_RULES.flatMap((r) => (r.types === undefined ? [r.id] : [r.id, ...r.types]))),
].sort();

export function createSecretsScanner(opts: SecretsScannerOptions = {}): Scanner {
  const disabled = new Set(opts.disable ?? []);
  const rules = ALL_RULES.filter((r) => !disabled.has(r.id));
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const a of opts.allow ?? []) {
    if (typeof a === 'string') exact.add(a);
    else patterns.push(new RegExp(a.source, a.flags.replace(/[gy]/g, '')));
  }
  const allowed = (secret: string): boolean => exact.has(secret) || patterns.some((p) => p.test(secret));
  const engine = new SecretsEngine(rules, opts.minScore ?? 0, allowed, disabled);
  return {
    name: 'secrets',
    scan: (text: string) => engine.scan(text),
  };
}
