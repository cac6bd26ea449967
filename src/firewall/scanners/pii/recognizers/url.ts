/**
 * URL: scheme URLs (found from each "://"), "www." addresses and bare domain names with a known top-level domain.
 * Presidio scores these 0.6 and 0.5: a URL is identifying, rarely sensitive on its own.
 */
import { maskUrl } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { domainEnd } from './email.js';
import { BARE_DOMAIN_TLDS } from './tlds.js';

const SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ws', 'wss']);
const SCHEME_URL = 0.6;
const WWW_URL = 0.6;
const BARE_DOMAIN = 0.5;

/** Characters that end a URL in prose: whitespace, quotes, angle brackets and a few that URLs must escape. */
function endsUrl(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96 || c === 123 || c === 125 || c === 124 || c === 92 || c === 94;
}

/** Extends a URL over its path, query and fragment, then drops trailing punctuation that belongs to the prose. */
export function urlEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !endsUrl(text.charCodeAt(end))) end++;
  const opens = (s: string): number => s.split('(').length - s.split(')').length;
  while (end > from) {
    const last = text[end - 1] as string;
    if ('.,;:!?*'.includes(last) || (last === ')' && opens(text.slice(from, end)) < 0) || last === ']') end--;
    else break;
  }
  return end;
}

const WWW = /(?<![\w.@/:-])www\.(?=[A-Za-z0-9])/gi;
// One left boundary per token, bounded labels: a run of dots or letters costs one failed attempt per token.
const BARE = /(?<![\w.@/:%+=-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([a-z]{2,24})(?![\w@-]|\.[A-Za-z0-9])/g;

function schemeUrls(text: string, emit: Emit): number[] {
  const spans: number[] = [];
  let i = text.indexOf('://');
  while (i >= 0) {
    let s = i;
    while (s > 0 && i - s < 6 && /[A-Za-z]/.test(text[s - 1] as string)) s--;
    const scheme = text.slice(s, i).toLowerCase();
    const before = s > 0 ? (text[s - 1] as string) : ' ';
    let next = i + 3;
    if (SCHEMES.has(scheme) && !/[\w]/.test(before)) {
      let host = i + 3;
      // Skip "user:password@" when the authority has one.
      const authEnd = urlEnd(text, host);
      const slash = text.slice(host, authEnd).search(/[/?#]/);
      const authority = text.slice(host, slash < 0 ? authEnd : host + slash);
      const at = authority.lastIndexOf('@');
      if (at >= 0) host += at + 1;
      let ok = false;
      if (text[host] === '[') ok = text.indexOf(']', host) > host;
      else if (/^(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/.test(text.slice(host, host + 16))) ok = true;
      else if (/^localhost(?![\w.-])/i.test(text.slice(host, host + 10))) ok = true;
      else ok = domainEnd(text, host) > 0;
      if (ok) {
        const end = urlEnd(text, i + 3);
        emit(s, end, SCHEME_URL);
        spans.push(s, end);
        next = Math.max(next, end);
      }
    }
    i = text.indexOf('://', next);
  }
  return spans;
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
      const hostEnd = domainEnd(text, m.index);
      if (hostEnd < 0) continue;
      const end = text[hostEnd] === '/' || text[hostEnd] === ':' ? urlEnd(text, hostEnd) : hostEnd;
      emit(m.index, end, WWW_URL);
      WWW.lastIndex = Math.max(WWW.lastIndex, end);
    }
    if (input.minBase > BARE_DOMAIN) return;
    BARE.lastIndex = 0;
    while ((m = BARE.exec(text)) !== null) {
      if (!BARE_DOMAIN_TLDS.has(m[1] as string)) continue;
      let end = m.index + m[0].length;
      if (text[end] === '/') end = urlEnd(text, end);
      emit(m.index, end, BARE_DOMAIN);
    }
  },
};
