import type { Finding } from './types.js';

export interface Redaction {
  text: string;
  /** placeholder → original value */
  mapping: Map<string, string>;
}

/**
 * Replaces each PII finding with a typed placeholder (`<EMAIL_ADDRESS_1>`); the same value always gets the same
 * placeholder, so the model can still refer to "the same email" and equal prompts with different values share a
 * cache entry. `findings` may overlap; the first (leftmost, then longest) wins.
 */
export function redact(text: string, findings: Finding[], mapping = new Map<string, string>()): Redaction {
  const byValue = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const [placeholder, value] of mapping) {
    byValue.set(value, placeholder);
    const m = /^<(.+)_(\d+)>$/.exec(placeholder);
    if (m) counters.set(m[1]!, Math.max(counters.get(m[1]!) ?? 0, Number(m[2])));
  }
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    if (f.start < at) continue;
    const value = text.slice(f.start, f.end);
    let placeholder = byValue.get(value);
    if (!placeholder) {
      const label = placeholderLabel(f.type);
      const n = (counters.get(label) ?? 0) + 1;
      counters.set(label, n);
      placeholder = `<${label}_${n}>`;
      byValue.set(value, placeholder);
      mapping.set(placeholder, value);
    }
    out += text.slice(at, f.start) + placeholder;
    at = f.end;
  }
  return { text: out + text.slice(at), mapping };
}

/** A placeholder's name: the finding type in upper case ("aws-access-key-id" → AWS_ACCESS_KEY_ID), as PLACEHOLDER reads it. */
const placeholderLabel = (type: string) => type.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'REDACTED';

const PLACEHOLDER = /<[A-Z][A-Z0-9_]*_\d+>/g;
/** Longest placeholder we may have to wait for when it arrives split across stream chunks. */
const MAX_PLACEHOLDER = 48;

export function restoreText(text: string, mapping: Map<string, string>): string {
  if (!mapping.size || !text.includes('<')) return text;
  return text.replace(PLACEHOLDER, (p) => mapping.get(p) ?? p);
}

/**
 * Restores placeholders in a stream whose chunks may split one (`<EMAIL_AD` + `DRESS_1>`): holds back a tail that
 * could still become a placeholder, and releases it with the next chunk or at the end.
 */
export function streamRestorer(mapping: Map<string, string>) {
  let pending = '';
  return {
    push(chunk: string): string {
      const text = pending + chunk;
      const open = text.lastIndexOf('<');
      if (open >= 0 && text.indexOf('>', open) < 0 && text.length - open < MAX_PLACEHOLDER && /^<[A-Z0-9_]*$/.test(text.slice(open))) {
        pending = text.slice(open);
        return restoreText(text.slice(0, open), mapping);
      }
      pending = '';
      return restoreText(text, mapping);
    },
    flush(): string {
      const rest = pending;
      pending = '';
      return restoreText(rest, mapping);
    },
  };
}
