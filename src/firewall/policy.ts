/**
 * The firewall policy: what each finding type does. Every PII entity, secret kind and toxicity category has an
 * action and a score threshold, the way Presidio and LLM Guard let an operator pick entities. The scanners report
 * facts (a span, a type, a score); the policy alone decides what a finding means.
 *
 *   block   the prompt is refused (403) and the event recorded
 *   redact  the span is replaced by a placeholder before the provider sees it, and restored in the answer
 *   log     the finding is recorded, the prompt goes through untouched
 *   off     the type is not looked at (its findings are dropped)
 */
import { PII_ENTITIES } from './scanners/pii/recognizer.js';
import { SECRET_RULE_IDS } from './scanners/secrets/index.js';
import { CATEGORIES as TOXICITY_CATEGORIES } from './scanners/toxicity/lexicon.js';
import type { Finding } from './types.js';

export const ACTIONS = ['block', 'redact', 'log', 'off'] as const;
export type Action = (typeof ACTIONS)[number];
export type PolicyScanner = 'pii' | 'secrets' | 'toxicity';
export const POLICY_SCANNERS: readonly PolicyScanner[] = ['pii', 'secrets', 'toxicity'];

export interface TypeSetting {
  action: Action;
  /** Findings scoring below this are dropped (0..1). */
  threshold: number;
}

/** A setting as an admin or the environment writes it: either part may be left to the default. */
export type SettingPatch = Partial<TypeSetting>;

export interface PolicyOverrides {
  /** scanner → type → what to change. For secrets, the type `*` is every secret kind without its own entry. */
  types?: Partial<Record<PolicyScanner, Record<string, SettingPatch>>>;
  /** allow: a well-known person named in a prompt is only logged; flag: treated as any other PERSON. */
  publicFigures?: 'allow' | 'flag';
}

export interface FirewallPolicy {
  types: Record<PolicyScanner, Record<string, TypeSetting>>;
  publicFigures: 'allow' | 'flag';
}

/**
 * The scanners run at this score floor, so a type's threshold can be set anywhere from here to 1 at run time
 * without rebuilding a scanner. Findings below a type's own threshold (0.5 by default) are dropped by the policy.
 */
export const SCORE_FLOOR = 0.3;
export const DEFAULT_THRESHOLD = 0.5;

/** Identifiers whose leak is harmful on its own: they block whatever FIREWALL_PII_ACTION says. */
const IDENTIFIERS = ['CREDIT_CARD', 'US_SSN', 'US_ITIN', 'IBAN_CODE', 'CRYPTO', 'US_BANK_NUMBER', 'ABA_ROUTING_NUMBER', 'US_PASSPORT', 'US_DRIVER_LICENSE', 'UK_NHS'];
/** Contact data: blocked by default, redacted when FIREWALL_PII_ACTION=redact. */
const CONTACT = ['PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER'];
/** Technical or low-risk on their own: recorded, never acted on, unless an admin says otherwise. */
const LOG_ONLY = ['URL', 'IP_ADDRESS', 'MAC_ADDRESS', 'DATE_TIME'];
/** Profanity that targets no one ("this fucking build") is only logged; everything aimed at someone blocks. */
const TOXICITY_LOG_ONLY = ['obscenity'];

export const KNOWN_TYPES: Record<PolicyScanner, readonly string[]> = {
  pii: PII_ENTITIES,
  secrets: ['*', ...SECRET_RULE_IDS],
  toxicity: TOXICITY_CATEGORIES,
};

export interface PolicyDefaults {
  /** FIREWALL_PII_ACTION: the seed's switch, now the starting action for contact data (and for all PII when `log`). */
  piiAction: 'block' | 'redact' | 'log';
  publicFigures?: 'allow' | 'flag';
}

export function defaultPolicy(d: PolicyDefaults): FirewallPolicy {
  const set = (action: Action): TypeSetting => ({ action, threshold: DEFAULT_THRESHOLD });
  const pii: Record<string, TypeSetting> = {};
  for (const e of PII_ENTITIES) {
    if (LOG_ONLY.includes(e) || d.piiAction === 'log') pii[e] = set('log');
    else if (CONTACT.includes(e)) pii[e] = set(d.piiAction);
    else pii[e] = set(IDENTIFIERS.includes(e) ? 'block' : d.piiAction);
  }
  const toxicity: Record<string, TypeSetting> = {};
  for (const c of TOXICITY_CATEGORIES) toxicity[c] = set(TOXICITY_LOG_ONLY.includes(c) ? 'log' : 'block');
  // Secrets carry their own confidence model (placeholders, entropy): every reported secret counts.
  return { types: { pii, secrets: { '*': { action: 'block', threshold: 0 } }, toxicity }, publicFigures: d.publicFigures ?? 'allow' };
}

export class PolicyError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'PolicyError';
  }
}

