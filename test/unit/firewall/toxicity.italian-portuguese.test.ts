import { describe, expect, it } from 'vitest';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Italian and Portuguese insults. Words that are ordinary in those languages ("sei" six, "burro" donkey, "vaca" cow,
 * "finocchio" fennel, "Troia" Troy, "bicha" a queue in Portugal) count only when aimed at someone, or not at all.
 * Sentences written for this test.
 */
const scanner = createToxicityScanner();
const types = (text: string): string[] => [...new Set(scanner.scan(text).map((f) => f.type))].sort();

const INSULTS: Record<string, string[]> = {
  it: [
    'sei un coglione', 'vaffanculo', 'sei proprio uno stronzo', 'figlio di puttana', 'testa di cazzo',
    'pezzo di merda, sparisci', 'stronza, non mi scrivere più', 'sei una troia', 'va a cagare, idiota',
    'sei un deficiente',
  ],
  pt: [
  'você é uma vadia nojenta',
    'vai se foder', 'filho da puta', 'seu otário', 'você é um idiota', 'vai tomar no cu', 'sua vadia',
    'cala a boca, seu babaca', 'você é um merda', 'seu burro', 'arrombado do caralho',
  ],
};

const EVERYDAY: Record<string, string[]> = {
  it: [
    'sei mesi fa ho cambiato lavoro', 'il cavallo di Troia', 'finocchio al forno con parmigiano',
    'ciao, come stai? ti voglio bene', 'la vacca è nel recinto', 'figlio di un pescatore',
    'Sei pronto per la riunione?',
  ],
  pt: [
    'o burro comeu a cenoura', 'a vaca está no pasto', 'obrigado pela ajuda, você é incrível',
    'havia uma bicha enorme no supermercado', 'seu pedido foi enviado', 'sua conta foi criada',
  ],
};

describe('toxicity scanner: Italian and Portuguese insults', () => {
  for (const [lang, sentences] of Object.entries(INSULTS)) {
    it.each(sentences)(`${lang} insult: %s`, (text) => {
      expect(types(text).filter((t) => t !== 'obscenity')).not.toEqual([]);
    });
  }
  for (const [lang, sentences] of Object.entries(EVERYDAY)) {
    it.each(sentences)(`${lang} everyday: %s`, (text) => {
      expect(types(text)).toEqual([]);
    });
  }
});
