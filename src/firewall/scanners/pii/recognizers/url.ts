/**
 * URL: scheme URLs (found from each "://"), "www." addresses and bare domain names with a known top-level domain.
 * Presidio scores these 0.6 and 0.5: a URL is identifying, rarely sensitive on its own. Every search resumes after
 * the text it has examined, so runs of dots, slashes or "www." cost one look each.
 *
 * URLs on reserved hosts are not proposed at all (fixtures.ts): example.com/.net/.org, *.example, *.test,
 * *.invalid, localhost and *.localhost, and private, loopback or documentation IP addresses. Not proposed rather
 * than dropped later, so what such a URL carries is still found on its own: an email address or a phone number in
 * its path or query. Credentials and tokens in a URL are the secrets scanner's (basic-auth-url, generic-secret…).
 */
import { isReservedDomain, isSpecialIp } from '../fixtures.js';
import { maskUrl } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { domainEnd } from './email.js';
import { BARE_DOMAIN_TLDS } from './tlds.js';

const SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ws', 'wss']);
const SCHEME_URL = 0.6;
const WWW_URL = 0.6;
const BARE_DOMAIN = 0.5;
const MAX_HOST = 253;

const WWW = /(?<![\w.@/:-])www\.(?=[A-Za-z0-9])/gi;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[a-z]{2,24}$/;

/** Characters that end a URL in prose: whitespace, quotes, angle brackets and a few that URLs must escape. */
function endsUrl(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96 || c === 123 || c === 125 || c === 124 || c === 92 || c === 94;
}

const isHostChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
/** Characters after which a host name cannot start (it would be part of an email, a path, a longer token). */
const notAfter = (c: number): boolean =>
  isHostChar(c) || c === 95 || c === 64 || c === 47 || c === 58 || c === 37 || c === 43 || c === 61;

/** Extends a URL over its path, query and fragment, then drops trailing punctuation that belongs to the prose. */
export function urlEnd(text: string, from: number): number {
  let end = from;
  let open = 0;
  while (end < text.length && !endsUrl(text.charCodeAt(end))) {
    const c = text[end];
    if (c === '(') open++;
    else if (c === ')') open--;
    end++;
  }
  while (end > from) {
    const last = text[end - 1] as string;
    // A closing parenthesis belongs to the URL only if the URL opened one ("…/Foo_(bar)").
    if (last === ')' && open < 0) open++;
    else if (!'.,;:!?*]'.includes(last)) break;
    end--;
  }
  return end;
}

/** End of the run of host characters starting at `from`, looking at most MAX_HOST + 1 characters ahead. */
function hostRunEnd(text: string, from: number): number {
  let end = from;
  const limit = Math.min(text.length, from + MAX_HOST + 1);
  while (end < limit && isHostChar(text.charCodeAt(end))) end++;
  return end;
}

function validBareHost(host: string): boolean {
  const labels = host.split('.');
  const tld = labels[labels.length - 1] as string;
  return (
    labels.length >= 2 &&
    labels.length <= 9 &&
    TLD.test(tld) &&
    BARE_DOMAIN_TLDS.has(tld) &&
    labels.every((l) => LABEL.test(l))
  );
}

/**
 * Bare domains, found from each '.' followed by a letter or digit. Each run of host characters is read once: the
 * scan resumes after the run, and the walk back never crosses the previous run's end.
 */
function bareDomains(text: string, emit: Emit): void {
  let done = 0;
  let dot = text.indexOf('.');
  while (dot >= 0) {
    let next = dot + 1;
    if (dot > 0 && isHostChar(text.charCodeAt(dot + 1)) && text[dot + 1] !== '.') {
      let start = dot;
      while (start > done && dot - start <= MAX_HOST && isHostChar(text.charCodeAt(start - 1))) start--;
      const runEnd = hostRunEnd(text, dot + 1);
      next = runEnd;
      done = runEnd;
      let end = runEnd;
      while (end > start && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
      const ok =
        end - start <= MAX_HOST &&
        (start === 0 || !notAfter(text.charCodeAt(start - 1))) &&
        !/[\w@-]/.test(text[end] ?? ' ') &&
        validBareHost(text.slice(start, end));
      if (ok) {
        const to = text[end] === '/' ? urlEnd(text, end) : end;
        if (!isReservedDomain(text.slice(start, end))) emit(start, to, BARE_DOMAIN);
        next = Math.max(next, to);
        done = next;
      }
    }
    dot = text.indexOf('.', next);
  }
}

/** End of "user:pass@host:port": the first '/', '?', '#' or a character that ends a URL; -1 if too long. */
function authorityEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 2 * MAX_HOST);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (endsUrl(c) || c === 47 || c === 63 || c === 35) return i;
  }
  return limit === text.length ? limit : -1;
}

/** The host of an authority "host:port" / "[v6]:port" starting at `host`, reserved (fixtures.ts). */
function reservedHost(text: string, host: number, authEnd: number): boolean {
  const authority = text.slice(host, authEnd);
  if (authority.startsWith('[')) return isSpecialIp(authority);
  const name = authority.replace(/:\d*$/, '');
  return /^[\d.]+$/.test(name) ? isSpecialIp(name) : isReservedDomain(name);
}

function hostValid(text: string, host: number, authEnd: number): boolean {
  if (text[host] === '[') return text.slice(host, authEnd).includes(']');
  if (/^(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/.test(text.slice(host, host + 16))) return true;
  if (/^localhost(?![\w.-])/i.test(text.slice(host, host + 10))) return true;
  return domainEnd(text, host) > 0;
}

function schemeUrls(text: string, emit: Emit): void {
  let i = text.indexOf('://');
  while (i >= 0) {
    let s = i;
    while (s > 0 && i - s < 6 && /[A-Za-z]/.test(text[s - 1] as string)) s--;
    let next = i + 3;
    if (SCHEMES.has(text.slice(s, i).toLowerCase()) && (s === 0 || !/\w/.test(text[s - 1] as string))) {
      let host = i + 3;
      const authEnd = authorityEnd(text, host);
      // Skip "user:password@" when the authority has one.
      const at = authEnd < 0 ? -1 : text.slice(host, authEnd).lastIndexOf('@');
      if (at >= 0) host += at + 1;
      if (authEnd >= 0 && hostValid(text, host, authEnd)) {
        const end = urlEnd(text, i + 3);
        if (!reservedHost(text, host, authEnd)) emit(s, end, SCHEME_URL);
        next = Math.max(next, end);
      }
    }
    i = text.indexOf('://', next);
  }
}

export const urlRecognizer: Recognizer = {
  entity: 'URL',
  context: ['url', 'website', 'web site', 'site', 'link', 'domain', 'homepage', 'visit', 'page'],
  applies: (input) => input.text.includes('.'),
  mask: maskUrl,
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    if (text.includes('://')) schemeUrls(text, emit);
    WWW.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WWW.exec(text)) !== null) {
      // "www." must be followed by a whole domain: "www.microsoft" alone is not an address.
      const hostEnd = domainEnd(text, m.index + 4);
      if (hostEnd < 0) {
        WWW.lastIndex = hostRunEnd(text, m.index + 4);
        continue;
      }
      const end = text[hostEnd] === '/' || text[hostEnd] === ':' ? urlEnd(text, hostEnd) : hostEnd;
      if (!isReservedDomain(text.slice(m.index, hostEnd))) emit(m.index, end, WWW_URL);
      WWW.lastIndex = Math.max(WWW.lastIndex, end);
    }
    if (input.minBase <= BARE_DOMAIN) bareDomains(text, emit);
  },
};
