/**
 * PERSON in scripts without capital letters: Arabic (also Persian and Urdu), Devanagari, Chinese, Japanese, Korean,
 * Hebrew and Thai. Cyrillic and Greek names are capitalised and go through the same runs as Latin ones (person.ts).
 * The evidence is the same as there:
 *
 *   a cue before      Arabic "اسمي", "السيد", "الدكتورة", "تواصل مع" · Persian "آقای", "خانم" · Urdu "میرا نام"
 *                     Devanagari "मेरा नाम", "श्री", "श्रीमती", "डॉ." · Chinese "我叫", "我的名字是", "姓名：", "联系"
 *                     Japanese "私は", "名前は", "氏名：" · Korean "제 이름은", "저는" (with a copula after)
 *                     Hebrew "שמי", "קוראים לי", "מר", "גברת" · Thai "ผมชื่อ", "ดิฉันชื่อ", "นาย", "คุณ"        → 0.85
 *   a word after      "王先生", "李老师", "राहुल जी", "佐藤健太と申します", "田中さん", "高橋先生", "김민준 씨",
 *                     "박 부장님", "정하은님"                                                                  → 0.85
 *   no cue            a listed given name and a listed given or family name after it ("محمد أحمد",
 *                     "राहुल शर्मा"), a Chinese surname and a listed two-character given name ("王伟宸"), a
 *                     Japanese family and given name ("加藤翔太"), a Korean family name and listed given name  → 0.6
 *
 * A single listed word without a cue is no finding: many names are also words ("نور" light, "विकास" development,
 * "אור" light, "하늘" sky). Each scanner runs only when its script occurs in the text (one regex test) and reads the
 * text once; Han characters with kana are read as Japanese, without as Chinese. Lists come from the same gazetteer
 * (name-lists.json: faker's ar/fa/ur, ne, zh, ja, ko, he and th locales plus hand-written lists, see
 * scripts/data/build-pii-names.ts).
 */
import type { Emit } from '../recognizer.js';
import type { NameGazetteer } from './names.js';

const CUE = 0.85;
const PAIR = 0.6;

const isListed = (g: NameGazetteer, w: string): boolean => g.given.has(w) || g.family.has(w);

interface Word {
  start: number;
  end: number;
  text: string;
}

/** The words of `re` in `text`, in order, each with whether only spaces separate it from the one before. */
function words(text: string, re: RegExp): { list: Word[]; joined: boolean[] } {
  const list: Word[] = [];
  const joined: boolean[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    joined.push(prevEnd >= 0 && start - prevEnd <= 4 && /^[ \t\u00a0\u200c]+$/.test(text.slice(prevEnd, start)));
    list.push({ start, end: start + m[0].length, text: m[0] });
    prevEnd = start + m[0].length;
  }
  return { list, joined };
}

// ---- Arabic script ------------------------------------------------------------------------------------------

const ARABIC_PRESENT = /[\u0620-\u064a]/;
const ARABIC_WORD = /[\u0620-\u065f\u066e-\u06d3\u06d5\u06fa-\u06fc]+/g;
/** A title or cue word right before a name. */
const ARABIC_CUE = new Set(
  `اسمي اسمى إسمي السيد السيدة سيد سيدة الأستاذ الأستاذة الاستاذ الاستاذة الدكتور الدكتورة دكتور دكتورة د المهندس
المهندسة الشيخ الشيخة عزيزي عزيزتي للسيد للسيدة والسيد والسيدة آقای آقا خانم دکتر مهندس جناب محترم محترمہ ڈاکٹر
صاحب صاحبہ بیگم`.split(/\s+/),
);
/** Two-word cues, written as "<first> <second>": "اسمي هو" (my name is), "تواصل مع" (contact with). */
const ARABIC_CUE_PAIR = new Set(['اسمي هو', 'تواصل مع', 'اتصل ب', 'نام من', 'میرا نام', 'میرا نام ہے', 'مرحبا يا', 'أنا اسمي']);
/** "I am": a name after it only if it is a listed given name ("أنا محمد"; not "أنا بخير", I am fine). */
const ARABIC_I_AM = new Set(['أنا', 'انا', 'میں']);
/** Words that end a name: prepositions, pronouns, common verbs. */
const ARABIC_STOP = new Set(
  `في من إلى الى على عن مع و أو او ثم هو هي هم أنا انا نحن أنت انت هذا هذه ذلك تلك التي الذي كان كانت يكون قد لا لم لن
ما ماذا متى أين كيف لماذا هل إن ان أن كل بعد قبل عند است هست هستم و در از به با که را ہے ہیں تھا کا کی کے کو سے میں نے`.split(/\s+/),
);
/** Joins the parts of a name: "عبد الله", "بن", "أبو". */
const ARABIC_JOIN = new Set(['عبد', 'بن', 'ابن', 'بنت', 'أبو', 'ابو', 'آل', 'ال']);
/** One-letter prefixes written on a word: "و" and, "ب" with, "ل" for. */
const ARABIC_PREFIX = new Set(['و', 'ب', 'ل', 'ف']);

