import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';
import { buildLexicon } from '../../../src/firewall/scanners/toxicity/lexicon.js';

const scanner = createToxicityScanner();
const first = (text: string) => scanner.scan(text)[0];

describe('toxicity scanner: obfuscation is undone', () => {
  it.each([
    ['leetspeak', 'sh1t', 'sh1t'],
    ['leetspeak with symbols', 'a$$hole', 'a$$hole'],
    ['leetspeak digits', 'y0u 4r3 4n 1d10t', 'y0u 4r3 4n 1d10t'],
    ['@ inside a word', 'f@g', 'f@g'],
    ['spaced letters', 'f u c k this', 'f u c k'],
    ['spaced letters after a one-letter word', 'you are a f u c k i n g idiot', 'f u c k i n g'],
    ['dotted letters', 'f.u.c.k off', 'f.u.c.k'],
    ['dashed letters', 's-h-i-t', 's-h-i-t'],
    ['repeated letters', 'fuuuuuck', 'fuuuuuck'],
    ['repeated double letters', 'asssssshole', 'asssssshole'],
    ['masked letters', 'f*ck off', 'f*ck'],
    ['masked letters, several', 'a**hole', 'a**hole'],
    ['Cyrillic homoglyphs', 'fцck', 'fцck'],
    ['Cyrillic а/е/о', 'аss', 'аss'],
    ['fullwidth letters', 'ｆｕｃｋ', 'ｆｕｃｋ'],
    ['mathematical letters', '𝐟𝐮𝐜𝐤', '𝐟𝐮𝐜𝐤'],
    ['zero-width joiner inside', 'fu\u200dck', 'fu\u200dck'],
    ['zero-width space inside', 'sh\u200bit', 'sh\u200bit'],
    ['soft hyphen inside', 'bi\u00adtch', 'bi\u00adtch'],
    ['trailing punctuation', 'fuck!!!', 'fuck'],
    ['hyphenated compound', 'mother-fucker', 'mother-fucker'],
  ])('%s: %s', (_name, text, span) => {
    const f = scanner.scan(text).find((x) => text.slice(x.start, x.end) === span);
    expect(f, text).toBeDefined();
    expect(text.slice(f!.start, f!.end)).toBe(span);
    expect(f!.masked.startsWith(String.fromCodePoint(span.codePointAt(0)!))).toBe(true);
    expect(f!.masked).toMatch(/^.\**$/u);
  });

  it('reads obfuscated words in context: spaced and leet threats still need a target', () => {
    expect(scanner.scan('I will k i l l you').map((f) => f.type)).toContain('threat');
    expect(scanner.scan('k i l l the process')).toEqual([]);
  });

  it.each([
    ['threat', 'i kn0w wh3re y0ur k1ds go to sch00l'],
    ['threat', 'y0u w0nt s33 it c0ming'],
    ['identity_attack', 'muslims are v3rmin'],
    ['identity_attack', 'ｍｕｓｌｉｍｓ ａｒｅ ｔｅｒｒｏｒｉｓｔｓ'],
    ['self_harm', 'go j u m p off a bridge'],
    ['insult', 'bh3nch0d'],
  ])('the patterns and other-language lists read obfuscated words too: %s in %s', (type, text) => {
    expect(scanner.scan(text).map((f) => f.type)).toContain(type);
  });

  it('catches a listed slur written with leetspeak and homoglyphs, without spelling it out here', () => {
    const words = [...buildLexicon().words];
    const slur = words.find(([w, i]) => i.cat === 'identity_attack' && i.score >= 0.95 && /[ioe]/.test(w))![0];
    const disguised = slur.replace('i', '1').replace('o', '0').replace('e', 'е');
    expect(disguised).not.toBe(slur);
    expect(scanner.scan(disguised).map((f) => f.type)).toEqual(['identity_attack']);
  });

  it('compounds built on an unmistakable stem', () => {
    expect(first('motherfucking')?.type).toBe('obscenity');
    expect(first('bullshit')?.type).toBe('obscenity');
    expect(first('dumbass')).toBeDefined();
  });
});

describe('toxicity scanner: de-obfuscation does not invent words', () => {
  it.each([
    'Scunthorpe', 'Penistone', 'cocktail', "assassin's creed", 'therapist', 'class assessment', 'the cockpit',
    'Hitchcock', 'shiitake', 'cumulative', 'grape', 'a niggardly budget', 'snigger', 'wsl-utils', 'pushItem',
    'h4x0r l33t c00l gr8 b4 2day w00t n00b', 'mp3 h264 v8 k8s i18n', 'connection conn', 'Essex and Sussex',
    'A S A P', 'U.S.A.', 'e.g. i.e.', '@shitposter hello',
  ])('%s', (text) => {
    expect(scanner.scan(text)).toEqual([]);
  });
});
