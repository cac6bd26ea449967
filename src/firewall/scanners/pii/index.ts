/**
 * The PII scanner: Presidio's entity types and scoring model (pattern base scores, validators, context words,
 * threshold, overlap resolution) in plain TypeScript, fast enough for the request path. See engine.ts for the
 * pipeline and recognizers/ for one file per entity.
 */
import type { Scanner } from '../../types.js';
import { createEngine } from './engine.js';
import { PII_ENTITIES, type PiiEntity, type Recognizer } from './recognizer.js';
import { abaRoutingRecognizer } from './recognizers/aba-routing.js';
import { creditCardRecognizer } from './recognizers/credit-card.js';
import { cryptoRecognizer } from './recognizers/crypto.js';
import { dateOfBirthRecognizer } from './recognizers/date-of-birth.js';
import { emailRecognizer } from './recognizers/email.js';
import { ibanRecognizer } from './recognizers/iban.js';
import { ipAddressRecognizer } from './recognizers/ip-address.js';
import { macAddressRecognizer } from './recognizers/mac-address.js';
import { createPersonRecognizer, markPublicFigures } from './recognizers/person.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { ukNhsRecognizer } from './recognizers/uk-nhs.js';
import { urlRecognizer } from './recognizers/url.js';
import { usBankRecognizer } from './recognizers/us-bank.js';
import { usDriverLicenseRecognizer } from './recognizers/us-driver-license.js';
import { usItinRecognizer } from './recognizers/us-itin.js';
import { usPassportRecognizer } from './recognizers/us-passport.js';
import { usSsnRecognizer } from './recognizers/us-ssn.js';

export { PII_ENTITIES, type PiiEntity };
/** The entity types this scanner can report (Presidio names). */
export const SUPPORTED_PII_ENTITIES: readonly PiiEntity[] = PII_ENTITIES;

export interface PiiScannerOptions {
  /** Findings scoring below this are dropped. Default 0.5. */
  threshold?: number;
  /** Report only these entity types (Presidio names). Default: all of SUPPORTED_PII_ENTITIES. */
  entities?: readonly string[];
  /** Apply context words (default true). false reproduces Presidio without its context enhancer, for evaluation. */
  useContext?: boolean;
  /**
   * Drop test fixtures and reserved values (fixtures.ts: example.com addresses, processors' test cards, private,
   * loopback and documentation IPs, public DNS resolvers). Default true; false reports them, as Presidio does, to
   * compare with its corpus.
   */
  allowlist?: boolean;
}

/**
 * In priority order: when two findings overlap with equal scores, neither confirmed by a checksum and of equal
 * length, the one listed first wins (an SSN-shaped number is an SSN before it is a phone number). Factories, so
 * that the name gazetteer is only built when PERSON is wanted.
 */
const RECOGNIZERS: readonly (readonly [PiiEntity, () => Recognizer])[] = [
  ['EMAIL_ADDRESS', () => emailRecognizer],
  ['URL', () => urlRecognizer],
  ['IBAN_CODE', () => ibanRecognizer],
  ['CREDIT_CARD', () => creditCardRecognizer],
  ['CRYPTO', () => cryptoRecognizer],
  ['US_SSN', () => usSsnRecognizer],
  ['US_ITIN', () => usItinRecognizer],
  ['UK_NHS', () => ukNhsRecognizer],
  ['ABA_ROUTING_NUMBER', () => abaRoutingRecognizer],
  ['IP_ADDRESS', () => ipAddressRecognizer],
  ['MAC_ADDRESS', () => macAddressRecognizer],
  ['DATE_TIME', () => dateOfBirthRecognizer],
  ['PHONE_NUMBER', () => phoneRecognizer],
  ['US_DRIVER_LICENSE', () => usDriverLicenseRecognizer],
  ['US_PASSPORT', () => usPassportRecognizer],
  ['US_BANK_NUMBER', () => usBankRecognizer],
  ['PERSON', () => createPersonRecognizer()],
];

export function createPiiScanner(opts: PiiScannerOptions = {}): Scanner {
  const threshold = opts.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be between 0 and 1');
  const wanted = opts.entities ? new Set(opts.entities) : undefined;
  if (wanted) {
    const unknown = [...wanted].filter((e) => !(PII_ENTITIES as readonly string[]).includes(e));
    if (unknown.length > 0) throw new RangeError(`unsupported PII entities: ${unknown.join(', ')}`);
  }
  const active = RECOGNIZERS.filter(([entity]) => !wanted || wanted.has(entity)).map(([, make]) => make());
  const scan = createEngine(active, { threshold, useContext: opts.useContext ?? true, allowlist: opts.allowlist ?? true });
  // PERSON findings on the public-figure list carry `publicFigure: true` (the policy decides what to do with them).
  if (wanted && !wanted.has('PERSON')) return { name: 'pii', scan };
  return { name: 'pii', scan: (text: string) => markPublicFigures(text, scan(text)) };
}
