/**
 * CRYPTO: Bitcoin addresses, legacy base58check (P2PKH "1…", P2SH "3…") and segwit bech32/bech32m ("bc1…"), each
 * confirmed by its checksum.
 */
import { base58CheckValid, bech32Valid } from '../checksums.js';
import { maskEnds } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

const BTC = /(?<![\w])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{8,87}|BC1[02-9AC-HJ-NP-Z]{8,87})(?![\w])/g;

export const cryptoRecognizer = patternRecognizer({
  entity: 'CRYPTO',
  patterns: [{ re: BTC, score: 0.5 }],
  context: ['wallet', 'btc', 'bitcoin', 'crypto', 'address', 'send'],
  mask: (value) => maskEnds(value, 4, 4),
  validate(value) {
    const ok = value[0] === '1' || value[0] === '3' ? base58CheckValid(value) : bech32Valid(value);
    return ok ? { score: 1, validated: true } : 0;
  },
});
