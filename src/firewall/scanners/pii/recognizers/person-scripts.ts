/**
 * PERSON in scripts without capital letters: Arabic (also Persian and Urdu), Devanagari and Chinese. Cyrillic names
 * are capitalised and go through the same runs as Latin ones (person.ts). The evidence is the same as there:
 *
 *   a cue before      Arabic "اسمي", "السيد", "الدكتورة", "تواصل مع" · Persian "آقای", "خانم" · Urdu "میرا نام"
 *                     Devanagari "मेरा नाम", "श्री", "श्रीमती", "डॉ." · Chinese "我叫", "我的名字是", "姓名：", "联系"  → 0.85
 *   a title after     "王先生", "李老师", "राहुल जी"                                                              → 0.85
 *   no cue            a listed given name and a listed given or family name after it ("محمد أحمد",
 *                     "राहुल शर्मा"), or a Chinese surname and a listed two-character given name ("王伟宸") → 0.6
 *
 * A single listed word without a cue is no finding: many names are also words ("نور" light, "विकास" development).
 * Each scanner runs only when its script occurs in the text (one regex test) and reads the text once; lists come
 * from the same gazetteer (name-lists.json: faker's ar/fa/ur, ne and zh locales plus hand-written Arabic and Hindi
 * names, see scripts/data/build-pii-names.ts).
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

/** Names in Arabic, Devanagari and Chinese script; each part runs only if its script occurs in `text`. */
export function scanOtherScripts(text: string, g: NameGazetteer, minBase: number, emit: Emit): void {
  if (ARABIC_PRESENT.test(text)) scanArabic(text, g, minBase, emit);
  if (DEVANAGARI_PRESENT.test(text)) scanDevanagari(text, g, minBase, emit);
  if (HAN_PRESENT.test(text)) scanChinese(text, g, minBase, emit);
}
