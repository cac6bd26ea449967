import { KNOWN_ENV_VARS } from './env-schema.js';

/**
 * Values copied from .env.example (or a tutorial) that were never filled in. They pass every format check — a
 * database accepts "change-me" as a password, OpenAI only refuses the key on the first paid call — so production
 * refuses them by name and development warns.
 */

/** Secrets: every variable whose name says it holds one, so a new *_API_KEY is checked without touching this file. */
const SECRET_VARS = KNOWN_ENV_VARS.filter((n) => /(PASSWORD|SECRET|_KEY|TOKEN)$/.test(n));
/** URLs: the whole value, their password and their host (http://your-controller:9000, https://x.example.com). */
const URL_VARS = KNOWN_ENV_VARS.filter((n) => /_URL$/.test(n));

/** A provider's key prefix says nothing; what follows it does (sk-xxxx, sk-your-key-here, sk-ant-example). */
const KEY_PREFIX = /^(sk-(ant-|proj-)?|pk_|rk_|ghp_)/i;

const RULES: readonly { label: string; test: (v: string) => boolean }[] = [
  { label: 'change-me', test: (v) => /change[-_. ]?(me|it)\b/i.test(v) || /^(replace|fill|set)[-_ ]?(me|this|in)\b/i.test(v) },
  { label: 'your-…', test: (v) => /^your[-_. ]/i.test(v) },
  { label: '<…>', test: (v) => /<[^<>]*>/.test(v) },
  { label: 'xxx…', test: (v) => /^x{3,}/i.test(v) || /^[*.…•]{3,}$/.test(v) },
  { label: 'an example value', test: (v) => /example/i.test(v) },
  { label: 'a placeholder word', test: (v) => /^(password|passwd|secret|placeholder|todo|tbd|fixme)$/i.test(v) },
];

function secretPlaceholder(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const rest = v.replace(KEY_PREFIX, '');
  return RULES.find((r) => r.test(v) || (rest !== v && r.test(rest)))?.label;
}

/** Documentation hosts (RFC 2606) and the template's own words (http://your-controller:9000, http://change-me). */
function hostPlaceholder(host: string): string | undefined {
  if (/(^|\.)example(\.(com|net|org))?$/i.test(host)) return 'an example host';
  const label = secretPlaceholder(host);
  return label === 'change-me' || label === 'your-…' || label === 'xxx…' ? label : undefined;
}

function urlPlaceholder(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return secretPlaceholder(value);
  }
  const password = url.password ? secretPlaceholder(decodeURIComponent(url.password)) : undefined;
  if (password) return `${password} as the password`;
  return hostPlaceholder(url.hostname) ?? (/<[^<>]*>|%3C[^]*%3E/i.test(value) ? '<…>' : undefined);
}

export interface Placeholder {
  name: string;
  /** Which kind of placeholder it looks like; never the value itself, which might be a real secret after all. */
  label: string;
}

/** The variables in `source` whose values look like unfilled placeholders. */
export function findPlaceholders(source: Record<string, string | undefined>): Placeholder[] {
  const found: Placeholder[] = [];
  for (const name of SECRET_VARS) {
    const label = typeof source[name] === 'string' ? secretPlaceholder(source[name]) : undefined;
    if (label) found.push({ name, label });
  }
  for (const name of URL_VARS) {
    const label = typeof source[name] === 'string' ? urlPlaceholder(source[name]) : undefined;
    if (label) found.push({ name, label });
  }
  return found;
}

export const placeholderProblem = (p: Placeholder) => `${p.name} is still a placeholder (${p.label}): set the real value`;
export const placeholderWarning = (p: Placeholder) => `${p.name} is a placeholder (${p.label}): fine for development, production refuses to start with it`;
