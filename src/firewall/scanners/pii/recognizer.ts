/**
 * The contract between the PII engine and its recognizers, modelled on Presidio: a recognizer proposes candidate
 * spans with a base score, its validator may reject (drop) or confirm them, and context words near a candidate
 * raise its score. The engine then applies the threshold and resolves overlaps.
 */

export const PII_ENTITIES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'US_SSN',
  'US_ITIN',
  'IBAN_CODE',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'URL',
  'CRYPTO',
  'US_BANK_NUMBER',
  'ABA_ROUTING_NUMBER',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'UK_NHS',
  'DATE_TIME',
  'PERSON',
] as const;

export type PiiEntity = (typeof PII_ENTITIES)[number];

/** What every recognizer sees: the text plus facts computed once per scan, so recognizers can skip cheaply. */
export interface ScanInput {
  readonly text: string;
  readonly hasDigit: boolean;
  /**
   * The lowest base score worth proposing: a candidate below it cannot reach the threshold even with a context
   * boost, so recognizers may skip the patterns that cannot produce more.
   */
  readonly minBase: number;
  /** false when context scoring is switched off (evaluation of context words). */
  readonly useContext: boolean;
}

/** Propose a span. `validated` means a checksum or strict validator confirmed it (wins score ties, no boost). */
export type Emit = (start: number, end: number, score: number, validated?: boolean) => void;

export interface Recognizer {
  readonly entity: PiiEntity;
  /** Lower-case words or phrases; matched at word starts, so "phone" also matches "phones". */
  readonly context: readonly string[];
  /** If one of these is near, the context boost is withheld (e.g. "account" near a phone-shaped number). */
  readonly antiContext?: readonly string[];
  /** Candidates without a context word are dropped (date of birth: a date alone is not PII). */
  readonly requireContext?: boolean;
  /** The recognizer scores context itself (PERSON); the engine leaves its scores alone. */
  readonly ownsContext?: boolean;
  /** Cheap test on the whole input before scanning, e.g. "contains a digit". */
  applies(input: ScanInput): boolean;
  scan(input: ScanInput, emit: Emit): void;
  /** A form that is safe to log: never the whole value. */
  mask(value: string): string;
}
