import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Profanity that targets no one is `obscenity` (log-only in the default policy); profanity aimed at a person is
 * `insult` (blocked). Sentences written for this test: chat, code review, game chat, support tickets.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

describe('toxicity scanner: profanity aimed at nobody is obscenity only', () => {
  it.each([
    'this fucking build keeps failing',
    'shit, I deleted the branch',
    'what the fuck is this stack trace',
    'fuck this flaky test suite',
    'holy shit this query is fast now',
    'are you fucking kidding me, the deploy failed again',
    'fuck, you are right, I forgot the semicolon',
    'oh shit you were right about the cache',
    'thank you, shit happens',
    'you broke the fucking build again',
    'fuck it, I will rewrite the parser',
  ])('%s', (text) => {
    const t = types(text);
    expect(t).toEqual(['obscenity']);
  });

  it.each(['damn this regex', 'what the hell is this error', 'hell yeah it compiles', 'damn, that was close'])(
    'mild: %s is a low obscenity score and nothing else',
    (text) => {
      // Below the default threshold; the gateway's engine scans at the policy's 0.3 floor, where it is an
      // obscenity finding (log-only).
      expect(types(text)).toEqual([]);
      const s = scanner.scores(text);
      expect(s.obscenity).toBeGreaterThanOrEqual(0.3);
      for (const [cat, v] of Object.entries(s)) if (cat !== 'obscenity') expect(v, cat).toBe(0);
      const low = createToxicityScanner({ threshold: 0.3 }).scan(text).map((f) => f.type);
      expect(new Set(low)).toEqual(new Set(['obscenity']));
    },
  );
});

describe('toxicity scanner: profanity aimed at a person is an insult', () => {
  it.each([
    'you fucking idiot',
    'fuck you',
    'fuck you guys, I am done with this server',
    'fuck off and stop pinging me',
    'fuck him, he never reviews my PRs',
    'fuck the mods on this forum',
    'you piece of shit',
    'stfu noob',
    'shut the fuck up already',
    'go fuck yourself',
    'you stupid bitch',
  ])('%s', (text) => {
    expect(types(text)).toContain('insult');
  });
});
