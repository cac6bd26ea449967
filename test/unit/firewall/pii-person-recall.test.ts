/**
 * PERSON recall beyond capitalised Latin names: lower-case names right after a clear cue, and names in Arabic,
 * Chinese, Devanagari and Cyrillic script with cues in those scripts.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON: lower-case names after a cue', () => {
  it('finds them', () => {
    expect(names('please email priya raghunathan about the invoice')).toEqual(['priya raghunathan']);
    expect(names('can you cc john oconnor on that thread')).toEqual(['john oconnor']);
    expect(names('follow up with benjamin a seiler in a couple of months.')).toEqual(['benjamin a seiler']);
    expect(names('pls call maria gonzalez back asap')).toEqual(['maria gonzalez']);
    expect(names('tell aisha rahman the server is down')).toEqual(['aisha rahman']);
    expect(names('my name is lena andersson.')).toEqual(['lena andersson']);
    expect(names('sometimes people call me višeslav')).toEqual(['višeslav']);
    expect(names('i am joining accounts with mr. elliott')).toEqual(['elliott']);
  });

  it('does not take ordinary words after the same cues', () => {
    expect(names('please email support about the invoice')).toEqual([]);
    expect(names('call john tomorrow morning')).toEqual([]);
    expect(names('tell me about the weather')).toEqual([]);
    expect(names("i'm fine, thanks")).toEqual([]);
    expect(names('ask the team lead before merging')).toEqual([]);
    expect(names('my name is not important')).toEqual([]);
  });
});

describe('PERSON: names in dialogue, lists and family talk', () => {
  it('finds speakers, list members, kin and people spoken to', () => {
    expect(names('Koppány: "Who are you?" Elizabeth: "I\'m Amanda\'s daughter."')).toEqual(['Koppány', 'Elizabeth', 'Amanda']);
    expect(names('We invited Sarah, Tobias, Quentaro and Ingrid.')).toEqual(['Sarah', 'Tobias', 'Quentaro', 'Ingrid']);
    expect(names("It was a done thing between him and Franciska's kid.")).toEqual(['Franciska']);
    expect(names("Don't go to town, Brandon!")).toEqual(['Brandon']);
    expect(names('Kuba, can I please speak to your boss?')).toEqual(['Kuba']);
  });

  it('does not take labels, tools or greetings for them', () => {
    expect(names('Résumé: attached below')).toEqual([]);
    expect(names('Summary: The build is green.')).toEqual([]);
    expect(names('Python, Rust and Golang are all fast.')).toEqual([]);
    expect(names("Cool, what's the address?")).toEqual([]);
    expect(names("Nvidia's family of GPUs keeps growing.")).toEqual([]);
  });
});

describe('PERSON: names in other scripts', () => {
  it('Arabic, after a cue or as a listed pair', () => {
    expect(names('اسمي محمد أحمد')).toEqual(['محمد أحمد']);
    expect(names('مرحبا، أنا فاطمة وأعمل في الشركة')).toEqual(['فاطمة']);
    expect(names('يرجى التواصل مع الدكتورة ليلى حسن غدا')).toEqual(['ليلى حسن']);
    expect(names('الاجتماع مع السيد خالد يوسف يوم الأحد')).toEqual(['خالد يوسف']);
    expect(names('كيف حالك اليوم؟ الطقس جميل')).toEqual([]);
  });

  it('Chinese, a surname and given name after a cue or before a title', () => {
    expect(names('我叫王小明。')).toEqual(['王小明']);
    expect(names('你好，我的名字是李娜，很高兴认识你。')).toEqual(['李娜']);
    expect(names('请联系张伟。')).toEqual(['张伟']);
    expect(names('王先生明天到北京。')).toEqual(['王']);
    // A one-character name is masked whole, as `masked` never shows a whole value.
    expect(scanner.scan('王先生明天到北京。')[0]?.masked).toBe('*');
    expect(names('这个问题很复杂，我们明天再讨论。')).toEqual([]);
    expect(names('王国的历史很长。')).toEqual([]);
  });

  it('Devanagari, after "मेरा नाम", a title, or as a listed pair', () => {
    expect(names('मेरा नाम राहुल शर्मा है')).toEqual(['राहुल शर्मा']);
    expect(names('कृपया श्री अमित वर्मा को ईमेल भेजें')).toEqual(['अमित वर्मा']);
    expect(names('प्रिया गुप्ता कल दिल्ली जा रही है')).toEqual(['प्रिया गुप्ता']);
    expect(names('आज मौसम बहुत अच्छा है')).toEqual([]);
  });

  it('Cyrillic, capitalised as in Latin script, with Russian cues', () => {
    expect(names('Привет! Меня зовут Иван Петров.')).toEqual(['Иван Петров']);
    expect(names('Уважаемая Анна Сергеевна, спасибо за письмо.')).toEqual(['Анна Сергеевна']);
    expect(names('Пожалуйста, позвоните Ольге Смирновой завтра.')).toEqual(['Ольге Смирновой']);
    expect(names('Спасибо за помощь! Доброе утро.')).toEqual([]);
  });
});