function scanArabic(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  const { list, joined } = words(text, ARABIC_WORD);
  /** The word itself if listed, else without a one-letter prefix ("ومحمد") if that is: where the name starts. */
  const listedAt = (w: Word): number => {
    if (isListed(g, w.text)) return w.start;
    if (w.text.length > 3 && ARABIC_PREFIX.has(w.text[0] as string) && isListed(g, w.text.slice(1))) return w.start + 1;
    return -1;
  };
  let i = 0;
  while (i < list.length) {
    const w = list[i] as Word;
    const p1 = i > 0 && joined[i] ? (list[i - 1] as Word).text : '';
    const p2 = i > 1 && joined[i] && joined[i - 1] ? (list[i - 2] as Word).text : '';
    const cue = ARABIC_CUE.has(p1) || ARABIC_CUE_PAIR.has(`${p2} ${p1}`);
    const at = listedAt(w);
    let score = 0;
    let start = w.start;
    if (cue && !ARABIC_STOP.has(w.text)) {
      score = CUE;
      if (at >= 0) start = at;
    } else if (ARABIC_I_AM.has(p1) && at >= 0 && g.given.has(text.slice(at, w.end))) {
      score = CUE;
      start = at;
    } else if (at >= 0 && g.given.has(text.slice(at, w.end)) && i + 1 < list.length && joined[i + 1]) {
      const next = list[i + 1] as Word;
      if (isListed(g, next.text) || ARABIC_JOIN.has(next.text)) {
        score = PAIR;
        start = at;
      }
    }
    if (score === 0) {
      i++;
      continue;
    }
    // The name goes on while the next words are listed names or join parts ("عبد الله", "بن").
    let j = i;
    while (j + 1 < list.length && j - i < 3 && joined[j + 1]) {
      const next = (list[j + 1] as Word).text;
      if (ARABIC_STOP.has(next)) break;
      if (ARABIC_JOIN.has(next) && j + 2 < list.length && joined[j + 2]) j += 2;
      else if (isListed(g, next)) j++;
      else break;
    }
    if (score === PAIR && j === i) {
      i++;
      continue;
    }
    if (score >= minBase) emit(start, (list[j] as Word).end, score);
    i = j + 1;
  }
}

// ---- Devanagari ---------------------------------------------------------------------------------------------

const DEVANAGARI_PRESENT = /[\u0900-\u097f]/;
const DEVANAGARI_WORD = /[\u0900-\u0963\u0971-\u097f]+/g;
/** A title or cue word right before a name; "नाम" after "मेरा"/"मेरी"/"मेरो"/"आपका"… or before a colon. */
const DEVANAGARI_CUE = new Set('श्री श्रीमती सुश्री कुमारी डॉ डॉक्टर प्रोफेसर प्रो प्रिय आदरणीय श्रीमान'.split(' '));
const DEVANAGARI_NAME = 'नाम';
/** Words that end a name: copulas and postpositions. */
const DEVANAGARI_STOP = new Set(
  'है हैं हूँ हूं था थी थे हो छ छु छन और का की के को से में ने पर भी जी तो यह वह मैं मेरा मेरी मेरो आप हम नहीं'.split(' '),
);
/** The verb that closes "मेरा नाम … है" / "मैं … हूँ": everything before it is the name. */
const DEVANAGARI_END = new Set(['है', 'हूँ', 'हूं', 'था', 'थी', 'हैं', 'छ', 'हो', 'छु']);
/** Honorific after a name: "राहुल जी". */
const DEVANAGARI_AFTER = new Set(['जी', 'साहब', 'साहिब', 'सर', 'मैडम']);

