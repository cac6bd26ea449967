/**
 * Masks that keep a finding recognisable in logs and dashboards without revealing it: at most the last four
 * characters (and never more than half of them) stay visible, separators keep their place.
 */

const ALNUM = /[\p{L}\p{N}]/u;

function visibleTail(count: number, keep: number): number {
  return Math.min(keep, Math.floor(count / 2));
}

/** `078-05-6789` → `***-**-6789`: every letter and digit but the visible tail becomes `*`. */
export function maskTail(value: string, keep = 4): string {
  let count = 0;
  for (const ch of value) if (ALNUM.test(ch)) count++;
  let show = visibleTail(count, keep);
  const out: string[] = [];
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i] as string;
    if (!ALNUM.test(ch)) out.push(ch);
    else if (show > 0) {
      out.push(ch);
      show--;
    } else out.push('*');
  }
  return out.reverse().join('');
}

/** `4111 1111 1111 1111` → `****1111`. */
export function maskCompact(value: string, keep = 4): string {
  const chars = value.replace(/[^\p{L}\p{N}]/gu, '');
  return `****${chars.slice(chars.length - visibleTail(chars.length, keep))}`;
}

/** Keeps a short prefix (a country code, an address family) and the tail, stars in between. */
export function maskEnds(value: string, head: number, tail: number): string {
  const chars = value.replace(/[^\p{L}\p{N}]/gu, '');
  const h = Math.min(head, Math.floor(chars.length / 4));
  const t = Math.min(tail, Math.floor(chars.length / 4));
  return `${chars.slice(0, h)}${'*'.repeat(Math.max(3, chars.length - h - t))}${chars.slice(chars.length - t)}`;
}

/** Every letter and digit becomes `*`. */
export function maskAll(value: string): string {
  return value.replace(/[\p{L}\p{N}]/gu, '*');
}

/** `john.doe@example.com` → `j***@example.com`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskAll(value);
  return `${value[0]}***${value.slice(at)}`;
}

/** Keeps the scheme and top-level domain: `https://www.example.com/a?b` → `https://w***.com/…`. */
export function maskUrl(value: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)(.*)$/is.exec(value);
  const scheme = m?.[1] ?? '';
  const host = m?.[2] ?? value;
  const rest = m?.[3] ?? '';
  const dot = host.lastIndexOf('.');
  const tld = dot > 0 ? host.slice(dot) : '';
  return `${scheme}${host.slice(0, 1)}***${tld}${rest.length > 1 ? '/…' : rest}`;
}

/** `Jane Q. Doe` → `J*** Q. D**`: initials only. */
export function maskName(value: string): string {
  return value.replace(/([\p{L}])([\p{L}\p{M}'’-]+)/gu, (_m, first: string, rest: string) => first + '*'.repeat(rest.length));
}
