import { AppError } from '../errors/app-error.js';

/** A list of model names and `*` patterns, compiled once; null means "every model". */
export type ModelPatterns = readonly string[] | null;

const compiled = new Map<string, RegExp>();

/** `gpt-4o*` → /^gpt-4o.*$/i. Case-insensitive, as providers treat model ids. */
function patternRe(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    compiled.set(pattern, re);
  }
  return re;
}

export function matchesAny(model: string, patterns: ModelPatterns): boolean {
  return patterns === null || patterns.some((p) => patternRe(p).test(model));
}

/** What one caller may call: its role's list (MODEL_ACCESS_<ROLE>) and, for an API key, the key's own list. */
export interface ModelAccess {
  role: ModelPatterns;
  key: ModelPatterns;
}

export const ANY_MODEL: ModelAccess = { role: null, key: null };

/** Whether `model` passes both lists. Both the name asked for and the model it resolved to are checked by callers. */
export function modelAllowed(model: string, access: ModelAccess): boolean {
  return matchesAny(model, access.role) && matchesAny(model, access.key);
}

/** Throws 403 MODEL_NOT_ALLOWED naming the model, when it is not allowed. */
export function assertModelAllowed(model: string, access: ModelAccess): void {
  if (modelAllowed(model, access)) return;
  throw new AppError('MODEL_NOT_ALLOWED', `model ${model} is not allowed for this ${access.key !== null && !matchesAny(model, access.key) ? 'API key' : 'role'}`, {
    details: { model },
  });
}

/** Validates patterns an admin or user sends (a key's `models`): names, `*` wildcards, no whitespace. */
export function invalidModelPattern(patterns: readonly string[]): string | undefined {
  return patterns.find((p) => !/^[A-Za-z0-9._:/@*-]{1,200}$/.test(p));
}
