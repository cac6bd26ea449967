import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Spanish, French, German and Hindi (romanised and Devanagari): insults aimed at someone block, swearing at nothing is
 * obscenity, and everyday sentences that share letters with a listed word pass. Sentences written for this test.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

const INSULTS: Record<string, string[]> = {
  es: [
    'eres un pendejo', 'eres un pendejo de mierda', 'cállate, gilipollas', 'vete a la mierda, cabrón',
    'pinche idiota, aprende a jugar', 'hijo de puta', 'eres una puta', 'chinga tu madre', 'la puta madre que te parió',
  ],
  fr: [
    "t'es un connard", 'va te faire foutre', 'ferme ta gueule, sale con', 'espèce de connard', 'fils de pute',
    'tu es vraiment débile', 'nique ta mère', "t'es qu'une grosse conne",
  ],
  de: [
    'du bist ein Arschloch', 'halt die Fresse, du Wichser', 'verpiss dich, du Hurensohn', 'du dumme Schlampe',
    'fick dich', 'du bist so dumm', 'du Hure',
  ],
  hi: [
    'tu chutiya hai', 'bhenchod', 'kutta kamina', 'saala harami', 'abe madarchod, game chhod', 'teri maa ki chut',
    'bsdk kya kar raha hai', 'tum log chutiye ho', 'तू चूतिया है', 'भेनचोद', 'मादरचोद साला',
  ],
};

const EVERYDAY: Record<string, string[]> = {
  es: [
    'la computadora no funciona, ¿me ayudas?', 'el gato negro duerme en el sofá', 'mi perro es negro',
    'café negro sin azúcar, por favor', 'voy con mi hermano al cine', 'hay que matar el proceso que cuelga',
    'el vuelo está retrasado dos horas', 'tú eres negro y yo soy blanco, ¿y qué?',
  ],
  fr: [
    'je voudrais un café au lait', "c'est le prix du pain", 'tu es vraiment gentil', 'la chatte dort sur le canapé',
    "j'ai acheté une tapette à mouches", "une baguette bâtard s'il vous plaît",
  ],
  de: [
    'der Hund hat einen langen Schwanz', 'das Buch ist mir zu dick', 'ich habe eine neue Scheibe gekauft',
    'der Marsch beginnt um acht', 'die Hure Babylon in der Offenbarung', 'Bitte starte den Server neu',
    'Depp ist ein Schauspieler', 'ich bin Opfer eines Betrugs geworden', 'er ist behindert und arbeitet bei uns',
  ],
  hi: [
    'aaj mausam bahut accha hai', 'yaar ye code kaam nahi kar raha', 'bhai kal milte hain', 'chod do yaar, kal dekhenge',
    'मुझे कल दिल्ली जाना है', 'कुत्ता भौंक रहा है', 'वह बहुत पागल सा मौसम था', 'Lund University is in Sweden',
    'Niki Lauda won the championship', 'Randi is my coworker',
  ],
};

describe('toxicity scanner: insults in other languages', () => {
  for (const [lang, sentences] of Object.entries(INSULTS)) {
    it.each(sentences)(`${lang}: %s`, (text) => {
      expect(types(text)).toContain('insult');
    });
  }
});

describe('toxicity scanner: everyday sentences in other languages pass', () => {
  for (const [lang, sentences] of Object.entries(EVERYDAY)) {
    it.each(sentences)(`${lang}: %s`, (text) => {
      expect(types(text)).toEqual([]);
    });
  }
});

describe('toxicity scanner: other languages, other categories', () => {
  it.each([
    'putain, j\'ai encore oublié le mot de passe',
    'Scheiße, der Build ist schon wieder kaputt',
    'qué mierda de conexión tengo hoy',
    'la película estuvo de puta madre',
  ])('swearing at nothing is obscenity only: %s', (text) => {
    expect(types(text)).toEqual(['obscenity']);
  });

  it.each(['te voy a matar', 'je vais te tuer', 'ich bring dich um', 'main tujhe maar dunga', 'तुझे जान से मार दूंगा'])(
    'threat: %s',
    (text) => {
      expect(types(text)).toContain('threat');
    },
  );

  it.each(['sale arabe', 'Ausländer sind Ungeziefer', 'los inmigrantes son unas ratas', 'maricón'])(
    'identity attack: %s',
    (text) => {
      expect(types(text)).toContain('identity_attack');
    },
  );

  it('Devanagari is matched with its vowel signs, and nukta spellings agree', () => {
    // चूतिया and a word with the same consonants but other vowels are not the same word.
    expect(types('चातया')).toEqual([]);
    // ड़ written as one code point or as ड + nukta.
    expect(types('भोस\u095cीके')).toContain('insult');
    expect(types('भोस\u0921\u093cीके')).toContain('insult');
  });

  it('German ß reads as ss: "Scheiße" is not "Scheibe"', () => {
    expect(types('Scheiße')).toEqual(['obscenity']);
    expect(types('Scheisse')).toEqual(['obscenity']);
    expect(types('Scheibe')).toEqual([]);
  });
});
