/**
 * PERSON in Japanese, Korean, Greek, Hebrew and Thai: a listed family or given name with a cue in that language
 * ("と申します", "제 이름은", "με λένε", "שמי", "ผมชื่อ"), and no finding in ordinary text in those scripts.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON in Japanese', () => {
  it('finds a name before "と申します", "です" after "私は", an honorific, or after "名前は" and "氏名："', () => {
    expect(names('初めまして、鈴木大輔と申します。よろしくお願いします。')).toEqual(['鈴木大輔']);
    expect(names('私は中村です。大阪から来ました。')).toEqual(['中村']);
    expect(names('名前は小林ゆいです。')).toEqual(['小林ゆい']);
    expect(names('氏名：山田太郎\n住所：東京都')).toEqual(['山田太郎']);
    expect(names('明日、田中さんに資料を送ってください。')).toEqual(['田中']);
    expect(names('高橋先生の授業はとても面白いです。')).toEqual(['高橋']);
    expect(names('加藤翔太が明日来ます。')).toEqual(['加藤翔太']);
  });

  it.each([
    '今日は天気がいいですね。',
    '私は学生です。',
    'お客様へのお知らせです。',
    'これは上野です。',
    '皆さん、こんにちは。',
    '様々な問題があります。',
    '来週の会議の議事録を英語に翻訳してください。',
    '上野動物園のパンダは何歳ですか？',
    '小林製薬の製品について調べています。',
    '彼氏と一緒に京都へ行きました。',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('leaves Chinese text to the Chinese reader', () => {
    expect(names('我叫王小明。')).toEqual(['王小明']);
  });
});

describe('PERSON in Korean', () => {
  it('finds a name after "제 이름은", "저는" with a copula, or before "씨", "님" and titles', () => {
    expect(names('제 이름은 이서준입니다. 잘 부탁드립니다.')).toEqual(['이서준']);
    expect(names('저는 최지우예요.')).toEqual(['최지우']);
    expect(names('내일 정민서 씨에게 연락해 주세요.')).toEqual(['정민서']);
    expect(names('박 부장님께 보고서를 보냈어요.')).toEqual(['박']);
    expect(names('정하은님, 회의 시간이 변경되었습니다.')).toEqual(['정하은']);
  });

  it.each([
    '저는 한국인입니다.',
    '저는 학생이에요.',
    '고객님, 주문이 완료되었습니다.',
    '선생님께 감사 인사를 드렸어요.',
    '이 지원 정책은 언제 시작되나요?',
    '제 이름은 뭐예요?',
    '정부 지원금 신청 방법을 알려 주세요.',
    '우리 팀은 하나의 목표를 향해 달려가고 있어요.',
    '이번 분기 매출이 지난해보다 증가했습니다.',
    '서울에서 부산까지 KTX로 얼마나 걸려요?',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('PERSON in Greek', () => {
  it('finds names after Greek cues and titles, accents or not', () => {
    expect(names('Γεια σας, με λένε Γιώργος Οικονόμου και χρειάζομαι βοήθεια.')).toEqual(['Γιώργος Οικονόμου']);
    expect(names('Καλησπέρα, ονομάζομαι Κατερίνα Δημητρίου.')).toEqual(['Κατερίνα Δημητρίου']);
    expect(names('Το όνομά μου είναι Σταύρος Καραγιάννης.')).toEqual(['Σταύρος Καραγιάννης']);
    expect(names('Αγαπητέ κ. Μαυρίδη, σας ευχαριστώ για το μήνυμα.')).toEqual(['Μαυρίδη']);
    expect(names('Η Μαρία Παπαδοπούλου είναι γιατρός.')).toEqual(['Μαρία Παπαδοπούλου']);
  });

  it.each([
    'Καλημέρα! Πώς είσαι σήμερα;',
    'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.',
    'Θέλω να επισκεφθώ την Αγία Σοφία και το Άγιο Όρος.',
    'Το Πανεπιστήμιο Αθηνών ιδρύθηκε το 1837.',
    'Ο Άγιος Νικόλαος είναι πόλη στην Κρήτη.',
    'Μπορείς να μεταφράσεις αυτό το κείμενο στα Αγγλικά;',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('PERSON in Hebrew and Thai', () => {
  it('finds names after "my name is", "they call me" and titles', () => {
    expect(names('שמי דוד כהן ואני גר בחיפה.')).toEqual(['דוד כהן']);
    expect(names('שלום, קוראים לי מיכל לוי.')).toEqual(['מיכל לוי']);
    expect(names('ผมชื่อสมชาย ใจดี ครับ')).toEqual(['สมชาย ใจดี']);
    expect(names('ดิฉันชื่อสุดา ค่ะ')).toEqual(['สุดา']);
  });

  it.each([
    'מחר אני נוסע לתל אביב.',
    'אני רעב מאוד היום.',
    'תוכל לתרגם את הטקסט הזה לאנגלית?',
    'วันนี้อากาศดีมาก',
    'คุณสบายดีไหม',
    'ขอบคุณมากครับ ช่วยแปลข้อความนี้เป็นภาษาอังกฤษหน่อย',
    'ชื่อไฟล์ไม่ถูกต้อง',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });
});
