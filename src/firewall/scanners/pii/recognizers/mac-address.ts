/**
 * MAC_ADDRESS: six hex pairs joined by one consistent ':' or '-', or Cisco's three dotted quads. The broadcast
 * and all-zero addresses identify nobody and are rejected. Candidates are found from the separators, so ordinary
 * prose (full of a–f letters) costs one indexOf per separator.
 */
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';

const COLON_OR_DASH = /[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-]|\.[0-9A-Fa-f])/y;
const DOTTED = /[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:-]|\.[0-9A-Fa-f])/y;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isBoundary = (text: string, i: number): boolean => i < 0 || !/[\w:.-]/.test(text[i] as string);

function emitIfValid(text: string, start: number, end: number, emit: Emit): void {
  const hex = text.slice(start, end).replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
  if (hex !== '000000000000' && hex !== 'ffffffffffff') emit(start, end, 0.6);
}

/** Tries the sticky pattern at start = separator − width for each separator; returns nothing, emits matches. */
function scanFrom(text: string, sep: string, width: number, re: RegExp, emit: Emit): void {
  let i = text.indexOf(sep, width);
  while (i >= 0) {
    const start = i - width;
    let next = i + 1;
    if (isHex(text.charCodeAt(start)) && isHex(text.charCodeAt(i - 1)) && isHex(text.charCodeAt(i + 1)) && isBoundary(text, start - 1)) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (m) {
        emitIfValid(text, start, start + m[0].length, emit);
        next = start + m[0].length;
      }
    }
    i = text.indexOf(sep, next);
  }
}

export const macAddressRecognizer: Recognizer = {
  entity: 'MAC_ADDRESS',
  context: ['mac', 'hardware', 'physical', 'ethernet', 'wifi', 'wi-fi', 'nic', 'bssid', 'device'],
  applies: (input) => input.text.includes(':') || input.text.includes('-') || input.text.includes('.'),
  // The first three bytes name the vendor, not the device.
  mask: (value) => value.slice(0, 8).replace(/[0-9A-Fa-f]{2}$/, '**') + value.slice(8).replace(/[0-9A-Fa-f]/g, '*'),
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    scanFrom(text, ':', 2, COLON_OR_DASH, emit);
    scanFrom(text, '-', 2, COLON_OR_DASH, emit);
    scanFrom(text, '.', 4, DOTTED, emit);
  },
};
