/**
 * A recognizer built from regular expressions, Presidio's PatternRecognizer: each pattern has a base score, an
 * optional validator rejects or confirms a match. Every pattern must be linear: bounded quantifiers, a left
 * boundary in a lookbehind so that a run of input characters yields one attempt, no nested unbounded repeats.
 */
import type { Emit, PiiEntity, Recognizer, ScanInput } from './recognizer.js';

export interface Pattern {
  /** Must carry the `g` flag. */
  readonly re: RegExp;
  readonly score: number;
}

/**
 * Returns the final score for a match: 0 rejects it; a score with `validated: true` is confirmed (a checksum
 * passed). Returning `undefined` keeps the pattern's base score.
 */
export type Validator = (
  value: string,
  base: number,
  match: RegExpExecArray,
) => number | { score: number; validated: boolean } | undefined;

export interface PatternRecognizerSpec {
  entity: PiiEntity;
  patterns: readonly Pattern[];
  context: readonly string[];
  antiContext?: readonly string[];
  requireContext?: boolean;
  /** Defaults to "the text contains a digit". */
  applies?: (input: ScanInput) => boolean;
  validate?: Validator;
  mask: (value: string) => string;
}

export const hasDigit = (input: ScanInput): boolean => input.hasDigit;

export function patternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  const patterns = spec.patterns;
  for (const p of patterns) if (!p.re.global) throw new Error(`pattern for ${spec.entity} needs the g flag`);
  return {
    entity: spec.entity,
    context: spec.context,
    ...(spec.antiContext ? { antiContext: spec.antiContext } : {}),
    ...(spec.requireContext ? { requireContext: true } : {}),
    applies: spec.applies ?? hasDigit,
    mask: spec.mask,
    scan(input: ScanInput, emit: Emit): void {
      const { text } = input;
      for (const p of patterns) {
        if (p.score < input.minBase) continue;
        const re = p.re;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null) {
          const value = m[0];
          if (value.length === 0) {
            re.lastIndex++;
            continue;
          }
          const verdict = spec.validate ? spec.validate(value, p.score, m) : undefined;
          if (verdict === undefined) emit(m.index, m.index + value.length, p.score);
          else if (typeof verdict === 'number') {
            if (verdict > 0) emit(m.index, m.index + value.length, verdict);
          } else if (verdict.score > 0) emit(m.index, m.index + value.length, verdict.score, verdict.validated);
        }
      }
    },
  };
}

/** Removes everything but letters and digits. */
export function compact(value: string): string {
  return value.replace(/[^0-9A-Za-z]/g, '');
}