function scanDevanagari(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  const { list, joined } = words(text, DEVANAGARI_WORD);
  // A dot or colon may stand between a title or "नाम" and the name: "डॉ. शर्मा", "नाम: राहुल".
  const near = (k: number): boolean => {
    if (k <= 0) return false;
    const gap = text.slice((list[k - 1] as Word).end, (list[k] as Word).start);
    return gap.length <= 4 && /^[.:\s]+$/.test(gap);
  };
  let i = 0;
  while (i < list.length) {
    const w = list[i] as Word;
    const p1 = near(i) ? (list[i - 1] as Word).text : '';
    const cue = DEVANAGARI_CUE.has(p1) || p1 === DEVANAGARI_NAME;
    const iAm = p1 === 'मैं';
    const listed = isListed(g, w.text);
    let score = 0;
    if (!DEVANAGARI_STOP.has(w.text)) {
      if (cue) score = CUE;
      else if (iAm && listed) score = CUE;
      else if (g.given.has(w.text) && i + 1 < list.length && joined[i + 1] && isListed(g, (list[i + 1] as Word).text)) score = PAIR;
      else if (listed && i + 1 < list.length && joined[i + 1] && DEVANAGARI_AFTER.has((list[i + 1] as Word).text)) score = CUE;
    }
    if (score === 0) {
      i++;
      continue;
    }
    // Up to three words before the closing verb are the name ("मेरा नाम राहुल द्रविड़ है"); otherwise the name goes
    // on while the words are listed.
    let j = i;
    let k = i;
    while (k + 1 < list.length && k - i < 2 && joined[k + 1] && !DEVANAGARI_STOP.has((list[k + 1] as Word).text)) k++;
    const closed = (cue || iAm) && k + 1 < list.length && joined[k + 1] && DEVANAGARI_END.has((list[k + 1] as Word).text);
    if (closed) j = k;
    else {
      while (j + 1 < list.length && j - i < 2 && joined[j + 1] && isListed(g, (list[j + 1] as Word).text)) j++;
    }
    if (score >= minBase) emit(w.start, (list[j] as Word).end, score);
    i = j + 1;
  }
}

// ---- Chinese ------------------------------------------------------------------------------------------------

const HAN_PRESENT = /[\u4e00-\u9fff]/;
const isHan = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
/** After these a name follows: "我叫王小明", "我的名字是…", "姓名：…". */
const CN_STRONG = /(?:我叫|我的名字(?:是|叫)|名字(?:是|叫)|名叫|叫做|我是|这是|姓名[:：]\s*|联系人[:：]\s*|收件人[:：]\s*|亲爱的)/g;
/** After these a name may follow, if it ends where a name can: "请联系王小明。", "告诉李娜". */
const CN_WEAK = /(?:联系|告诉|通知|问问|请问|致|给|和|跟|与|同)/g;
/** Titles after a surname (and given name): "王先生", "李老师", "张伟医生". */
const TITLES = '先生|女士|小姐|太太|夫人|教授|博士|医生|大夫|老师|律师|经理|总监|同学|主任';
const CN_TITLE = new RegExp(`(?:${TITLES})`, 'g');
const CN_TITLE_AT = new RegExp(`(?:${TITLES})`, 'y');
const CN_TITLE_START = new Set([...'先女小太夫教博医大老律经总同主']);
/** Characters that cannot be part of a given name here: particles, pronouns, common verbs. */
const CN_STOP = new Set([
  ...'是的了在和与说今我你他她它们也都就不很这那有个吗呢吧啊呀哦嗯把被给对从向到要会能发打写问请叫去来走看想做见找让等谈开帮已还再又只才将没',
]);

