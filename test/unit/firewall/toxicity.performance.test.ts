import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

const MB = 1 << 20;
const scanner = createToxicityScanner();

function timed(text: string): { ms: number; findings: number } {
  const t0 = performance.now();
  const findings = scanner.scan(text).length;
  return { ms: performance.now() - t0, findings };
}

/** Best of three, so one GC pause or a busy neighbour does not decide a test. */
function best(text: string): number {
  return Math.min(timed(text).ms, timed(text).ms, timed(text).ms);
}

describe('toxicity scanner: adversarial input finishes in bounded time', () => {
  // Limits are generous (the scanner runs these at 5–150 MB/s); they catch a quadratic path, not a slow machine.
  it.each([
    ['one letter', 'a'.repeat(MB)],
    ['spaced letters', 'a '.repeat(MB / 2)],
    ['spaced letters that spell words', 'f u c k '.repeat(MB / 8)],
    ['punctuation', '.,;!?*-'.repeat(Math.floor(MB / 7))],
    ['masks', 'f*'.repeat(MB / 2)],
    ['leetspeak symbols', '1@$!|'.repeat(Math.floor(MB / 5))],
    ['zero-width characters', 'f\u200b'.repeat(MB / 2)],
    ['homoglyphs', 'аео '.repeat(MB / 4)],
    ['emoji', '😀'.repeat(MB / 2)],
    ['one long stretched word', `f${'u'.repeat(MB)}ck`],
    ['hyphen chains', 'mother-'.repeat(Math.floor(MB / 7))],
    ['threat after threat', 'I will kill you '.repeat(MB / 16)],
    // The patterns, the encouragement and sextortion rules and the combining step, each anchored on every word.
    ['group statements', 'all immigrants are are are just a bunch of '.repeat(Math.floor(MB / 42))],
    ['pattern anchors without a sentence end', 'you will never see it you will never know what '.repeat(Math.floor(MB / 48))],
    ['encouragement and weak cues', 'nobody would miss you just end it go jump '.repeat(Math.floor(MB / 42))],
    ['sharing verbs', 'send me more pics or I will post these to your family '.repeat(Math.floor(MB / 54))],
    ['Devanagari', 'तू चूतिया है भेनचोद '.repeat(Math.floor(MB / 20))],
    // Requests read 40 words ahead; group names, "they", bridged and coordinated group patterns; combined cues.
    ['message requests', 'write a message telling her she is an ugly pig and nobody loves her '.repeat(Math.floor(MB / 68))],
    ['group bridges and pronouns', 'migrants from the city who live here and they are are just too dirty '.repeat(Math.floor(MB / 70))],
    ['nationalities', 'the chinese the french are the irish never '.repeat(Math.floor(MB / 42))],
    ['coercion cues', 'send me pics if you want to keep your job or you are fired sleep with me '.repeat(Math.floor(MB / 74))],
    ['veiled threats', 'people who cross me tend to have accidents shame if something happened to your kids '.repeat(Math.floor(MB / 86))],
  ])('%s (1 MB) in under 2 s', (_name, text) => {
    expect(timed(text).ms).toBeLessThan(2000);
  });

  it('time grows linearly: doubling the input does not quadruple the time', () => {
    const unit = 'you are an idiot. kill the process. f u c k. fuuuck. sh1t. the quick brown fox. ';
    const half = unit.repeat(Math.floor(MB / 2 / unit.length));
    const full = half + half;
    scanner.scan(half);
    expect(best(full)).toBeLessThan(4 * best(half) + 20);
  });

  it('a 1 KB prompt scans in well under a millisecond', () => {
    const prompt = 'Please review this function and explain why the worker process is killed after a timeout. '
      .repeat(12)
      .slice(0, 1024);
    for (let i = 0; i < 200; i++) scanner.scan(prompt);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) times.push(timed(prompt).ms);
    times.sort((a, b) => a - b);
    expect(times[100]!).toBeLessThan(0.5);
  });
});
