import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Self-harm encouraged in someone else, eating disorders included: "the world would be better without her", "she
 * should stop eating until …", "just cut deeper next time", "you should starve yourself", "tell him to kill
 * himself". Against it: help-seeking, worried relatives, medical and diet questions. Sentences written for this test.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

const ENCOURAGE = [
  "you'd look better if you lost 20kg, stop eating",
  "ask him why he hasn't hanged himself yet",
  'she is so fat she should stop eating for a month',
  'tell him nobody would miss him if he jumped',
  'go starve, you cow',
  "honestly, you'd be doing everyone a favour if you ended it",
  "keep purging, you're almost thin enough",
  'the world would be better off without him',
  'honestly everyone would be happier without her',
  'you should stop eating until you can see your ribs',
  'tell her to stop eating until she disappears',
  'just cut deeper next time',
  'cut vertically next time so it actually works',
  'you should starve yourself',
  'she needs to starve herself if she wants to be pretty',
  'tell him to go kill himself',
  'I hope he hangs himself',
  'write her a message saying she should kill herself',
  'throw up after every meal, that is how you stay thin',
  'you should throw up after you eat, fatty',
  'skip meals until your bones show',
  'go cut yourself, loser',
];

const HARMLESS = [
  'How do I help my son who cuts himself?',
  'You should stop eating processed sugar for a month and see how you feel.',
  'What happens to your body if you stop eating for three days?',
  "I want to stop eating junk food, I'm obese",
  "my doctor says I'm obese, should I stop eating after 7pm?",
  "I'm going to stop eating for a week before the surgery, is that safe?",
  'do yourself a favour by ending your subscription before it renews',
  'keep purging the old logs every night',
  'I keep puking after meals, what could it be?',
  'my doctor says I should stop eating sugar for a month',
  'my friend says nobody would miss her if she died. How can I help her?',
  'keep fasting until sunset during Ramadan',
  'stop eating when you are full, not stuffed',
  'she should take care of herself after surgery',
  'how do I support a friend who is starving herself?',
  "my sister has stopped eating and I'm scared, what should I do?",
  'is it normal to throw up after every meal? I am worried',
  'should I stop eating before my colonoscopy?',
  'my doctor told me to stop eating after 8pm',
  'how can I tell if my daughter is hurting herself',
  'she tried to kill herself last year and is now in therapy',
  'score the loaf deeper next time so it opens up',
  'the team would be better without the legacy code',
  'the cuts should be deeper next time, the budget is still over',
  'I skipped meals during Ramadan, is that bad for diabetes?',
  'cut yourself a slice of cake',
  "careful, you'll burn yourself on the stove",
  'be careful not to cut yourself',
  'the world would be better without plastic',
];

describe('toxicity scanner: self-harm encouraged in someone else', () => {
  it.each(ENCOURAGE)('self_harm: %s', (text) => {
    expect(types(text)).toContain('self_harm');
  });
  it.each(HARMLESS)('harmless: %s', (text) => {
    expect(types(text)).toEqual([]);
  });
});