function scanChinese(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  /** A surname at i (two characters first: "欧阳"), then up to two given-name characters. */
  const parse = (i: number): { end: number; given: number; titled: boolean } | undefined => {
    let s = 0;
    if (i + 1 < text.length && isHan(text.charCodeAt(i + 1)) && g.family.has(text.slice(i, i + 2))) s = 2;
    else if (g.family.has(text[i] as string)) s = 1;
    else return undefined;
    let given = 0;
    let titled = false;
    while (given < 2) {
      const at = i + s + given;
      const c = text.charCodeAt(at);
      if (!isHan(c) || CN_STOP.has(text[at] as string)) break;
      if (CN_TITLE_START.has(text[at] as string)) {
        CN_TITLE_AT.lastIndex = at;
        if (CN_TITLE_AT.test(text)) {
          titled = true;
          break;
        }
      }
      given++;
    }
    return { end: i + s + given, given, titled };
  };
  const after = (end: number): boolean => end >= text.length || !isHan(text.charCodeAt(end)) || CN_STOP.has(text[end] as string);

  let m: RegExpExecArray | null;
  CN_STRONG.lastIndex = 0;
  while ((m = CN_STRONG.exec(text)) !== null) {
    const i = m.index + m[0].length;
    const name = parse(i);
    if (name && (name.given > 0 || name.titled) && CUE >= minBase) emit(i, name.end, CUE);
  }
  CN_WEAK.lastIndex = 0;
  while ((m = CN_WEAK.exec(text)) !== null) {
    const i = m.index + m[0].length;
    const name = parse(i);
    if (!name || CUE < minBase) continue;
    // The name must end where a name can: "请联系王小明。", not "和王伟去公园" (two characters, or one, then a stop).
    if (name.titled || (name.given === 2 && after(name.end))) emit(i, name.end, CUE);
    else if (name.given >= 1 && after(name.end - name.given + 1)) emit(i, name.end - name.given + 1, CUE);
  }
  // A title after a surname: the nearest surname among the three characters before it ("转告王先生" → 王).
  CN_TITLE.lastIndex = 0;
  while ((m = CN_TITLE.exec(text)) !== null) {
    const p = m.index;
    for (let k = 1; k <= 3 && p - k >= 0; k++) {
      const c = text.charCodeAt(p - k);
      if (!isHan(c) || CN_STOP.has(text[p - k] as string)) break;
      if (g.family.has(text[p - k] as string) || (k >= 2 && g.family.has(text.slice(p - k, p - k + 2)))) {
        if (CUE >= minBase) emit(p - k, p, CUE);
        break;
      }
    }
  }
  // No cue: a surname and a listed given name of two characters ("王伟宸").
  if (PAIR < minBase) return;
  for (let i = 0; i + 2 < text.length; i++) {
    if (!isHan(text.charCodeAt(i)) || !g.family.has(text[i] as string)) continue;
    if (i > 0 && isHan(text.charCodeAt(i - 1)) && !CN_STOP.has(text[i - 1] as string)) continue;
    if (g.given.has(text.slice(i + 1, i + 3)) && after(i + 3)) {
      emit(i, i + 3, PAIR);
      i += 2;
    }
  }
}

// ---- Japanese ------------------------------------------------------------------------------------------------

/** Kana, or "氏名：" (a Japanese form's name label; Chinese writes 姓名): the text is Japanese. */
const KANA_PRESENT = /[\u3040-\u30ff]|氏名[:：]/;
const isKanji = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || c === 0x3005;
const isHiragana = (c: number): boolean => c >= 0x3041 && c <= 0x309f;
const isKatakana = (c: number): boolean => (c >= 0x30a1 && c <= 0x30ff) || c === 0x30fc;
/** After a name: "と申します" (I am called), "です" (is), and honorifics and titles ("さん", "様", "先生", "部長"). */
const JA_AFTER = /と申します|と申す|といいます|と言います|と呼んで|でございます|です|さん|さま|様(?!々)|くん|君|ちゃん|先生|氏(?!名)|殿|部長|課長|社長|係長|主任|教授|博士|選手/g;
/** Before a name: "私は" (I am), "名前は" (the name is), "氏名：" (full name:). */
const JA_BEFORE = /(?:私の名前は|僕の名前は|名前は|私は|僕は|俺は|わたしは|氏名[:：]\s*|名前[:：]\s*|担当[:：]\s*|こちらは)$/;
/** Particles and honorifics that a kana given name cannot start with. */
const JA_NOT_GIVEN = /^(?:[はがをにのともでへやかよねさ]|くん|ちゃん)/;
/** Where a sentence or a clause starts: a name before "です" there introduces someone ("はじめまして、佐藤です"). */
const JA_CLAUSE_START = '、。！？!?\n 　「『(（:：';

