import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Abuse mentioned rather than used: a word asked about or quoted in a sentence about words, an insult told about in
 * history or awareness material, an address known for a harmless reason. And the same words used, which still count.
 * Sentences written for this test.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();
const abusive = (text: string): string[] => types(text).filter((t) => t !== 'obscenity');

const MENTIONED = [
  'What does "vai se foder" mean in Portuguese? Someone wrote it under my video.',
  'My Italian grandma calls me "stronzo" jokingly, what does it mean?',
  'what does pendejo mean',
  'How do you translate "hijo de puta" politely for subtitles?',
  'History essay: how did Nazi propaganda portray Jews as vermin and parasites?',
  'Explain the "women belong in the kitchen" meme and why it is sexist.',
  "Je sais où tu habites maintenant, tu m'as envoyé l'adresse hier.",
  'Ich weiß, wo du wohnst, ich hab doch dein Paket abgeholt.',
  'I know where you live now, you sent me the address yesterday',
  'Security awareness: sextortion scams say "pay or I send your photos to your contacts". How to respond?',
];

const USED = [
  'what do you mean, you idiot?',
  "I mean, you're a fucking moron",
  'sei un coglione, capito?',
  'I know where you live',
  'I called him a nigger and I would do it again',
];

describe('toxicity scanner: mention is not use', () => {
  it.each(MENTIONED)('harmless: %s', (text) => {
    expect(types(text)).toEqual([]);
  });
  it.each(USED)('still abusive: %s', (text) => {
    expect(abusive(text)).not.toEqual([]);
  });
});