/** Checks an override set against the known types and value ranges; throws PolicyError naming the field. */
export function validateOverrides(o: PolicyOverrides, where = 'policy'): void {
  for (const [scanner, types] of Object.entries(o.types ?? {})) {
    if (!POLICY_SCANNERS.includes(scanner as PolicyScanner)) throw new PolicyError(`${where}.${scanner}`, `unknown scanner (expected one of ${POLICY_SCANNERS.join(', ')})`);
    const known = KNOWN_TYPES[scanner as PolicyScanner];
    for (const [type, s] of Object.entries(types ?? {})) {
      const path = `${where}.${scanner}.${type}`;
      if (!known.includes(type)) throw new PolicyError(path, `unknown ${scanner} type (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`);
      if (s.action !== undefined && !ACTIONS.includes(s.action)) throw new PolicyError(`${path}.action`, `must be one of ${ACTIONS.join(', ')}`);
      if (s.threshold !== undefined && !(typeof s.threshold === 'number' && s.threshold >= (scanner === 'secrets' ? 0 : SCORE_FLOOR) && s.threshold <= 1)) {
        throw new PolicyError(`${path}.threshold`, `must be a number from ${scanner === 'secrets' ? 0 : SCORE_FLOOR} to 1`);
      }
    }
  }
  if (o.publicFigures !== undefined && o.publicFigures !== 'allow' && o.publicFigures !== 'flag') throw new PolicyError(`${where}.public_figures`, 'must be allow or flag');
}

/** The defaults with overrides laid on top (later overrides win). */
export function effectivePolicy(base: FirewallPolicy, ...layers: PolicyOverrides[]): FirewallPolicy {
  const types = { pii: { ...base.types.pii }, secrets: { ...base.types.secrets }, toxicity: { ...base.types.toxicity } };
  let publicFigures = base.publicFigures;
  for (const o of layers) {
    for (const scanner of POLICY_SCANNERS) {
      for (const [type, patch] of Object.entries(o.types?.[scanner] ?? {})) {
        const current = types[scanner][type] ?? types[scanner]['*'] ?? { action: 'block', threshold: DEFAULT_THRESHOLD };
        types[scanner][type] = { action: patch.action ?? current.action, threshold: patch.threshold ?? current.threshold };
      }
    }
    if (o.publicFigures) publicFigures = o.publicFigures;
  }
  return { types, publicFigures };
}

/** Merges a patch into stored overrides; a `null` type entry removes that override (back to the default). */
export function mergeOverrides(current: PolicyOverrides, patch: { types?: Partial<Record<PolicyScanner, Record<string, SettingPatch | null>>>; publicFigures?: 'allow' | 'flag' | null }): PolicyOverrides {
  const types: Partial<Record<PolicyScanner, Record<string, SettingPatch>>> = {};
  for (const scanner of POLICY_SCANNERS) {
    const merged: Record<string, SettingPatch> = { ...(current.types?.[scanner] ?? {}) };
    for (const [type, s] of Object.entries(patch.types?.[scanner] ?? {})) {
      if (s === null) delete merged[type];
      else merged[type] = { ...merged[type], ...s };
    }
    if (Object.keys(merged).length) types[scanner] = merged;
  }
  const out: PolicyOverrides = { types };
  const pf = patch.publicFigures === undefined ? current.publicFigures : patch.publicFigures;
  if (pf) out.publicFigures = pf;
  return out;
}

/**
 * FIREWALL_POLICY: `TYPE=action[@threshold]`, comma-separated, e.g. `URL=block, IP_ADDRESS=off, PERSON=redact@0.7,
 * secrets.jwt=log, toxicity.obscenity=block`. A type may be qualified by its scanner; a bare type is looked up in
 * every scanner and must name exactly one.
 */
export function parsePolicyEnv(spec: string): PolicyOverrides {
  const types: Partial<Record<PolicyScanner, Record<string, SettingPatch>>> = {};
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^([A-Za-z_*][\w.*-]*)\s*=\s*([a-z]+)\s*(?:@\s*([0-9.]+))?$/.exec(item);
    if (!m) throw new PolicyError('FIREWALL_POLICY', `"${item}" is not TYPE=action[@threshold]`);
    const [, name, action, threshold] = m as unknown as [string, string, string, string | undefined];
    const [scanner, type] = resolveType(name);
    const patch: SettingPatch = { action: action as Action };
    if (threshold !== undefined) patch.threshold = Number(threshold);
    (types[scanner] ??= {})[type] = patch;
  }
  const o = { types };
  validateOverrides(o, 'FIREWALL_POLICY');
  return o;
}

function resolveType(name: string): [PolicyScanner, string] {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const scanner = name.slice(0, dot) as PolicyScanner;
    if (!POLICY_SCANNERS.includes(scanner)) throw new PolicyError('FIREWALL_POLICY', `unknown scanner "${name.slice(0, dot)}" in "${name}"`);
    return [scanner, name.slice(dot + 1)];
  }
  const hits = POLICY_SCANNERS.filter((s) => KNOWN_TYPES[s].includes(name));
  if (hits.length === 1) return [hits[0]!, name];
  if (hits.length > 1) throw new PolicyError('FIREWALL_POLICY', `"${name}" is ambiguous: qualify it as ${hits.map((s) => `${s}.${name}`).join(' or ')}`);
  throw new PolicyError('FIREWALL_POLICY', `unknown finding type "${name}"`);
}

/** The setting that applies to one finding (rule findings are not governed by the type policy). */
export function settingFor(policy: FirewallPolicy, f: Finding): TypeSetting {
  if (f.scanner === 'rules') return { action: 'block', threshold: 0 };
  const table = policy.types[f.scanner];
  const s = table[f.type] ?? table['*'] ?? { action: 'block', threshold: DEFAULT_THRESHOLD };
  if (f.publicFigure && policy.publicFigures === 'allow' && s.action !== 'off') return { action: 'log', threshold: s.threshold };
  return s;
}

/** True when some type of `scanner` is redacted: the answer side then looks for that scanner's findings too. */
export function redacts(policy: FirewallPolicy, scanner: PolicyScanner): boolean {
  return Object.values(policy.types[scanner]).some((s) => s.action === 'redact');
}
