/**
 * What a content scanner reports. Offsets are UTF-16 code-unit indexes into the scanned string (JavaScript string
 * indexes), end exclusive, so `text.slice(start, end)` is the matched span.
 */

export type ScannerName = 'pii' | 'secrets' | 'toxicity' | 'rules';

export interface Finding {
  scanner: ScannerName;
  /** PII: Presidio entity name (EMAIL_ADDRESS, US_SSN…); secrets: rule id (aws-access-key-id…); toxicity: category. */
  type: string;
  start: number;
  end: number;
  /** 0..1 confidence, Presidio-style: base score of the pattern, raised by context, confirmed by validators. */
  score: number;
  /** A form that is safe to show and log: never the full secret or PII value. */
  masked: string;
  /**
   * PERSON only: the name is on the well-known-people list (a public figure named in a question is not a privacy
   * leak). The scanner reports the fact; the policy decides (FIREWALL_PUBLIC_FIGURES).
   */
  publicFigure?: boolean;
}

/** A scanner is a pure, synchronous function of the text: no I/O, so it can run on the hot path and be measured. */
export interface Scanner {
  readonly name: ScannerName;
  scan(text: string): Finding[];
}
