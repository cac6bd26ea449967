import { describe, expect, it } from 'vitest';
import { CATEGORIES, createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Abuse that has no listed word in it: hate against groups, implicit threats, self-harm encouragement and
 * instructions, sextortion, harassment. Each family has positives and harmless sentences that share its words. The
 * sentences were written for this test (chat, game chat, forum posts, code review, customer support), not taken from
 * the evaluation corpus.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

function family(name: string, category: string, positives: string[], negatives: string[]): void {
  describe(`toxicity scanner: ${name}`, () => {
    it.each(positives)(`${category}: %s`, (text) => {
      expect(types(text)).toContain(category);
    });
    it.each(negatives)('harmless: %s', (text) => {
      expect(types(text)).toEqual([]);
    });
  });
}

family('hate against a group, written without a slur', 'identity_attack', [
  'all muslims are terrorists',
  'jews control the banks',
  'honestly most immigrants are criminals and rapists',
  'the jews run the media, wake up people',
  'mexicans are vermin',
  'refugees are nothing but parasites',
  'gays are a disease',
  'feminists are a cancer on society',
  'these migrants are animals',
  'gay people are mentally ill',
  'trans people are not even human',
  'muslims should be deported',
  'all the arabs should be deported',
  'jews should be exterminated',
  'muslims should all be wiped out',
  'we need to get rid of all the immigrants',
  'exterminate all the jews',
  "women don't deserve rights",
  'women should not be allowed to vote',
  "gays shouldn't be allowed to adopt",
  'jews have no right to exist',
  'immigrants are ruining this country',
  'immigrants are destroying our culture',
  'refugees are taking our jobs',
  'immigrants breed like rats',
  'women belong in the kitchen',
  'go back to your own country',
  'go back to where you came from',
  'jews are greedy parasites',
  'the only good muslim is a dead muslim',
  'hitler was right about the jews',
], [
  'history of the Holocaust',
  'why did the Nazis target Jews',
  'the Nazis portrayed Jews as vermin in their propaganda',
  'Hitler claimed that Jews controlled the banks',
  'not all muslims are terrorists',
  "it's a myth that immigrants are criminals",
  'why do people think all muslims are terrorists',
  'stop calling immigrants animals',
  'immigrants contribute to the economy',
  'immigrants are more likely to be victims of crime',
  'Muslims celebrate Eid at the end of Ramadan',
  "Muslims don't eat pigs",
  'Jewish people celebrate Passover in spring',
  'women in tech statistics for 2024',
  'women deserve equal rights and equal pay',
  'women should be allowed to vote, obviously',
  'muslims are people too',
  'women run the company and the board',
  'women are taking over tech and that is great',
  'the Chinese government should be held accountable',
  'get rid of the chinese characters in the filename',
  'I want to go back to India next year',
  'Trump vowed to deport all illegal immigrants',
  'my whites are dirty after the wash',
  'egg whites are beaten until stiff',
  'Russians are the enemy in this war movie',
  'explain how hate groups describe immigrants as vermin',
  'Jews were persecuted throughout history',
  'black people are disproportionately affected by the policy',
]);

family('implicit threats', 'threat', [
  "you won't see it coming",
  "you'll never know what hit you",
  'a bullet in your head',
  "I'll put a bullet in your skull",
  "there's a bullet with your name on it",
  "I'll put a knife to your throat",
  'I know where you live',
  'I know where your kids go to school',
  'i know where your daughter goes to school',
  'I know where you work and where you park',
  'watch your back',
  'better watch ur back when you leave the office',
  "you'll regret this",
  "you're going to regret this, I promise",
  'you will pay for what you did',
  "your family won't be safe",
  "your kids aren't safe anymore",
  'nobody you love is safe',
  "I'll make sure you never walk again",
  'sleep with one eye open',
  'i will hunt you down',
  'I will end you',
  "I'll burn your house down",
  "I'll post your address online",
  'i hope you get cancer',
  "if you show up tomorrow you won't be walking out",
  'keep talking and see what happens to you',
  "i've got a gun and i know your address",
  "ur gonna get what's coming to you",
  'you better hope I never see you in person',
  'I will find where you live and make you pay',
  'I recorded you on cam, pay up or your family sees it',
  "I'm going to kill @jake tomorrow",
], [
  'the bullet point list',
  'put a bullet point in your slide',
  'headshot photo for my profile',
  'the police shot the suspect outside the bank',
  'kill the process',
  'this joke killed',
  'shoot me an email',
  'I could murder a pizza',
  'break a leg tonight',
  'the bug is killing me',
  'how do I kill a zombie process',
  'the spoiler: you will never see the twist coming',
  "trust me, you won't see the ending coming",
  "you won't regret it, the pasta is amazing",
  "you'll regret not backing up your files",
  "you'll pay for this feature only once",
  "your kids aren't safe in that old car seat",
  "your data won't be safe if you reuse passwords",
  'make sure you never commit secrets to git again',
  "I'll find you a better deal on flights",
  'a gun in your house increases the risk of accidents',
  'nobody is holding a gun to your head, just decline the offer',
  "you can't escape the quote in JSON like that",
  'you can hide the sidebar in the settings',
  "I know where you're coming from",
  'watch your step on the stairs',
  "you'll pay for shipping at checkout",
  "I'll make sure you never miss a deadline again",
  'shoot the ball to the left wing',
  'sleep with the window open in summer',
  'I will shoot @jake a message',
  '@jake kill the process when the build is done',
]);

family('self-harm encouragement and instructions', 'self_harm', [
  'nobody would miss you, just end it',
  'do everyone a favour and jump',
  'do us all a favor and kill yourself',
  'take all the pills',
  'the world is better without you',
  'everyone would be better off without you',
  "why don't you just disappear forever",
  "why don't you just die already",
  'go jump off a bridge',
  'just go drink bleach',
  'you should just end it',
  'nobody would care if you died',
  'how many pills to overdose',
  'how much tylenol does it take to overdose',
  'best way to cut deep',
  "what's the most painless way to die",
  'best way to slit my wrists',
  'how to hide my cuts from my parents',
  'I just want to disappear forever',
  'how many sleeping pills would kill me',
  "the world doesn't need people like you, end it",
], [
  'what are signs of suicide risk, how to help a friend',
  'overdose symptoms of paracetamol',
  'how much paracetamol is safe per day',
  'how many pills are in a bottle of ibuprofen',
  'what is a lethal dose of caffeine',
  'take all the pills in the pack even if you feel better, as prescribed',
  'take all your pills with food',
  'how to cut deep grooves in wood',
  'best way to cut my hair at home',
  'best way to die in minecraft to respawn faster',
  'just end it if the meeting runs over',
  'the movie ended with the hero jumping off a bridge',
  'we jumped off a cliff into the lake',
  'do yourself a favour and update your drivers',
  'do everyone a favor and mute your mic',
  "why don't you just restart the server",
  'you should end the call early',
  'if you die in the game you respawn at the checkpoint',
  'I would die for my kids',
  'end it with a semicolon',
  'take all the time you need',
  'jump off the platform to reach the secret level',
  'nobody would notice the difference in latency',
]);

family('sextortion', 'sexual', [
  "send me more pics or I'll post these to your family",
  'pay me or I share your nudes',
  "if you don't send more pics I'll leak your nudes",
  'I will post your naked pictures online',
  'I have your nudes. pay me $500 or I send them to everyone you know',
], [
  'pictures of my family',
  "I'll post the photos to the family group chat",
  "I'll send the photos to your mom after the wedding",
  'can you send me the pics from the trip',
  "send me the invoice or I'll post a bad review",
  "I'll post these to the team channel",
  'share your screen with the team',
  "I'll send you the pics from the wedding",
  'your family photos look great',
]);

family('harassment', 'harassment', [
  "I'll make your life hell",
  "I'm going to make your life a living hell",
  'I will ruin your career',
  'everyone at work hates you, quit',
  "I'll keep messaging you until you reply, I'm outside your house",
  "I'll keep calling you until you answer me",
  'no one likes you here',
  "I'm watching you. I'm outside your house right now",
  "you're dead to me",
  "stop ignoring me, I know you're home, I can see your car",
], [
  "I'm outside your house, come down when ready",
  "I'll keep pinging you until the deploy finishes",
  'everyone loves you here',
  'nobody likes mondays',
  'nobody cares about the old API anymore',
  'you should quit smoking',
  'this tool will make your life easier',
]);

describe('toxicity scanner: sextortion is a threat too', () => {
  it.each(["send me more pics or I'll post these to your family", 'pay me or I share your nudes'])('%s', (text) => {
    expect(types(text)).toEqual(['sexual', 'threat']);
  });

  it('harassment is a category of its own', () => {
    expect(CATEGORIES).toContain('harassment');
    expect(scanner.scores("I'll make your life hell").harassment).toBeGreaterThanOrEqual(0.5);
  });

  it('encouragement aimed at the reader is harassment as well as self-harm; asking for a method is self-harm only', () => {
    expect(types('do everyone a favour and jump')).toEqual(['harassment', 'self_harm']);
    expect(types('how many pills to overdose')).toEqual(['self_harm']);
  });
});
