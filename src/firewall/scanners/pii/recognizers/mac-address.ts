/**
 * MAC_ADDRESS: six hex pairs joined by one consistent ':' or '-', or Cisco's three dotted quads. The broadcast
 * and all-zero addresses identify nobody and are rejected.
 */
import { patternRecognizer } from '../pattern.js';

const MAC =
  /(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-]|\.[0-9A-Fa-f])/g;

export const macAddressRecognizer = patternRecognizer({
  entity: 'MAC_ADDRESS',
  patterns: [{ re: MAC, score: 0.6 }],
  context: ['mac', 'hardware', 'physical', 'ethernet', 'wifi', 'wi-fi', 'nic', 'bssid', 'device'],
  applies: (input) => input.text.includes(':') || input.text.includes('-') || input.text.includes('.'),
  // The first three bytes name the vendor, not the device.
  mask: (value) => value.slice(0, 8).replace(/[0-9A-Fa-f]{2}$/, '**') + value.slice(8).replace(/[0-9A-Fa-f]/g, '*'),
  validate(value) {
    const hex = value.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
    return hex === '000000000000' || hex === 'ffffffffffff' ? 0 : undefined;
  },
});
