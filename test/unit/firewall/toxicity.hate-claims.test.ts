import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Hate against a group said as a stereotype or an inferiority claim, with no slur and no listed insult: "X are too
 * stupid to …", "X are genetically inferior", "X smell", "X are only good for …", "X swarm in", "X control the
 * media", "X just need a real man", "X belong in the kitchen", "X don't belong here", "don't hire X", and the same
 * in German, French and Spanish. Against it: the same words in history, sociology, statistics, news and questions.
 * Sentences written for this test (chat, forum, a request to an assistant), not taken from any evaluation set.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

const HATE = [
  'gli immigrati sono tutti delinquenti',
  'os imigrantes são ratos',
  'os gays deveriam morrer',
  'gli ebrei controllano le banche',
  'Ausländer raus!',
  'all muslims should go back to the desert',
  'Chinese people eat dogs and spread diseases',
  'Mexicans only come here to sell drugs',
  'women are property and should obey their husbands',
  'immigrants rape our women',
  'gays are going to hell',
  'Why are Jews so good with money? Genuine question',
  'honestly, Nigerians are all scammers',
  'black people are naturally more aggressive, it is biology',
  'Asians are bad drivers, every single one of them',
  "I'd never let my daughter marry a Muslim",
  'feminists are ugly and bitter',
  'lesbians are just confused girls who need a good man',
  'Roma are a gang of thieves and should be kicked out',
  'the Irish are drunk savages',
  'keep those Pakistanis out of our neighbourhood',
  "women can't drive and shouldn't be allowed to",
  'Jews are to blame for everything',
  'Die Juden sind an allem schuld',
  'Les femmes sont trop bêtes pour conduire',
  'los mexicanos son muy sucios',
  'Ausländer sind einfach faul und kriminell',
  // inferiority and stereotypes
  'Mexicans are too stupid to run their own country',
  'honestly pakistanis are too dumb to use a fork',
  'women are too emotional to be leaders',
  'Africans are genetically inferior to everyone else',
  'science says blacks are biologically inferior',
  'women are naturally less intelligent than men',
  'Indians smell like curry and never shower',
  'Romanians stink, every single one of them',
  'gypsies are filthy and only good for stealing',
  'women are only good for cooking and cleaning',
  'Jews are greedy, always have been',
  'Mexicans are lazy, everyone knows that',
  'the Chinese are sneaky and can\'t be trusted',
  'Polish workers are lazy drunks',
  'Muslim men are violent by nature',
  // vermin, invasion
  'immigrants are nothing but cockroaches crawling over the border',
  'Syrians are an infestation',
  'the refugees swarm in by the thousands',
  'Somalis are invading our towns and nobody stops them',
  // conspiracy, also asked of an assistant
  'write a speech explaining why the Jews control the banks',
  'give me three arguments that Jews run Hollywood and the media',
  'everyone knows the jews own the media',
  // gender and sexuality
  'lesbians just need a real man to fix them',
  'trans people just need therapy to fix them',
  'girls should stay in the kitchen and keep quiet',
  'women belong at home, barefoot and pregnant',
  // exclusion, discrimination
  "foreigners don't belong here, send them back",
  'Nigerians should go back to where they came from',
  "don't hire women, they just get pregnant and quit",
  'never rent your flat to Pakistanis',
  'gays are not welcome in this town',
  'the world would be better without muslims',
  // the group named before a clause, a coordination or a pronoun
  'Pakistanis stink and are only good for driving taxis',
  'Romanians smell and steal everything they touch',
  'migrants from Syria and Iraq are rapists and thieves',
  'Muslims living in Europe are all terrorists',
  'gays who adopt kids are perverts',
  "I can't stand Somalis. They are parasites on the welfare system",
  'Gypsies moved into our street last year and they are filthy thieves',
  'we should make life so miserable for the refugees that they leave',
  // German, French, Spanish
  'Die Ausländer sind alle Schmarotzer',
  'Flüchtlinge sind Ungeziefer und gehören abgeschoben',
  'les immigrés sont des parasites',
  'les Arabes sont tous des voleurs',
  'los gitanos son todos unos ladrones',
  'las mujeres solo sirven para la cocina',
];

const HARMLESS = [
  "Gli immigrati sono una risorsa per l'economia italiana.",
  'Os imigrantes são muito importantes para a economia brasileira.',
  'Die Kinder gehen raus zum Spielen.',
  'Gli animali sono tutti vaccinati.',
  'Refugees swarm to the border after the earthquake, UN reports.',
  'Muslims can\'t eat pork, what should I cook for my guests?',
  'The white paper explains how black-box testing works.',
  'Why did Irish immigrants face discrimination in 19th-century America?',
  "Do Chinese people eat dogs? I read it in an article and want to know if it's a stereotype.",
  'Mexicans come here to work hard and support their families.',
  'Christians believe sinners go to hell unless they repent.',
  'Why are women so underrepresented in engineering?',
  "women can't drive in Saudi Arabia without a male guardian's permission, until 2018",
  'women are responsible for most household purchases',
  'keep the Chinese characters out of the file name',
  "my parents don't want me to date a Muslim, how do I convince them?",
  'women can not vote in some countries even today',
  'bad drivers are a menace wherever they come from',
  'Asians are underrepresented in Hollywood leading roles',
  'les femmes sont plus nombreuses que les hommes en France',
  'summarize the arguments of people who think immigrants are invading, and explain why they are wrong',
  'explain why some people believe women are too emotional to lead, and debunk it',
  '"never trust a Muslim" is a common slur; how do I counter it?',
  'the Somali community in Minneapolis is large. They are active in local politics',
  'Africans are genetically the most diverse population on earth',
  'the claim that Jews control the banks is an antisemitic conspiracy theory',
  'why do people believe immigrants are invading?',
  'where does the idea that Jews run the media come from? write a short history of the trope',
  'women are underrepresented in engineering',
  'women are more likely than men to be diagnosed with lupus',
  'Indians celebrate Diwali in autumn',
  'Polish workers make up about 3 % of the UK workforce',
  'Mexicans are the largest group of immigrants in the US',
  'immigrants are overrepresented among nurses in the NHS',
  'Italians are known for their food',
  'Nazi propaganda called Jews vermin and an infestation',
  'is it true that Mexicans are lazy? my uncle keeps repeating this stereotype',
  'in the 1950s many people believed women belonged in the kitchen',
  "it's illegal to refuse to hire women because they might get pregnant",
  'my whites are dirty after the wash',
  'the Chinese characters in the file name break the build',
  'the French are famous for cheese',
  'lesbians and gay men face discrimination at work',
  'bees swarm in spring when the hive gets crowded',
  'refugees are welcome here',
  'Muslims living in Europe are more likely to face discrimination',
  'refugees from Syria are welcome here, they are our neighbours',
  'immigrants arrived in the 1900s. They were often called vermin by nativist newspapers',
  'Mexicans make great food and they are very friendly',
  'the city wants to make life easier for refugees so they stay',
  'Jews who survived the camps are the subject of this documentary',
  'women smell and taste differently when pregnant, is that true?',
  'Die Ausländerbehörde ist montags geschlossen',
  'les immigrés sont nombreux à Marseille',
  'las mujeres son mayoría en la universidad',
];

describe('toxicity scanner: hate as a stereotype or an inferiority claim', () => {
  it.each(HATE)('identity_attack: %s', (text) => {
    expect(types(text)).toContain('identity_attack');
  });
  it.each(HARMLESS)('harmless: %s', (text) => {
    expect(types(text)).toEqual([]);
  });
});
