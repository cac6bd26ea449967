/**
 * Runs the recognizers over a text and turns their candidates into findings: context boost, threshold, then
 * overlap resolution (higher score wins, then a validated finding, then the longer span, then the recognizer
 * listed first), so the findings never overlap and can be redacted in one pass. Last, test fixtures and reserved
 * values (fixtures.ts: example.com addresses, processors' test cards, private and documentation IPs) are dropped.
 */
import type { Finding } from '../../types.js';
import { boosted, CONTEXT_BOOST, contextMatcher, contextWords, type ContextMatcher } from './context.js';
import { isFixture } from './fixtures.js';
import type { Recognizer, ScanInput } from './recognizer.js';

interface Candidate {
  rec: number;
  start: number;
  end: number;
  score: number;
  validated: boolean;
}

interface Prepared {
  rec: Recognizer;
  context: ContextMatcher;
  anti: ContextMatcher;
}

export interface EngineOptions {
  threshold: number;
  /** false: scores are the recognizers' own, as Presidio without its context enhancer (used by the evaluation). */
  useContext: boolean;
  /**
   * Drop test fixtures and reserved values (fixtures.ts) after overlap resolution, so they still claim their span.
   * Default true; false reports them, as Presidio does (evaluation against its corpus).
   */
  allowlist?: boolean;
}

const HAS_DIGIT = /\d/;

export function createEngine(recognizers: readonly Recognizer[], opts: EngineOptions): (text: string) => Finding[] {
  const prepared: Prepared[] = recognizers.map((rec) => ({
    rec,
    context: contextMatcher(rec.context),
    anti: contextMatcher(rec.antiContext ?? []),
  }));
  const threshold = opts.threshold;
  const allowlist = opts.allowlist ?? true;
  // A candidate whose base score plus the boost stays below the threshold can never be reported.
  const minBase = opts.useContext ? threshold - CONTEXT_BOOST - 1e-9 : threshold - 1e-9;

  return function scan(text: string): Finding[] {
    if (text.length === 0) return [];
    const input: ScanInput = { text, hasDigit: HAS_DIGIT.test(text), minBase, useContext: opts.useContext };
    const candidates: Candidate[] = [];
    // One callback per scan, not one per recognizer: it reads the recognizer being run from `r` and `p`.
    let r = 0;
    let p = prepared[0] as Prepared;
    const emit = (start: number, end: number, base: number, validated = false): void => {
      const { rec, context, anti } = p;
      let score = base;
      const contextual = !rec.ownsContext && opts.useContext && !context.empty;
      if (contextual && (score < 1 || rec.requireContext)) {
        const words = contextWords(text, start, end);
        if (context.test(words) && !anti.test(words)) score = boosted(score);
        else if (rec.requireContext) return;
      } else if (rec.requireContext && !contextual) return;
      if (score >= threshold && score > 0) candidates.push({ rec: r, start, end, score, validated });
    };
    for (r = 0; r < prepared.length; r++) {
      p = prepared[r] as Prepared;
      if (!p.rec.applies(input)) continue;
      p.rec.scan(input, emit);
    }
    return resolve(text, candidates, prepared, allowlist);
  };
}

function compare(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    Number(b.validated) - Number(a.validated) ||
    b.end - b.start - (a.end - a.start) ||
    a.rec - b.rec ||
    a.start - b.start
  );
}

function resolve(text: string, candidates: Candidate[], prepared: readonly Prepared[], allowlist: boolean): Finding[] {
  if (candidates.length === 0) return [];
  let kept = candidates;
  if (candidates.length > 1) {
    candidates.sort(compare);
    // Marks the characters already claimed; each candidate checks only its own span, so the cost is the sum of
    // candidate lengths, which the recognizers keep bounded.
    const taken = new Uint8Array(text.length);
    kept = [];
    for (const c of candidates) {
      let free = true;
      for (let i = c.start; i < c.end; i++) {
        if (taken[i] === 1) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      taken.fill(1, c.start, c.end);
      kept.push(c);
    }
    kept.sort((a, b) => a.start - b.start);
  }
  const findings: Finding[] = [];
  for (const c of kept) {
    const rec = (prepared[c.rec] as Prepared).rec;
    const value = text.slice(c.start, c.end);
    if (allowlist && isFixture(rec.entity, value)) continue;
    findings.push({
      scanner: 'pii',
      type: rec.entity,
      start: c.start,
      end: c.end,
      score: Math.round(c.score * 1000) / 1000,
      masked: rec.mask(value),
    });
  }
  return findings;
}