function scanJapanese(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  /** text[s, e) is a family name the list has, and then nothing, a listed given name, or a short unlisted one. */
  const isName = (s: number, e: number): boolean => {
    for (let f = Math.min(3, e - s); f >= 1; f--) {
      let kanji = true;
      for (let k = s; k < s + f; k++) if (!isKanji(text.charCodeAt(k))) kanji = false;
      if (!kanji || !g.jaFamily.has(text.slice(s, s + f))) continue;
      const rest = text.slice(s + f, e);
      if (rest === '' || g.jaGiven.has(rest)) return true;
      let allKanji = true;
      let allKana = true;
      for (let k = s + f; k < e; k++) {
        const c = text.charCodeAt(k);
        if (!isKanji(c)) allKanji = false;
        if (!isHiragana(c) && !isKatakana(c)) allKana = false;
      }
      if ((allKanji && rest.length <= 2) || (allKana && rest.length >= 2 && rest.length <= 4 && !JA_NOT_GIVEN.test(rest))) return true;
    }
    return false;
  };
  const boundary = (s: number): boolean => s === 0 || !isKanji(text.charCodeAt(s - 1));
  const cueBefore = (s: number): boolean => JA_BEFORE.test(text.slice(Math.max(0, s - 8), s));

  // A name before "と申します", "さん", "先生"…: the longest that starts where a word can.
  let m: RegExpExecArray | null;
  JA_AFTER.lastIndex = 0;
  let lastEnd = -1;
  while ((m = JA_AFTER.exec(text)) !== null) {
    const p = m.index;
    let best = -1;
    for (let s = p - 1; s >= Math.max(0, p - 7, lastEnd); s--) {
      const c = text.charCodeAt(s);
      if (!isKanji(c) && !isHiragana(c) && !isKatakana(c)) break;
      if (boundary(s) && isName(s, p)) best = s;
    }
    if (best < 0) continue;
    // "です" introduces someone only after "私は"/"名前は" or at the start of a clause: "これは上野です" is a place.
    if (m[0] === 'です' || m[0] === 'でございます') {
      if (!cueBefore(best) && !(best === 0 || JA_CLAUSE_START.includes(text[best - 1] as string))) continue;
    }
    if (CUE >= minBase) emit(best, p, CUE);
    lastEnd = p;
  }
  // After "私は", "氏名：" without a closing word: "氏名：山田太郎", "私は田中、よろしく".
  const cues = /私の名前は|僕の名前は|名前は|私は|僕は|俺は|わたしは|氏名[:：]\s*|名前[:：]\s*|担当[:：]\s*|こちらは/g;
  while ((m = cues.exec(text)) !== null) {
    const s = m.index + m[0].length;
    let e = s;
    while (e < text.length && e - s < 6 && isKanji(text.charCodeAt(e))) e++;
    const after = text.charCodeAt(e);
    if (e === s || isHiragana(after) || isKatakana(after)) continue;
    for (let k = e; k > s; k--) {
      if (isName(s, k) && k === e) {
        if (CUE >= minBase) emit(s, k, CUE);
        break;
      }
    }
  }
  // No cue: a listed family name and a listed given name of two or more characters ("佐藤健太が来ます").
  if (PAIR < minBase) return;
  for (let i = 0; i < text.length; i++) {
    if (!isKanji(text.charCodeAt(i)) || !boundary(i)) continue;
    for (let f = 3; f >= 1; f--) {
      if (!g.jaFamily.has(text.slice(i, i + f))) continue;
      for (let n = 4; n >= 2; n--) {
        const end = i + f + n;
        if (end > text.length || !g.jaGiven.has(text.slice(i + f, end)) || isKanji(text.charCodeAt(end))) continue;
        emit(i, end, PAIR);
        f = 0;
        break;
      }
    }
  }
}

// ---- Korean --------------------------------------------------------------------------------------------------

const HANGUL_PRESENT = /[\uac00-\ud7a3]/;
const HANGUL_WORD = /[\uac00-\ud7a3]+/g;
/** What may be written onto a name: copulas ("입니다" is), particles ("에게" to, "는" topic), honorifics ("씨", "님"). */
const KO_ENDING = /(?:입니다|이에요|예요|이야|이고|이며|이라고|라고|이랑|에게|한테|께서|께|씨|님|은|는|이|가|을|를|와|과|의|도|야)$/;
/** Endings that close "my name is …" or "I am …": "김민준입니다", "박서연이에요". */
const KO_COPULA = new Set(['입니다', '이에요', '예요', '이야', '야', '이고', '이라고', '라고']);
/** "이름은" (the name is), "성함은" (the name is, polite), "이름:" */
const KO_NAME_CUE = new Set(['이름은', '이름이', '이름', '성함은', '성함이', '성함', '성명', '성명은', '성명이']);
/** "저는" / "나는" (I am): a listed name and a copula after it. */
const KO_I_AM = new Set(['저는', '나는', '전', '난']);
/** Honorifics and titles written after a name as a word of their own: "김민준 씨", "박 부장님". */
const KO_TITLE = /^(?:씨|님|선생님|교수님|박사님|대리님|과장님|차장님|부장님|사장님|팀장님|실장님|원장님|기자님|작가님|변호사님|회장님|이사님|고객님)/;

