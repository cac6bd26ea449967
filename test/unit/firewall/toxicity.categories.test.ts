import { describe, expect, it } from 'vitest';
import { CATEGORIES, createToxicityScanner, mask } from '../../../src/firewall/scanners/toxicity/index.js';
import { buildLexicon, type Category } from '../../../src/firewall/scanners/toxicity/lexicon.js';

const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

/** A listed word of the category, taken from the scanner's own lists so no slur is spelled out here. */
function listed(cat: Category, minScore: number): string {
  for (const [w, i] of buildLexicon().words) if (i.cat === cat && i.score >= minScore && !i.directedOnly) return w;
  throw new Error(`no ${cat} word`);
}

describe('toxicity scanner: API', () => {
  it('is named toxicity and reports findings with offsets, score and a masked form', () => {
    expect(scanner.name).toBe('toxicity');
    const text = 'well, shit happens';
    const [f] = scanner.scan(text);
    expect(f).toMatchObject({ scanner: 'toxicity', type: 'obscenity', start: 6, end: 10, masked: 's***' });
    expect(text.slice(f!.start, f!.end)).toBe('shit');
    expect(f!.score).toBeGreaterThan(0.5);
    expect(f!.score).toBeLessThanOrEqual(1);
  });

  it('scores() gives every category a 0..1 score, whatever the threshold', () => {
    const s = scanner.scores('you are an idiot');
    expect(Object.keys(s).sort()).toEqual([...CATEGORIES].sort());
    for (const v of Object.values(s)) expect(v).toBeGreaterThanOrEqual(0);
    expect(s.insult).toBeGreaterThan(0.8);
    expect(s.threat).toBe(0);
    expect(scanner.scores('hello there')).toEqual(Object.fromEntries(CATEGORIES.map((c) => [c, 0])));
  });

  it('threshold decides what scan() reports', () => {
    expect(createToxicityScanner({ threshold: 0.95 }).scan('what a crappy day, damn')).toEqual([]);
    expect(createToxicityScanner({ threshold: 0.3 }).scan('damn').map((f) => f.type)).toEqual(['obscenity']);
  });

  it('masks with the first character and one asterisk per remaining character', () => {
    expect(mask('fuck')).toBe('f***');
    expect(mask('𝐟uck')).toBe('𝐟***');
    const f = scanner.scan('I will kill you').find((x) => x.type === 'threat')!;
    expect(f.masked).toBe('k*******');
    expect(f.masked).not.toMatch(/kill/);
  });
});

describe('toxicity scanner: categories', () => {
  it('obscenity, insult, sexual', () => {
    expect(types('what a fucking mess')).toEqual(['obscenity']);
    expect(types('you are an idiot')).toEqual(['insult']);
    expect(types("you're such a moron")).toEqual(['insult']);
    expect(types('suck my dick')).toContain('sexual');
  });

  it('identity attacks: listed slurs, and group nouns next to dehumanising words', () => {
    expect(types(`shut up, ${listed('identity_attack', 0.95)}`)).toContain('identity_attack');
    expect(types('immigrants are vermin and parasites')).toContain('identity_attack');
    expect(types('I hate all immigrants')).toContain('identity_attack');
    expect(types('immigrants are welcome here')).toEqual([]);
    expect(types('gay marriage is legal here')).toEqual([]);
  });

  it('insults count more when aimed at someone than as a topic', () => {
    const aimed = scanner.scores('you are stupid').insult;
    const topic = scanner.scores('is this a stupid question?').insult;
    expect(aimed).toBeGreaterThan(topic);
    expect(types('is this a stupid question?')).toEqual([]);
    expect(types("I'm such a loser at golf")).toEqual([]);
    expect(types('nobody likes you, you ugly pig')).toEqual(['insult']);
  });
});

describe('toxicity scanner: threats need a person as the target', () => {
  it.each([
    'I will kill you',
    "I'm going to kill you and your family",
    'you should die',
    'you deserve to die',
    'I hope you die in a fire',
    'people like you should be shot',
    "I'm gonna beat you up",
    "I'll break your neck",
    'kill yourself',
    'I know where you live',
  ])('threat: %s', (text) => {
    expect(types(text)).toContain('threat');
  });

  it.each([
    'kill the process',
    'kill -9 1234',
    'find the zombie processes and kill them',
    'kill the children of this process',
    'this bug is killing me',
    "you're killing it!",
    'I could murder a pizza',
    'shoot me an email',
    "I'll shoot you a text later",
    'execute the script',
    'I will beat you at chess',
    'the process should die gracefully',
    'the army killed thousands in the war',
    "I don't want to hurt you",
    'you can die from dehydration',
    'without water you will die in three days',
  ])('not a threat: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it('a threat against a group is also an identity attack', () => {
    expect(types('kill all the immigrants')).toEqual(['identity_attack', 'threat']);
  });
});

describe('toxicity scanner: self-harm is its own category', () => {
  it.each(['I want to kill myself', "I'm going to end my life tonight", 'I want to die', "i'm thinking about suicide",
    'I keep cutting myself'])('%s', (text) => {
    expect(types(text)).toEqual(['self_harm']);
  });

  it('talking about suicide is not a person at risk', () => {
    expect(types('suicide prevention hotline')).toEqual([]);
    expect(types('my friend wrote a paper on suicide rates')).toEqual([]);
    expect(types('I cut myself shaving')).toEqual([]);
  });
});
