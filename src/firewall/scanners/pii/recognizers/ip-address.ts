/**
 * IP_ADDRESS: IPv4 (each octet 0–255, optional /0–32 prefix) and IPv6 (see ipv6.ts). 0.6 like Presidio; the
 * unspecified address "::" is a very weak 0.1. Neither may start inside a word ("text192.168.1.1").
 *
 * A four-part version is not an address: `AssemblyVersion("1.0.0.0")`, "version 10.0.0.1", "Chrome/120.0.0.0",
 * "build 4.2.0.1". Private, loopback, documentation and other special-purpose addresses, and public DNS resolvers,
 * are found here and dropped by the engine as fixtures (fixtures.ts), so they still claim their span.
 */
import { Lexicon, wordsBefore } from '../cues.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { isWordCode, readIpv4, readIpv6 } from './ipv6.js';

const VERSION_WORDS = new Lexicon([
  'version', 'versions', 'ver', 'v', 'build', 'release', 'rev', 'revision', 'firmware', 'fw', 'driver', 'patch',
  'update', 'sdk', 'runtime', 'assembly', 'nuget', 'package', 'pkg', 'chrome', 'chromium', 'firefox',
  'safari', 'opera', 'windows', 'macos', 'ios', 'ipados', 'android', 'kernel', 'python', 'java', 'jdk', 'jre',
  'dotnet', 'bios', 'uefi',
]);
/** Words between a label and its value: "version is 1.0.0.0", "build number 4.2.0.1". */
const LINKS = new Set(['is', 'was', 'number', 'no', 'nr', 'of', 'to', 'from', 'v', 'the']);

/** "AssemblyVersion(" / "FileVersion=" / "version" / "Chrome/" right before the dotted quad at `start`. */
function isVersion(text: string, start: number): boolean {
  // A product token of a user agent or a package spec: "Chrome/120.0.0.0", "Microsoft.NET.Sdk/8.0.100.1".
  if (text[start - 1] === '/' && /[A-Za-z]/.test(text[start - 2] ?? '')) return true;
  for (const { word } of wordsBefore(text, start, 3, 40)) {
    if (VERSION_WORDS.has(word) || word.endsWith('version')) return true;
    if (!LINKS.has(word)) return false;
  }
  return false;
}

const IP = 0.6;
const UNSPECIFIED = 0.1;
const V4_START = /(?<![\w.])\d{1,3}\./g;

const isHexOrColon = (c: number): boolean =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function scanV4(text: string, emit: Emit): void {
  V4_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = V4_START.exec(text)) !== null) {
    let end = readIpv4(text, m.index);
    if (end < 0 || isWordCode(text.charCodeAt(end))) continue;
    if (isVersion(text, m.index)) {
      V4_START.lastIndex = end;
      continue;
    }
    if (text[end] === '/') {
      let j = end + 1;
      let n = 0;
      while (j - end < 4 && isWordCode(text.charCodeAt(j)) && /\d/.test(text[j] as string)) n = n * 10 + Number(text[j++]);
      if (j > end + 1 && n <= 32 && !isWordCode(text.charCodeAt(j))) end = j;
    }
    emit(m.index, end, IP);
    V4_START.lastIndex = end;
  }
}

function scanV6(text: string, minBase: number, emit: Emit): void {
  let colon = text.indexOf(':');
  while (colon >= 0) {
    // Walk back to the start of this run of hex digits and colons; each run is read once.
    let start = colon;
    while (start > 0 && isHexOrColon(text.charCodeAt(start - 1))) start--;
    let runEnd = colon;
    while (runEnd < text.length && (isHexOrColon(text.charCodeAt(runEnd)) || text[runEnd] === '.')) runEnd++;
    if (!isWordCode(text.charCodeAt(start - 1))) {
      const m = readIpv6(text, start);
      if (m) {
        const score = m.unspecified ? UNSPECIFIED : IP;
        if (score >= minBase) emit(start, m.end, score);
        runEnd = Math.max(runEnd, m.end);
      }
    }
    colon = text.indexOf(':', runEnd + 1);
  }
}

export const ipAddressRecognizer: Recognizer = {
  entity: 'IP_ADDRESS',
  context: ['ip', 'ipv4', 'ipv6', 'address', 'server', 'host', 'gateway', 'subnet', 'connect', 'connecting', 'client'],
  applies: (input) => input.hasDigit || input.text.includes(':'),
  mask: (value) => (value.includes(':') ? `${value.split(':')[0] || ':'}:****` : `${value.split('.')[0]}.*.*.*`),
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    if (input.hasDigit && text.includes('.')) scanV4(text, emit);
    if (text.includes(':')) scanV6(text, input.minBase, emit);
  },
};