function scanKorean(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  const { list, joined } = words(text, HANGUL_WORD);
  /** The name in a word: a listed family name (one or two syllables), then up to two syllables. */
  const parse = (w: string): { family: number; given: string } | undefined => {
    for (const f of [2, 1]) {
      if (w.length <= f - 1 || !g.family.has(w.slice(0, f))) continue;
      const given = w.slice(f);
      if (given.length <= 2) return { family: f, given };
    }
    return undefined;
  };
  for (let i = 0; i < list.length; i++) {
    const w = list[i] as Word;
    // The word without its ending ("김민준입니다" → "김민준"), or whole if the ending is part of the name ("박지은").
    let ending = KO_ENDING.exec(w.text)?.[0] ?? '';
    let nameText = w.text.slice(0, w.text.length - ending.length);
    let name = parse(nameText);
    if (ending !== '' && (name === undefined || !g.given.has(name.given))) {
      const whole = parse(w.text);
      if (whole !== undefined && g.given.has(whole.given)) {
        name = whole;
        nameText = w.text;
        ending = '';
      }
    }
    if (name === undefined) continue;
    const listedGiven = name.given !== '' && g.given.has(name.given);
    const prev = i > 0 ? (list[i - 1] as Word) : undefined;
    const gap = prev === undefined ? '' : text.slice(prev.end, w.start);
    const nameCue = prev !== undefined && KO_NAME_CUE.has(prev.text) && gap.length <= 3 && /^[\s:：]+$/.test(gap);
    const iAm = prev !== undefined && joined[i] === true && KO_I_AM.has(prev.text);
    const next = i + 1 < list.length && joined[i + 1] ? (list[i + 1] as Word) : undefined;
    const endsSentence = w.end >= text.length || /[\s.,!?。、]/.test(text[w.end] as string);
    const copula = KO_COPULA.has(ending);
    let score = 0;
    if (nameCue && name.given !== '' && (listedGiven || copula || (ending === '' && endsSentence))) score = CUE;
    else if (iAm && listedGiven && copula) score = CUE;
    else if ((ending === '씨' || ending === '님') && (listedGiven || name.given === '')) score = CUE;
    else if (next !== undefined && ending === '' && KO_TITLE.test(next.text) && (listedGiven || name.given === '' || name.given.length === 2)) score = CUE;
    else if (listedGiven && name.family === 1 && name.given.length === 2) score = PAIR;
    if (score === 0 || score < minBase) continue;
    emit(w.start, w.start + nameText.length, score);
  }
}

// ---- Hebrew --------------------------------------------------------------------------------------------------

