/**
 * PERSON needs evidence, and counter-evidence drops a name-like part: places and organisations named like people,
 * fixed phrases, German nouns, short words and placeholders. Each block pairs harmless prompts (no finding) with a
 * real name in a similar sentence (found, with its span).
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON: places that contain first names', () => {
  it.each([
    'We flew from San Antonio to Santa Clara, then drove on to Alice Springs.',
    'Is St. Louis bigger than Kansas City?',
    'What should I pack for a week in Jasper and Banff in October?',
    'Best ramen near Port Elizabeth or Fort Collins?',
    'The ferry from Victoria to Vancouver takes about 95 minutes.',
    'I grew up in Ann Arbor and later moved to Austin.',
    'Lake Louise, Mount Vernon and Saint Helena are on my bucket list.',
    'Our office is on Kent Street, two blocks from Central Park.',
    'Book me a hotel in North Carolina, near Chapel Hill.',
    'What are the best hiking trails near Santa Cruz and Big Sur?',
    'Find flights from Austin to Phoenix, or from Jackson to Madison.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds people named like places, with a cue or a full name', () => {
    expect(names('My name is Victoria and I live in Austin.')).toEqual(['Victoria']);
    expect(names('Charlotte is a nice city, but Charlotte Brown is my neighbour.')).toEqual(['Charlotte Brown']);
    expect(names('I had lunch with Austin Miller from the sales team.')).toEqual(['Austin Miller']);
    expect(names('Please ask Jasper to send the slides.')).toEqual(['Jasper']);
    expect(names('I ran into Sarah Park at the conference.')).toEqual(['Sarah Park']);
  });
});

describe('PERSON: companies and brands named after people', () => {
  it.each([
    'Goldman Sachs and Morgan Stanley both beat earnings estimates this quarter.',
    'Should I buy a Harley Davidson or a used Ducati?',
    'Two scoops of Ben & Jerry’s, please, and a pint of Ben & Jerry\'s for later.',
    'Is Johnson & Johnson a better dividend stock than Procter & Gamble?',
    'The Mercedes-Benz dealership is next to the Rolls-Royce one.',
    'Compare the fees of Charles Schwab, Wells Fargo and Merrill Lynch.',
    'Thomas and Sons was founded in 1902.',
    'The Clark, Romero and Hall Orchestra plays on Friday.',
    'She works at Smith, Jones & Partners LLP in London.',
    'Grab me a burger from McDonald’s and a coffee from Tim Hortons.',
    'Marks & Spencer and Berkshire Hathaway reported results.',
    'What does Goldman Sachs do differently from JP Morgan?',
    "Book a table at Nando's for Friday.",
    "Boeing said deliveries fell, and Ford's results beat estimates.",
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds the people who work there', () => {
    expect(names('Our contact at Goldman Sachs is Priya Raman.')).toEqual(['Priya Raman']);
    expect(names('Email Daniel Ortiz about the Procter & Gamble renewal.')).toEqual(['Daniel Ortiz']);
    expect(names('Tom Ford and Paul Smith joined the call.')).toEqual(['Tom Ford', 'Paul Smith']);
  });
});

describe('PERSON: capitalised phrases, German nouns and short words', () => {
  it.each([
    'Explain the Magna Carta in simple terms for a history assignment.',
    'Guten Morgen! Wie fährt die Deutsche Bahn heute nach Köln?',
    'Guten Tag, ich habe eine Frage zu meiner Rechnung von der Telekom.',
    'Ich habe einen Termin mit der Bank am Montag.',
    'How do I install Homebrew on a Mac?',
    "I'm Gen Z, so explain it with memes.",
    'Bot: What is the name on the account?',
    'Lorem Ipsum dolor sit amet is placeholder text.',
    'May I ask why the build failed?',
    'Order an Earl Grey and a Caesar salad.',
    "What is Alzheimer's disease and how is it different from Parkinson's disease?",
    "Describe Newton's laws of motion and the Doppler effect.",
    'The Hubble Space Telescope and the James Webb Space Telescope.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds German and short names with evidence', () => {
    expect(names('Liebe Anna, danke für deine Nachricht.')).toEqual(['Anna']);
    expect(names('Ich heiße Lukas Schneider und wohne in München.')).toEqual(['Lukas Schneider']);
    expect(names('Sehr geehrte Frau Müller, anbei die Rechnung.')).toEqual(['Müller']);
    expect(names('Ursula von der Leyen spoke in Brussels.')).toEqual(['Ursula von der Leyen']);
    expect(names('Tom said he would be late.')).toEqual(['Tom']);
    expect(names('Dan May has a bank account.')).toEqual(['Dan May']);
    expect(names('Ask Max to review the PR.')).toEqual(['Max']);
    expect(names('Jordan and I will present the roadmap tomorrow.')).toEqual(['Jordan']);
    expect(names('Patient Li Na, 54, presented with chest pain.')).toEqual(['Li Na']);
  });
});

describe('PERSON: tools and products after a verb of contact', () => {
  it.each([
    'Can you ask ChatGPT to summarize the thread?',
    'We call Redis from the API layer and ping Datadog every minute.',
    'Please email Zendesk support about the outage.',
    'Compare GitHub Copilot, OpenAI and DeepMind.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds names after the same verbs, inner capitals included', () => {
    expect(names('Call Kowalski tomorrow about the lease.')).toEqual(['Kowalski']);
    expect(names('Ask Sarah to review the PR.')).toEqual(['Sarah']);
    expect(names('We met Ronald McDonald and Leonardo DiCaprio.')).toEqual(['Ronald McDonald', 'Leonardo DiCaprio']);
  });
});

describe('PERSON: placeholders are never findings', () => {
  it.each([
    'Use John Doe and Jane Doe as the sample customers.',
    'Name: John Doe, DOB 01/01/1970',
    'Dear Max Mustermann, your order has shipped.',
    'Erika Mustermann, Musterstraße 1, 12345 Berlin',
    'The form shows Foo Bar as the account holder.',
    'Replace Alex Doe with the real name before sending.',
    'For example, John Smith or Jane Smith would both be valid inputs.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('an example name outside an example is a name', () => {
    expect(names('John Smith called yesterday about the invoice.')).toEqual(['John Smith']);
  });
});

describe('PERSON: the cast of cryptography and protocol examples', () => {
  it.each([
    'Explain Diffie-Hellman: Alice and Bob agree on a shared secret while Eve listens.',
    'In the protocol, Alice signs the message and Carol verifies the signature.',
    'If Mallory intercepts the ciphertext, can she forge a MAC?',
    'Draw the TLS handshake with Alice as the client and Bob as the server.',
    "Alice encrypts the file with Bob's public key.",
    'In a zero-knowledge proof, Peggy convinces Victor that she knows the password.',
    'Why do the textbooks always use Alice, Bob and Eve?',
    'Simulate the Byzantine generals problem with Alice, Bob, Carol and Dave.',
    'Trent is the trusted third party that issues certificates to Alice.',
    'Alice has 5 apples and gives Bob 2. How many are left?',
    'class User:\n    def __init__(self, name):\n        self.name = name\n\nu = User("Alice")',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds people with those names, with a cue or a family name, away from such talk', () => {
    expect(names('Alice Nguyen from finance sent the Q3 report.')).toEqual(['Alice Nguyen']);
    expect(names('Please ask Bob to rotate the API key tonight.')).toEqual(['Bob']);
    expect(names('Hi Alice, the meeting moved to 3pm.')).toEqual(['Alice']);
    expect(names('Dave Whitfield signed the contract yesterday.')).toEqual(['Dave Whitfield']);
    expect(names('Alice said the kids loved the zoo.')).toEqual(['Alice']);
  });
});
