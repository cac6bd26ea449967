import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * A held-out check written apart from the evaluation corpus: ordinary technical, medical and idiomatic English that
 * shares words with the lexicon or the threat rules and must pass.
 */
const BENIGN = {
  technical: [
    'kill the process', 'kill -9 1234', 'pkill -f node && killall python', 'the parent kills its children on exit',
    'execute the script', 'execute the query and hang the connection', 'abort the child and terminate the worker',
    'shoot me an email', "I'll shoot you a message when the build is green", "let's shoot the video tomorrow",
    'this bug is killing me', 'the daemon should die gracefully on SIGTERM', 'let the worker die and restart it',
    'I killed the server by accident', 'monkey patching the prototype is fragile', 'a dumb terminal',
    'the master and slave nodes', 'git push --force', 'the retardant foam', 'an idiot-proof design',
    'shut down the cluster and shut off the alarms', 'the hit rate of the cache', 'bomb the stack with recursion',
  ],
  medical: [
    'the patient has a penis lesion and vaginal discharge', 'breast cancer screening', 'an anal fissure',
    'erectile dysfunction is common', 'the patient reported suicidal ideation', 'suicide prevention hotline',
    'self-harm risk assessment', 'overdose risk with opioids', 'sexual health clinic', 'rectal exam',
  ],
  idioms: [
    'I could murder a pizza', "you're killing it!", 'you killed it on stage', 'kill two birds with one stone',
    'dressed to kill', "I'm dying to see it", 'this cake is to die for', 'she looked drop-dead gorgeous',
    'the die is cast', 'I will die on this hill', 'Hang in there!', 'what the hell', 'hell yeah',
    'I hate Mondays', 'that blew me away', 'shut up and take my money', 'break a leg tonight',
    'I will beat you at chess', 'he beat the record', 'this movie is the bomb', 'beat the eggs until stiff',
    "I'm such a loser at golf", 'a chink in the armour', 'summa cum laude', 'homo sapiens evolved',
    'spick and span', 'doo-wop music', 'Dick Van Dyke', 'Moby Dick',
  ],
  groups: [
    'black people are amazing', 'Muslims are welcome here', 'the Jewish community center', 'gay marriage is legal',
    "I'm a proud lesbian", 'women in tech meetup', 'the black market and a white paper', 'immigrants built this city',
  ],
  places: ['Scunthorpe United', 'Penistone Grammar School', 'Essex, Sussex and Middlesex', 'Pakistan, Japan, Niger'],
  /** Words the threat, hate, self-harm and sextortion patterns look for, in everyday use. */
  everyday: [
    'this joke killed', 'how do I kill a zombie process', 'the police shot the suspect', 'the bullet point list',
    'headshot photo', 'pictures of my family', "I'll post the photos to the family group chat",
    'overdose symptoms of paracetamol', 'what are signs of suicide risk, how to help a friend',
    'history of the Holocaust', 'why did the Nazis target Jews', 'immigrants contribute to the economy',
    'Muslims celebrate Eid', 'women in tech statistics', 'I know where you are coming from',
    "our support team will keep emailing you until the ticket is closed", 'take all the pills as prescribed',
    'the game ends when you jump off the final ledge', 'can you share the slides with my boss or the team?',
  ],
};

describe('toxicity scanner: benign text passes', () => {
  const scanner = createToxicityScanner();
  for (const [kind, sentences] of Object.entries(BENIGN)) {
    it.each(sentences)(`${kind}: %s`, (text) => {
      expect(scanner.scan(text)).toEqual([]);
    });
  }
});