const HEBREW_PRESENT = /[\u05d0-\u05ea]/;
const HEBREW_WORD = /[\u05d0-\u05ea][\u05d0-\u05ea\u05f3'"״]*/g;
/** A title or "my name" right before a name: any word after it is one. */
const HE_STRONG = new Set(['שמי', 'מר', 'גברת', 'הגברת', 'ד"ר', 'ד״ר', 'דוקטור', "פרופ'", 'פרופסור', 'עו"ד', 'עו״ד']);
/** Two words before a name: "קוראים לי" (they call me), "שמי הוא" (my name is). */
const HE_STRONG_PAIR = new Set(['קוראים לי', 'שמי הוא', 'שלי הוא', 'השם שלי']);
/** "אני" (I am), "שלום" (hello): a listed given name after it. */
const HE_WEAK = new Set(['אני', 'שלום', 'היי', 'לכבוד', 'יקר', 'יקרה']);
const HE_STOP = new Set('הוא היא אני אתה את אנחנו הם הן של על עם אל זה זו זאת לא כן גם רק יש אין מה מי איך למה מתי איפה'.split(' '));

function scanHebrew(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  const { list, joined } = words(text, HEBREW_WORD);
  for (let i = 0; i < list.length; i++) {
    const w = list[i] as Word;
    if (HE_STOP.has(w.text)) continue;
    const p1 = i > 0 && joined[i] ? (list[i - 1] as Word).text : '';
    const p2 = i > 1 && joined[i] && joined[i - 1] ? (list[i - 2] as Word).text : '';
    const strong = HE_STRONG.has(p1) || HE_STRONG_PAIR.has(`${p2} ${p1}`);
    if (!strong && !(HE_WEAK.has(p1) && g.given.has(w.text))) continue;
    let end = w.end;
    const next = i + 1 < list.length && joined[i + 1] ? (list[i + 1] as Word) : undefined;
    if (next !== undefined && !HE_STOP.has(next.text) && g.family.has(next.text)) {
      end = next.end;
      i++;
    }
    if (CUE >= minBase) emit(w.start, end, CUE);
  }
}

// ---- Thai ----------------------------------------------------------------------------------------------------

const THAI_PRESENT = /[\u0e01-\u0e5b]/;
/** "ผมชื่อ" / "ดิฉันชื่อ" / "ชื่อ" (my name is / name), then the name. */
const TH_NAME_CUE = /(ผม|ดิฉัน|ฉัน|หนู|เรา|กระผม)?ชื่อ(ว่า|คือ)?\s?/g;
/** Titles before a given name: "คุณ" (Mr/Ms, also "you"), "นาย" (Mr), "นางสาว" (Miss), "นาง" (Mrs). */
const TH_TITLE = /(?:คุณ|นางสาว|นาย|นาง|ดร\.)\s?/g;
/** Polite particles and words that end a name. */
const TH_END = /^(?:ครับ|ค่ะ|คะ|นะ|จ้ะ|จ้า|และ|กับ|ที่|ได้|จะ|เป็น|อยู่|ไป|มา)/;
const isThai = (c: number): boolean => c >= 0x0e01 && c <= 0x0e4e;

function scanThai(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  if (CUE < minBase) return;
  /** The longest listed given name that starts at `at` (Thai is written without spaces between words). */
  const givenAt = (at: number): number => {
    for (let n = Math.min(20, text.length - at); n >= 2; n--) if (g.given.has(text.slice(at, at + n))) return n;
    return 0;
  };
  /** Where a name that starts at `at` ends: at a space, a polite particle or a non-Thai character. */
  const wordEnd = (at: number, max: number): number => {
    let e = at;
    while (e < text.length && e - at < max && isThai(text.charCodeAt(e)) && !TH_END.test(text.slice(e, e + 4))) e++;
    return e;
  };
  const read = (at: number, strong: boolean): void => {
    const n = givenAt(at);
    let end: number;
    if (n > 0 && (at + n >= text.length || !isThai(text.charCodeAt(at + n)) || TH_END.test(text.slice(at + n, at + n + 4)))) end = at + n;
    else if (strong) end = wordEnd(at, 20);
    else return;
    if (end - at < 2) return;
    // A family name after one space: "สมชาย ใจดี".
    if (strong && text[end] === ' ' && isThai(text.charCodeAt(end + 1))) {
      const family = wordEnd(end + 1, 20);
      if (family - (end + 1) >= 2) end = family;
    }
    emit(at, end, CUE);
  };
  let m: RegExpExecArray | null;
  TH_NAME_CUE.lastIndex = 0;
  while ((m = TH_NAME_CUE.exec(text)) !== null) read(m.index + m[0].length, m[1] !== undefined || m[2] !== undefined);
  TH_TITLE.lastIndex = 0;
  while ((m = TH_TITLE.exec(text)) !== null) read(m.index + m[0].length, m[0] !== 'คุณ' && m[0] !== 'คุณ ');
}

/**
 * Names in Arabic, Devanagari, Chinese, Japanese, Korean, Hebrew and Thai script; each part runs only if its script
 * occurs in `text`. Han characters with kana are Japanese, without are Chinese.
 */
export function scanOtherScripts(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  if (ARABIC_PRESENT.test(text)) scanArabic(text, g, minBase, emit);
  if (DEVANAGARI_PRESENT.test(text)) scanDevanagari(text, g, minBase, emit);
  if (KANA_PRESENT.test(text)) scanJapanese(text, g, minBase, emit);
  else if (HAN_PRESENT.test(text)) scanChinese(text, g, minBase, emit);
  if (HANGUL_PRESENT.test(text)) scanKorean(text, g, minBase, emit);
  if (HEBREW_PRESENT.test(text)) scanHebrew(text, g, minBase, emit);
  if (THAI_PRESENT.test(text)) scanThai(text, g, minBase, emit);
}
