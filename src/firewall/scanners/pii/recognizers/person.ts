/**
 * PERSON without a language model: runs of capitalised words, each word looked up in a name gazetteer (scoring in
 * person-score.ts), then the evidence around each part of a run. A part is reported only with evidence that it is
 * a person, and not when something says it is anything else.
 *
 * Evidence for (the score rises to at least the figure given):
 *   title before          "Mr.", "Dr.", "Frau", "Κύριος" …; a soft title or capitalised role ("President",
 *                         "King", "Patient", "Kollege") only before a listed name                       → 0.85
 *   cue before            "my name is", "I'm", "Dear", "Hi", "cc", "spoke to", "Thank you", "starring",
 *                         "directed by", "με λένε", "Jordan and I", "X's wife", a sign-off line ("Thanks,\nSarah"),
 *                         a lower-case title ("ms. Quinzia")                                           → 0.85
 *                         a "name" key or label ("Name:", "- name:", "full_name:"): only for a value that
 *                         looks like a name: a full name the lists support inside an indented structure or a
 *                         list item; a listed name or several words on a form line. "container_name",
 *                         "Project name:", "app.name", "--name" name things, and what follows is no person
 *                         "called", "named": the same, but not before common words ("called Ocean Breeze") → 0.85
 *                         a verb of contact right before ("ask", "email", "meet", "Ask Sarah"): the same, but not
 *                         before one unknown word ("ask ChatGPT"); the verb is never part of the name → 0.85
 *                         a lower-case role ("producer", "my wife", "our tutor"); a capitalised one only before
 *                         a listed name ("Customer First" is a slogan)                                 → 0.75
 *   spoken to             "Don't go to town, Brandon!", "Kuba, can I…"                                 → 0.75
 *   a speaker             "Halldór: What a wife." at the start of a line or sentence                    → 0.6
 *   "to/for/with/from/by" before a name-like part                                            +0.3 (one word +0.15)
 *   possessive            "Kaczmarek's" (a listed name)                                                +0.15
 *   context words         "said", "patient", "met" … within six words                                 +0.35
 *   a list of names       "Romi, Erik, Amy": a short given name +0.15, an unknown word                 → 0.5
 *   the words themselves  a listed given + family name pair 0.85, a given name alone 0.55 (person-score.ts); a
 *                         full name on the public-figure list at least 0.6 ("Harry Potter", "Nikola Tesla")
 * Evidence against (the part is dropped):
 *   organisations         person-places-orgs.ts ORGS ("Goldman Sachs", "JP Morgan", "Dr. Martens", "Uncle Ben's");
 *                         "X & Y" ("Ben & Jerry's"); "and Sons", "& Co"; a list of names ending in "Inc", "LLC",
 *                         "Orchestra" …; capitals inside a word ("OpenAI"); alone and without a cue, BRAND_WORDS
 *                         ("Boeing"); with "'s", POSSESSIVE_BRANDS ("Macy's"), a business noun after it
 *                         ("Wendy's franchise"), a brand next to it ("McDonald's and Wendy's"), a shop's name
 *                         ("Joe's Pizza"), a chain after "at" ("lunch at Wendy's")
 *   places                "San", "Santa", "St.", "Port", "Fort", "Mount", "Lake", "Isle", "Άγιος" … before; "Street",
 *                         "Springs", "Inc", "Prize", "Track", "Glacier" … after, or "circuit", "trail", "glacier",
 *                         "national park" … in lower case; "Isle of", "Ring of" before; PLACES and faker's cities
 *                         with names in them ("Ann Arbor", "Ben Nevis"); a city-name word alone ("Austin") after
 *                         "in", "to", "flew to", "nach", "naar" …; "von/van/du" before a town or a country ("Zug von
 *                         Hamburg", "Tour du Mont Blanc"), unless a name stands before the particle; a town next to
 *                         a place in a list ("Lucca, Pisa or Siena"); a country or "street" after it ("Arnsdorf,
 *                         Germany"), but not a nationality ("Is Dmitri Volkov Ukrainian?")
 *   phrases and things    "Magna Carta", "Guten Morgen", "Gen Z", "Eggs Benedict" (NOT_PERSON_PHRASES); German
 *                         nouns (a word after der/die/das/ein…, a capitalised article and its noun, or on
 *                         GERMAN_WORDS); eponyms ("Parkinson's disease", "Nobel prizes"); one word after "a"/"an"
 *                         ("won an Oscar"); nationalities and peoples are never part of a name ("Cleopatra
 *                         Egyptian"); headings and slogans made only of common words ("Summer Sale Ends")
 *                         without a person cue, unless a given and a family name or a public figure
 *   placeholders          "John Doe", "Max Mustermann", "Foo Bar"; "John Smith" near "example", "sample"…; Alice,
 *                         Bob, Eve, Mallory… alone with another of them near, near words of cryptography or
 *                         protocols, or quoted in code (person-places-orgs.ts PLACEHOLDER_PEOPLE)
 *   alone and no cue      a word of three letters or fewer ("Mac", "Bot"; a given name like "Tom" needs more
 *                         evidence), a famous surname ("Lincoln", "Einstein": person-public-figures.ts), a figure
 *                         most people share a name with ("Homer", "Moses"), a name with an epithet ("Alexander the
 *                         Great"), a word after "in", "at", "near" …
 *   characters            one word without a person cue near words of a literature, film or history discussion
 *                         ("Discuss Sonya as his moral anchor", DISCUSSION), or without any cue near a figure's
 *                         name ("when does Walter turn into Heisenberg?"); a full name without any cue near both
 *                         ("Is Tom Buchanan the villain?" about Gatsby): 0.45, under the default threshold;
 *                         "the Jensen novel" and "a poem for Sarah" keep their people
 *   a number next to it   "12 Kent Street", "Jana Nerudy 894"                                          −0.35
 *
 * Spans are the name only: a title before it ("Dr."), a verb ("Summarize"), a possessive "'s" and punctuation after
 * it stay out, so that redaction keeps the sentence readable ("Summarize [PERSON]'s work"); a possessive ends a
 * name ("Jane Austen's Emma").
 *
 * Lower-case names are taken only right after a cue: "my name is lena andersson", "please email priya
 * raghunathan", "mr. elliott". Greek names are capitalised and read here (accents ignored); names in Arabic,
 * Devanagari, Chinese, Japanese, Korean, Hebrew and Thai script: person-scripts.ts. A name on the public-figure
 * list is reported with `publicFigure: true`, and so is a later mention of one of its words ("Marie Curie …
 * Marie") (markPublicFigures, called by the PII scanner).
 */
import type { Finding } from '../../../types.js';
import { boosted, contextMatcher, contextWords } from '../context.js';
import { maskName } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { nameGazetteer, type NameGazetteer } from './names.js';
import {
  BRAND_WORDS,
  EXAMPLE_CONTEXT,
  EXAMPLE_NAMES,
  FIXTURE_NAMES,
  FIXTURE_SURNAMES,
  NOT_PERSON_PHRASES,
  ORGS,
  PLACE_WORDS,
  PLACES,
  phraseSet,
  PLACEHOLDER_CAST,
  PLACEHOLDER_PEOPLE,
  POSSESSIVE_BRANDS,
  POSSESSIVE_CHAINS,
  PROTOCOL_TALK,
} from './person-places-orgs.js';
import { FAMOUS_WORKS, PUBLIC_FIGURES_FULL, PUBLIC_FIGURES_SINGLE, PUBLIC_SINGLE_GIVEN } from './person-public-figures.js';
import { classify, isForeign, scoreRun, type Kind, type Token } from './person-score.js';
import { scanOtherScripts } from './person-scripts.js';
import {
  articleBefore,
  cueBefore,
  DEMONYMS,
  DISCUSSION,
  nameLabel,
  NOT_NAMES,
  NO_CUE,
  PARTICLES,
  PERSON_CONTEXT,
  PLACE_BEFORE,
  PLACE_OR_ORG_AFTER,
  ROLE_WORDS,
  SOFT_TITLES,
  STRONG_CUE,
  SURNAME_OR_PLACE,
  TITLES,
  type Cue,
} from './person-words.js';

const WORD = String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
// A run: capitalised words joined by one space (an initial or title may carry a dot), up to two name particles
// between them ("Ursula von der Leyen"). Each alternative starts differently and every repeat needs a space, so a
// run is read in one pass.
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.'’-])${WORD}(?:\.? (?:(?:${PARTICLES}) ){0,2}${WORD}){0,5}\.?`,
  'gu',
);
const TOKEN = new RegExp(`${WORD}|${PARTICLES.split('|').map((p) => `\\b${p}\\b`).join('|')}`, 'gu');

const LOWER_NAME = String.raw`\p{Ll}[\p{Ll}\p{M}'’-]{1,30}`;
/** An optional middle initial: "benjamin a seiler", "eric g. samoylova". */
const LOWER_INITIAL = String.raw`(?:[ \t]+\p{Ll}\.?)?`;
/**
 * Lower-case names after a cue, in one pass; each cue is a group, then the name (one word or two, a middle initial
 * allowed), groups 5 and 6:
 *   1 "my name is višeslav", "call me lena andersson": one name that is no common word, or two
 *   2 "i'm lena": a listed given name
 *   3 "please email priya raghunathan", "cc john o'neill": a listed given name and a second name
 *   4 "mr. elliott", "dr. smith": a title with its dot and a listed name
 */
const LOWER_AFTER_CUE = new RegExp(
  String.raw`\b(?:` +
    String.raw`((?:[Mm]y name is|[Nn]ame is|[Cc]alls? me|[Nn]ame:)[ \t]+)` +
    String.raw`|((?:[Ii]'m|[Ii]’m|[Ii] am)[ \t]+)` +
    String.raw`|((?:[Ee]-?mail|[Cc]all|[Cc]c|[Bb]cc|[Cc]ontact|[Tt]ell|[Aa]sk|[Mm]essage|[Tt]ext|[Pp]ing|[Mm]eet|[Ii]nvite|[Rr]emind|[Tt]hank|[Nn]otify|[Ff]ollow up with|[Rr]each out to|[Ss]peak (?:to|with)|[Tt]alk to|[Ll]oop in|[Ff]orward (?:it|this) to|[Ss]end (?:it|this) to):?[ \t]+)` +
    String.raw`|((?:mr|mrs|ms|dr|prof)\.[ \t]*)` +
    String.raw`)(${LOWER_NAME})(?:${LOWER_INITIAL}[ \t]+(${LOWER_NAME}))?`,
  'dgu',
);
const CONTRACTION = /(?:n['’]t|['’](?:m|d|ll|re|ve))$/;
const POSSESSIVE = /['’]s$/;
const CONTEXT = contextMatcher(PERSON_CONTEXT);
const EXAMPLE = contextMatcher(EXAMPLE_CONTEXT);
const NAMED = new Set<Kind>(['F', 'L', 'O', 'S']);
const CACHE_LIMIT = 50_000;
/** The score of a lone word in a literature or history discussion: below the default threshold (0.5). */
const DISCUSSED = 0.45;
/** Soft titles (SOFT_TITLES) and capitalised roles ("Patient"): they count only before a listed name. */
const isSoftTitle = (title: string): boolean => SOFT_TITLES.has(title) || !TITLES.has(title);
const SURNAME_OR_PLACE_LOWER = new Set([...SURNAME_OR_PLACE].map((w) => w.toLowerCase()));
/** Place prefixes that are also surnames or common words: a place only at the start of a run ("North Carolina",
 * but "Kanye West", "Stuart Little"). */
const SOFT_PLACE_BEFORE = new Set('Los Las El La Le Del New North South East West Upper Lower Great Little Central Big Bad Monte Mont'.split(' '));

const ORG_SET = phraseSet(ORGS);
const PLACE_SET = phraseSet(PLACES);
const PLACE_WORD_SET = new Set(PLACE_WORDS.split(/\s+/).filter((w) => w !== ''));
const NOT_PERSON_SET = phraseSet(NOT_PERSON_PHRASES);
const FIXTURE_SET = phraseSet(FIXTURE_NAMES);
const FIXTURE_SURNAME_SET = new Set(FIXTURE_SURNAMES);
const EXAMPLE_SET = phraseSet(EXAMPLE_NAMES);

/**
 * Lower case, Latin accents off (other scripts' marks kept), no dots, no "Jr."/"III": the public-figure key. With
 * `initials` false, one-letter words go too ("John F. Kennedy" → "john kennedy"; "Malcolm X" keeps its X).
 */
function figureKey(words: readonly string[], initials: boolean): string {
  const out: string[] = [];
  for (const w of words) {
    let k = w.toLowerCase();
    if (!ASCII.test(k)) k = k.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    k = k.replace(POSSESSIVE, '');
    if (k === '' || (k.length === 1 && !initials) || /^(?:jr|sr|ii|iii|iv|vi|viii|xiv|xvi)$/.test(k)) continue;
    out.push(k);
  }
  return out.join(' ');
}
const FIGURE_WORDS = /[\p{L}\p{M}'’-]+/gu;
const ASCII = /^[ -~]*$/;
const PUBLIC_FULL = new Set<string>();
/** The last word of every full name: a finding whose last word is none of these (nor a single name) is no figure. */
const PUBLIC_LAST = new Set<string>();
for (const line of PUBLIC_FIGURES_FULL.split('\n')) {
  const words = line.match(FIGURE_WORDS) ?? [];
  for (const key of [figureKey(words, true), figureKey(words, false)]) {
    if (!key.includes(' ')) continue;
    PUBLIC_FULL.add(key);
    PUBLIC_LAST.add(key.slice(key.lastIndexOf(' ') + 1));
  }
}
const PUBLIC_SINGLE = new Set(PUBLIC_FIGURES_SINGLE.split(/\s+/).filter((w) => w !== ''));
/** The titles of FAMOUS_WORKS, as written (case matters: "The Trial", not "the trial"). */
const WORK_TITLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${FAMOUS_WORKS.split(/[|\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\p{L}\p{N}])`,
  'gu',
);

/**
 * Whether the name at [start, end) is on the public-figure list: a full name ("Marie Curie", "John F Kennedy"),
 * one of the single names ("Einstein"), or a full name with the word right before the span ("Queen Elizabeth",
 * "Mother Teresa", "President Lincoln").
 */
export function isPublicFigure(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).match(FIGURE_WORDS) ?? [];
  const lastKey = figureKey(words.slice(-1), true);
  if (!PUBLIC_LAST.has(lastKey) && !PUBLIC_SINGLE.has(lastKey)) return false;
  for (const initials of [true, false]) {
    const key = figureKey(words, initials);
    if (key === '') return false;
    if (key.includes(' ') ? PUBLIC_FULL.has(key) : PUBLIC_SINGLE.has(key)) return true;
    // The word right before: a title or a first name outside the span.
    let i = start - 1;
    while (i >= 0 && i >= start - 3 && (text[i] === ' ' || text[i] === '.')) i--;
    const to = i + 1;
    while (i >= 0 && to - i <= 16 && /[\p{L}\p{M}]/u.test(text[i] as string)) i--;
    if (to > i + 1 && PUBLIC_FULL.has(`${figureKey([text.slice(i + 1, to)], true)} ${key}`)) return true;
  }
  return false;
}

/** Answers by the name and the 20 characters before it: prompts repeat names. */
const figureCache = new Map<string, boolean>();

/** isPublicFigure, remembered by the name and the 20 characters before it. */
function publicFigureCached(text: string, start: number, end: number): boolean {
  const key = text.slice(Math.max(0, start - 20), end);
  let known = figureCache.get(key);
  if (known === undefined) {
    known = isPublicFigure(text, start, end);
    if (figureCache.size >= 10_000) figureCache.clear();
    figureCache.set(key, known);
  }
  return known;
}

/** Sets `publicFigure` on the PERSON findings whose names are on the public-figure list. */
export function markPublicFigures(text: string, findings: Finding[]): Finding[] {
  for (const f of findings) {
    if (f.type !== 'PERSON') continue;
    if (publicFigureCached(text, f.start, f.end)) f.publicFigure = true;
  }
  // A later mention of a figure's first or last name is the figure: "Anna Karenina … Anna", "Marie Curie … Marie".
  // Each word of a figure's name, with where it first occurs (one map, so that the pass stays linear).
  let figureWords: Map<string, number> | undefined;
  for (const f of findings) {
    if (f.type !== 'PERSON' || f.publicFigure !== true) continue;
    for (const w of figureKey(text.slice(f.start, f.end).match(FIGURE_WORDS) ?? [], false).split(' ')) {
      figureWords ??= new Map();
      if (w !== '' && !((figureWords.get(w) ?? Infinity) < f.start)) figureWords.set(w, f.start);
    }
  }
  if (figureWords === undefined) return findings;
  for (const f of findings) {
    if (f.type !== 'PERSON' || f.publicFigure === true) continue;
    const key = figureKey(text.slice(f.start, f.end).match(FIGURE_WORDS) ?? [], false);
    if (key === '') continue;
    if (key.split(' ').every((w) => (figureWords.get(w) ?? Infinity) < f.start)) f.publicFigure = true;
  }
  return findings;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** A number right before or after ("12 Kent Street", "Jana Nerudy 894") makes a name part of an address. */
function nextToNumber(text: string, start: number, end: number): boolean {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (isDigit(text.charCodeAt(i))) return true;
  i = start - 1;
  if (text[i] !== ' ') return false;
  while (text[i] === ' ') i--;
  return isDigit(text.charCodeAt(i)) || (isDigit(text.charCodeAt(i - 1)) && /[A-Za-z]/.test(text[i] as string));
}

/** A colon, then what is said: a capital letter or a quote ("Ella: What", "Mika: \"who"). */
const SPEECH_AFTER = /: ?["“]|: \p{Lu}/uy;

/**
 * "Halldór: What a wife. Matthew: Remember me" — a name alone at the start of a line or sentence, before a colon
 * and a space or quote, is a speaker.
 */
function speakerLabel(text: string, start: number, end: number): boolean {
  SPEECH_AFTER.lastIndex = end;
  return SPEECH_AFTER.test(text) && sentenceStart(text, start);
}

/** At the start of the text, a line or a sentence: "Summarize Marie Curie…". */
function sentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  const floor = start - 16;
  while (i >= 0 && i > floor && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === '“' || text[i] === '(')) i--;
  return i < 0 || '.!?:\n'.includes(text[i] as string);
}

/**
 * Someone spoken to: a name alone between a comma after a lower-case word and the end of the sentence ("Don't go
 * to town, Brandon!", "Well done, Sarah."), or at the start of a sentence before a comma and a lower-case word
 * ("Kuba, can I speak to your boss?").
 */
function isVocative(text: string, start: number, end: number, initialOk: boolean): boolean {
  if (text[end] === ',' && sentenceStart(text, start)) {
    if (!initialOk) return false;
    let k = end + 1;
    while (text[k] === ' ') k++;
    return k > end + 1 && /\p{Ll}/u.test(text[k] ?? '');
  }
  let i = start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (text[i] !== ',') return false;
  i--;
  while (i >= 0 && text[i] === ' ') i--;
  let w = i;
  while (w > 0 && i - w < 40 && /[\p{L}'’]/u.test(text[w - 1] as string)) w--;
  if (w > i || !/\p{Ll}/u.test(text[w] as string)) return false;
  const c = text[end];
  return c === undefined || c === '!' || c === '?' || (c === '.' && (end + 1 >= text.length || /\s/.test(text[end + 1] as string)));
}

/** A lower-case particle right before a word: "von ", "da ", "de ". */
const PARTICLE_BEFORE = /(?:^|[^\p{L}])(?:von|vom|van|da|de|di|du|des|del) $/u;

/** German and Dutch articles, capitalised at the start of a sentence: the word after them is a noun. */
const CAPITAL_ARTICLES = new Set('Der Die Das Dem Des Ein Eine Einen Einem Einer Eines Het Een'.split(' '));

/** "a " or "an " right before a word. */
const INDEFINITE_BEFORE = /(?:^|[^\p{L}])an? $/iu;

/** An all-capitals word right before a name: "JP" in "JP Morgan". */
const ACRONYM_BEFORE = /\b([A-Z]{2,4}) $/;

/** "Franciska's kid", "Tomomi's husband": a possessive before kin is a person's. */
const KIN_AFTER =
  /['’]s (?:wife|husband|son|daughter|mother|father|mom|mum|dad|brother|sister|kid|kids|child|children|uncle|aunt|cousin|grandmother|grandfather|grandma|grandpa|boyfriend|girlfriend|fiancé|fiancée|fiance|fiancee|parents|baby|nephew|niece|twin)\b/y;

/** "Jordan and I", "Sarah and me": a person, whatever the word. */
const AND_I = /(?:['’]s)? and (?:I|me)\b/y;

/** The capitalised word before a list separator, and after one. */
const LIST_BEFORE = /(\p{Lu}[\p{L}'’-]*)(?:,[ \t]*|[ \t]+and[ \t]+)$/u;
const LIST_AFTER = /^(?:,[ \t]*|[ \t]+and[ \t]+)(\p{Lu}[\p{L}'’-]*)/u;
/**
 * A lower-case noun after a name that makes it an eponym: "Caesar salad", "Doppler effect", "Parkinson's disease",
 * "Newton's laws".
 */
const EPONYM_AFTER =
  /(?:['’]s)?[ \t]+(?:salad|sandwich|sauce|dressing|cipher|effect|syndrome|disease|law|laws|principle|theorem|equation|equations|conjecture|paradox|distribution|curve|diagram|algorithm|sequence|number|numbers|constant|method|scale|prize|prizes|award|laureate|laureates|index|rule|transform|series|function|test|process|cycle|model|machine|problem|lymphoma|sarcoma|palsy|reflex|sign|maneuver|manoeuvre)\b/y;

const isLowerAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 97 && c <= 122 : /\p{Ll}/u.test(text[i] as string);
};
const isUpperAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 65 && c <= 90 : /\p{Lu}/u.test(text[i] as string);
};

/**
 * The part at `start` is on a line of a structure that holds a name key ("  - name: Ensure Apache…"): the line
 * starts with indentation or a dash, within 120 characters, and has "name" then ":" or "=" before the part.
 */
function nameKeyLine(text: string, start: number): boolean {
  const floor = Math.max(0, start - 120);
  let i = start - 1;
  while (i >= floor && text.charCodeAt(i) !== 10) i--;
  if (i < floor && floor > 0) return false;
  const lineStart = i + 1;
  const c = text.charCodeAt(lineStart);
  if (c !== 32 && c !== 9 && c !== 45) return false;
  const line = text.slice(lineStart, start);
  return line.includes('name') && NAME_KEY_LINE.test(line);
}

/** A line of a structure that holds a name key, up to the part: "  - name: Ensure ", "  \"name\": \"Setup ". */
const NAME_KEY_LINE = /^(?:[ \t]+-?|-)[ \t]*["']?[\w.-]*name["']?[ \t]*[:=]/;

/**
 * After a one-word name, what makes a ruler, a saint or a figure of legend: an epithet ("Alexander the Great",
 * "Suleiman, called the Magnificent"), a regnal number ("Henry VIII", "Louis XIV"), a place of origin or rule
 * ("Catherine of Aragon", "Joan of Arc").
 */
const EPITHET_AFTER =
  /,? (?:(?:called|known as|nicknamed) )?the \p{Lu}\p{Ll}+|(?:['’]s)? (?:V|X|[IVX]{2,6})(?![\p{L}\p{N}])| of (?!(?:Sales|Engineering|Marketing|Finance|Support|Operations|Accounting|Legal|Procurement|Product|Design|Research)\b)\p{Lu}\p{Ll}+/uy;

/** A work after a name, which makes it its author's: "the Jensen novel", "a Kubrick film". */
const WORK_AFTER = /(?:['’]s)?[ \t]+(?:novels?|novella|films?|movies?|poems?|trilogy|biography|books?|essays?)\b/y;

/**
 * A business or product noun after a name with "'s": the name is a company's ("Wendy's franchise", "Kellogg's
 * stock", "Denny's menu").
 */
const BUSINESS_AFTER =
  /[ \t]+(?:business(?:es)?|franchis(?:e|es|ees?|ing)|menus?|burgers?|fries|nuggets|stocks?|shares|share price|stores?|restaurants?|locations|chain|brand|logo|headquarters|hq|earnings|revenue|sales|ipo|ceo|marketing|ads|advertising|commercials?|coupons?|app|website|drive-?thru|drive-through|outlets?|branch(?:es)?|mascot|slogan|jingle|products|catalog(?:ue)?|parade|boots|sneakers|cereal|ketchup|syrup|chili|frosty|shakes|milkshakes|pizzas?|tacos|wings|donuts|doughnuts|subs)\b/iy;
/** A name with "'s" before or after a list separator: "McDonald's and", "or Arby's". */
const BRAND_LIST_BEFORE = /(\p{Lu}[\p{L}-]*)['’]s(?:,[ \t]*|[ \t]+(?:and|or|vs\.?|versus)[ \t]+|[ \t]*\/[ \t]*)$/u;
const BRAND_LIST_AFTER = /(?:,[ \t]*|[ \t]+(?:and|or|vs\.?|versus)[ \t]+|[ \t]*\/[ \t]*)(\p{Lu}[\p{L}-]*)['’]s\b/uy;

/** A geographic feature in lower case after a name: "the Annapurna circuit", "Franz Josef glacier". */
const GEO_AFTER =
  /[ \t]+(?:circuit|trail|trek|trekking|region|foothills|sanctuary|conservation area|wilderness|backcountry|glacier|falls|peninsula|national park|bay|peak|glen|loch|cape|base camp|massif|mountains?|range|valley|island|isle|lake|river|gorge|fjord|volcano|ridge|summit|crater|canyon|desert|coast|delta|basin|plateau|highlands|archipelago|atoll|strait|waterfall|rainforest|trailhead)\b/y;
/** "Isle of", "Ring of": the capitalised word after "of" is part of a place's name. */
const PLACE_OF_BEFORE = /\b(\p{Lu}\p{Ll}+) of $/u;
const PLACE_OF = new Set(
  `Isle Isles Island Islands Lake Bay Gulf Cape Mount Ring Rock Strait Straits Sea Firth Sound Coast Vale Valley
Kingdom Republic Duchy Province State City Town County Port Falls Mountains Peak Pass Forest Plains Bank University
Church Cathedral Museum Statue Tower Palace Castle Bridge Battle Siege Treaty Temple Tomb Gate Gates Cliffs Shores
Garden Gardens Abbey`.split(/\s+/),
);

/** A capitalised word before or after a list separator ("and", "or", a comma), for places. */
const PLACE_LIST_BEFORE = /(\p{Lu}[\p{L}-]+)(?:,[ \t]*|[ \t]+(?:and|or|to|then)[ \t]+)$/u;
const PLACE_LIST_AFTER = /(?:,[ \t]*|[ \t]+(?:and|or|to|then)[ \t]+)(\p{Lu}[\p{L}-]+)/uy;
/**
 * A shop or restaurant named with a possessive: "Dave's Hot Chicken", "Joe's Pizza", "Katz's Deli", "Sally's
 * Beauty Supply".
 */
const SHOP_AFTER =
  /['’]s(?: \p{Lu}[\p{L}&-]*){0,2} (?:Pizza|Pizzeria|Diner|Bar|Grill|Kitchen|Cafe|Café|Bakery|Deli|Pub|Tavern|Chicken|Burgers?|BBQ|Barbecue|Steakhouse|Bistro|Restaurant|Shop|Store|Market|Garage|Auto|Salon|Spa|Books|Bagels|Donuts|Tacos|Seafood|Subs|Wings|Coffee|Creamery|Ice Cream|Sandwiches|Cookies|Cantina|Trattoria|Supply|Outlet|Bowl|Shack|Hut|Original|Famous)\b/uy;

/** A country or state after a town, as in an address: ", Germany", "  Uruguay". */
const COUNTRY_AFTER = /[ \t]*,?[ \t]*(\p{Lu}\p{Ll}+)\b/uy;
/** A street word in lower case after a name: "de Provence street", "Kent st". */
const STREET_AFTER = /[ \t]+(?:street|st|avenue|ave|road|rd|lane|drive|boulevard|blvd|square|park)\b/y;

const AMP_AFTER = /[ \t]*(?:&|\+|and[ \t]+(?:Sons|Son|Co|Company|Daughters|Partners|Associates)\b)/y;
/** The next word of a list of capitalised names: ", Romero", " and Hall", " & Partners", " Hall". */
const LIST_ITEM = /(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]+)\p{Lu}[\p{L}'’-]{0,40}/uy;
const ORG_WORD =
  /[ \t,]*(?:Inc|LLC|Ltd|LLP|PLC|Corp|Corporation|Co|Company|Group|Holdings|Orchestra|Associates|Partners|Sons|Bros|Brothers|GmbH|AG|SA|Lines|Consulting|Capital|Ventures)\b/y;

/**
 * The part is a brand or firm named after people: "Ben & Jerry's", "Procter & Gamble", "Thomas and Sons",
 * "Clark, Romero and Hall Orchestra", "Smith, Jones & Partners LLP".
 */
function orgAround(text: string, start: number, end: number): boolean {
  AMP_AFTER.lastIndex = end;
  if (AMP_AFTER.test(text)) return true;
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (text[i] === '&' || text[i] === '+') return true;
  // A list of up to six words that ends in an organisation word.
  let at = end;
  for (let n = 0; n < 6; n++) {
    ORG_WORD.lastIndex = at;
    if (n > 0 && ORG_WORD.test(text)) return true;
    LIST_ITEM.lastIndex = at;
    if (!LIST_ITEM.test(text)) return false;
    at = LIST_ITEM.lastIndex;
  }
  return false;
}

interface WordInfo {
  kind: Kind;
  /** The word in lower case. */
  lower: string;
  city: boolean;
  givenPlace: boolean;
}

export function createPersonRecognizer(gazetteer: NameGazetteer = nameGazetteer()): Recognizer {
  // Prompts repeat their capitalised words ("The", "Please", product names): remember each word's class.
  const infos = new Map<string, WordInfo>();
  const infoOf = (word: string): WordInfo => {
    let info = infos.get(word);
    if (info === undefined) {
      // Contractions ("I'm", "Don't", "We'll") are never names.
      const kind = CONTRACTION.test(word) ? 'break' : classify(word, gazetteer);
      const lower = word.toLowerCase();
      info = {
        kind,
        lower,
        city: NAMED.has(kind) && (PLACE_WORD_SET.has(lower) || gazetteer.cities.has(lower)),
        givenPlace: kind === 'G' && gazetteer.given.has(lower),
      };
      if (infos.size >= CACHE_LIMIT) infos.clear();
      infos.set(word, info);
    }
    return info;
  };
  /**
   * Where the words of a literature or history discussion (DISCUSSION) and the titles of famous works stand in
   * `discussionIn`, found once a text, in order; the titles also in `workAt`.
   */
  let discussionIn: string | undefined;
  const discussionAt: number[] = [];
  const workAt: number[] = [];
  const findDiscussion = (text: string): void => {
    if (discussionIn === text) return;
    discussionIn = text;
    discussionAt.length = 0;
    workAt.length = 0;
    let m: RegExpExecArray | null;
    DISCUSSION.lastIndex = 0;
    while ((m = DISCUSSION.exec(text)) !== null) discussionAt.push(m.index);
    WORK_TITLE.lastIndex = 0;
    while ((m = WORK_TITLE.exec(text)) !== null) workAt.push(m.index);
    if (workAt.length > 0) {
      for (const at of workAt) discussionAt.push(at);
      discussionAt.sort((a, b) => a - b);
    }
  };
  /** A discussion word or a work's title within 300 characters of `at`. */
  const nearDiscussion = (text: string, at: number): boolean => {
    findDiscussion(text);
    // The first discussion word at or after `at` - 300, by bisection.
    let lo = 0;
    let hi = discussionAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((discussionAt[mid] as number) < at - 300) lo = mid + 1;
      else hi = mid;
    }
    return lo < discussionAt.length && (discussionAt[lo] as number) <= at + 300;
  };
  /** A town, a country or capital, or a word that starts a place name ("Köln", "Deutschland", "Mont"). */
  const isTown = (word: string): boolean => {
    const lower = word.toLowerCase();
    return PLACE_BEFORE.has(word) || gazetteer.towns.has(lower) || gazetteer.places.has(lower) || PLACE_WORD_SET.has(lower);
  };
  /** A lower-case word ("lena") that is a listed name and not a common word. */
  const listed = (word: string): boolean =>
    (gazetteer.given.has(word) || gazetteer.family.has(word) || gazetteer.weak.has(word)) && !gazetteer.common.has(word);
  /** A lower-case word that may be a family name no list has ("raghunathan"): not a common word. */
  const plausible = (word: string): boolean =>
    listed(word) || (word.length >= 3 && /^[\p{Ll}\p{M}'’-]+$/u.test(word) && !gazetteer.common.has(word) && !gazetteer.places.has(word));

  // The first words of all the phrases below and of the cities: a window of a part that starts with none of them
  // cannot match, which spares most lookups.
  const phraseStarts = new Set<string>();
  for (const set of [ORG_SET, PLACE_SET, NOT_PERSON_SET]) for (const p of set) phraseStarts.add(p.slice(0, p.indexOf(' ')));
  for (const c of gazetteer.cities.words()) if (c.includes('_')) phraseStarts.add(c.slice(0, c.indexOf('_')));

  /** A phrase of the part (two to four words) is a place, an organisation, a fixed phrase or a placeholder. */
  function notAPerson(words: readonly string[], titled: boolean, text: string, start: number, end: number): boolean {
    const n = words.length;
    if (n >= 2 && FIXTURE_SURNAME_SET.has(words[n - 1] as string)) return true;
    const whole = n === 1 ? (words[0] as string) : words.join(' ');
    if (FIXTURE_SET.has(whole)) return true;
    if (EXAMPLE_SET.has(whole) && EXAMPLE.test(contextWords(text, start, end))) return true;
    for (let i = 0; i < n - 1; i++) {
      if (!phraseStarts.has(words[i] as string)) continue;
      for (let len = 2; len <= 4 && i + len <= n; len++) {
        const slice = words.slice(i, i + len);
        const key = slice.join(' ');
        if (ORG_SET.has(key) || NOT_PERSON_SET.has(key)) return true;
        if (!titled && (PLACE_SET.has(key) || gazetteer.cities.has(slice.join('_')))) return true;
      }
    }
    return false;
  }

  /** A place next to `start`/`end` in a list: "Florence or Siena", "Porto, Lisbon". */
  function placeNeighbour(text: string, start: number, end: number): boolean {
    const before = PLACE_LIST_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    PLACE_LIST_AFTER.lastIndex = end;
    const after = PLACE_LIST_AFTER.exec(text);
    for (const word of [before?.[1], after?.[1]]) {
      if (word === undefined) continue;
      const lower = word.toLowerCase();
      if (PLACE_WORD_SET.has(lower) || gazetteer.places.has(lower) || (gazetteer.towns.has(lower) && !gazetteer.given.has(lower))) return true;
    }
    return false;
  }

  /** A given name (no city) next to `start`/`end` in a list: "Romi, Erik, Amy", "Marrero and Murphy". */
  function listedNeighbour(text: string, start: number, end: number): boolean {
    const before = LIST_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    const after = LIST_AFTER.exec(text.slice(end, end + 40));
    for (const m of [before, after]) {
      const word = m?.[1];
      if (word === undefined) continue;
      const info = infoOf(word);
      if (info.kind === 'F' && !info.city) return true;
    }
    return false;
  }

  /**
   * "Alice sends Bob a key", "using Alice, Bob and Eve", Person("Alice"): another of the cast within 80 characters,
   * a word of cryptography or protocols within 300, or quotes around it in code make one of them a placeholder.
   */
  function placeholderCast(text: string, start: number, end: number): boolean {
    // A string in code: Person("Alice"), { to: 'Bob' }.
    const quote = text[start - 1];
    if ((quote === '"' || quote === "'") && text[end] === quote) return true;
    const near = text.slice(Math.max(0, start - 80), Math.min(text.length, end + 80));
    const self = text.slice(start, end);
    PLACEHOLDER_CAST.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PLACEHOLDER_CAST.exec(near)) !== null) if (m[0] !== self) return true;
    return PROTOCOL_TALK.test(text.slice(Math.max(0, start - 300), Math.min(text.length, end + 300)));
  }

  /**
   * "Macy's", "Wendy's franchise", "McDonald's and Wendy's", "lunch at Wendy's": a one-word name with "'s" that is a
   * brand, alone and without a person cue.
   */
  function possessiveBrand(text: string, single: Token, cue: Cue): boolean {
    if (POSSESSIVE_BRANDS.has(single.lower)) return true;
    SHOP_AFTER.lastIndex = single.end;
    if (SHOP_AFTER.test(text)) return true;
    // "at Wendy's.", "to Claire's?": a chain (or someone's home) as a place.
    if (POSSESSIVE_CHAINS.has(single.lower) && cue.locative) return true;
    BUSINESS_AFTER.lastIndex = single.end + 2;
    if (BUSINESS_AFTER.test(text)) return true;
    // Next to a brand in a list: "McDonald's and Wendy's", "Wendy's or Arby's".
    const before = BRAND_LIST_BEFORE.exec(text.slice(Math.max(0, single.start - 40), single.start));
    BRAND_LIST_AFTER.lastIndex = single.end + 2;
    const after = BRAND_LIST_AFTER.exec(text);
    for (const word of [before?.[1], after?.[1]]) {
      if (word === undefined) continue;
      const lower = word.toLowerCase();
      if (POSSESSIVE_BRANDS.has(lower) || BRAND_WORDS.has(lower) || POSSESSIVE_CHAINS.has(lower)) return true;
    }
    return false;
  }

  /**
   * ", Germany", "  Uruguay", " street" or " salad" right after: the part is a town or a street in an address, or
   * the name of a thing ("Caesar salad", "Fibonacci sequence").
   */
  function countryAfter(text: string, end: number): boolean {
    STREET_AFTER.lastIndex = end;
    if (STREET_AFTER.test(text)) return true;
    EPONYM_AFTER.lastIndex = end;
    if (EPONYM_AFTER.test(text)) return true;
    COUNTRY_AFTER.lastIndex = end;
    const m = COUNTRY_AFTER.exec(text);
    if (m === null) return false;
    // A nationality or language after a name is not a country: "Is Dmitri Volkov Ukrainian?".
    if (DEMONYMS.has(m[1] as string) || NOT_NAMES.has(m[1] as string)) return false;
    const lower = (m[1] as string).toLowerCase();
    return gazetteer.places.has(lower) && !gazetteer.given.has(lower);
  }

  /**
   * Scores one part of a run (between non-name words); returns its score, or 0 when it is not a person. `title`
   * is the title right before it, if any.
   */
  function score(text: string, run: Token[], title: string | undefined, cued: boolean, input: ScanInput): number {
    while (run.length > 0 && run[run.length - 1]?.kind === 'particle') run.pop();
    // "Princess Royal", "King Forges": a soft title counts only before a listed name.
    let named = false;
    let listedOrPlace = false;
    for (const t of run) {
      if (NAMED.has(t.kind)) named = listedOrPlace = true;
      else if (t.kind === 'G') listedOrPlace = true;
    }
    const titled = title !== undefined && (!isSoftTitle(title) || listedOrPlace);
    // "Summarize Marie Curie", "Congrats Sarah Lee": an unknown or common word at a sentence start before a given
    // name and more is a verb or a greeting, not a first name.
    if (!titled && run.length >= 3 && (run[0]?.kind === 'U' || run[0]?.kind === 'N') && run[1]?.kind === 'F') {
      if (sentenceStart(text, (run[0] as Token).start)) run.splice(0, 1);
    }
    // The words that are not initials or particles: how many, and the one if there is one.
    let count = 0;
    let single: Token | undefined;
    for (const t of run) {
      if (t.kind !== 'init' && t.kind !== 'particle') {
        count++;
        single = t;
      }
    }
    // Initials only: "Gen Z", "Mr. X".
    if (count === 0) return 0;
    if (count > 1) single = undefined;
    const start = (run[0] as Token).start;
    const last = run[run.length - 1] as Token;
    const { end } = last;
    let score = scoreRun(run);
    if (score <= 0 && !named && single?.kind !== 'G') return 0;
    // A well-known full name is a name even when its words are common ones ("Harry Potter"); where one is named,
    // other names near it may be characters (emitDeferred).
    const mayBeFigure = count > 1 && PUBLIC_LAST.has(last.lower);
    if (mayBeFigure) {
      if (score < 0.6 && publicFigureCached(text, start, end)) score = 0.6;
      if (figureCandidates.length < 2000) figureCandidates.push(start, end);
    }

    AND_I.lastIndex = end;
    KIN_AFTER.lastIndex = end;
    let cue: Cue = cued || AND_I.test(text) || (last.possessive && KIN_AFTER.test(text)) ? STRONG_CUE : cueBefore(text, start);
    // "ask ChatGPT", "call Redis": a verb of contact before one unknown word is no evidence.
    if (cue.verb && single?.kind === 'U') cue = NO_CUE;
    // "Project name: Apollo", "container_name: Redis": a thing's name.
    if (cue.thing && !titled) return 0;
    // A "name" key holds a person only if the value looks like one: in a structure ("- name: Deploy", "  name:
    // Setup Node", "\"name\": \"Henry\"") a full name the lists support; on a form line ("Name: Priya") a listed
    // given or family name, or several words. Otherwise the value names a thing.
    if (cue.label !== undefined && !titled) {
      const looksLikeName =
        cue.label === 'structured'
          ? count > 1 && score >= 0.6
          : single === undefined ||
            single.kind === 'F' ||
            single.kind === 'L' ||
            single.kind === 'S' ||
            single.givenPlace ||
            (single.kind === 'U' && single.foreign);
      if (!looksLikeName) return 0;
    }
    // "Customer First", "Client Focus": a capitalised role before one word is a heading, unless the word is a name.
    if (cue.capitalRole && single !== undefined && !NAMED.has(single.kind) && !single.givenPlace) cue = NO_CUE;
    // "a cat called Mittens": a thing may be called anything; a person is called by a name.
    if (cue.naming && single !== undefined && !NAMED.has(single.kind) && !(single.kind === 'U' && single.foreign)) {
      if (!single.givenPlace || gazetteer.common.has(single.lower)) cue = NO_CUE;
    }
    // Common English words in title case ("Summer Sale Ends", "Every Day", "called Ocean Breeze") need a person
    // cue, unless they make a given and a family name ("Mark Brown") or a public figure's name ("Will Smith").
    if (count > 1 && !titled && (cue.strong === 0 || cue.naming)) {
      let common = true;
      let first: Token | undefined;
      for (const t of run) {
        if (t.kind === 'init' || t.kind === 'particle') continue;
        first ??= t;
        if (t.kind !== 'N' && !(t.kind === 'G' && gazetteer.common.has(t.lower))) common = false;
      }
      if (common && first !== undefined && !(gazetteer.given.has(first.lower) && gazetteer.family.has(last.lower))) {
        if (!isPublicFigure(text, start, end)) return 0;
      }
    }
    const strong = titled || cue.strong > 0;
    let vocative = false;
    // "Alexander the Great", "Ivan the Terrible": a ruler or a saint with an epithet.
    if (single !== undefined && !titled) {
      EPITHET_AFTER.lastIndex = end;
      if (EPITHET_AFTER.test(text)) return 0;
    }
    if (single !== undefined && !strong) {
      // Alone and without a person cue: not a short word ("Mac"), a famous surname ("Lincoln"), a company
      // ("Boeing"), a place after "in"/"to" ("in Victoria", "to Jasper"), or a brand ("McDonald's").
      if (PUBLIC_SINGLE.has(single.lower) || PUBLIC_SINGLE_GIVEN.has(single.lower) || BRAND_WORDS.has(single.lower)) return 0;
      if (single.possessive && possessiveBrand(text, single, cue)) return 0;
      if (PLACEHOLDER_PEOPLE.has(single.lower) && placeholderCast(text, start, end)) return 0;
      // "Florence or Siena", "Lisbon, Porto and Coimbra": a town next to a place in a list is a place.
      if (!single.possessive && gazetteer.towns.has(single.lower) && placeNeighbour(text, start, end)) return 0;
      // "da Milano a Venezia", "von Köln": a town after a particle, as a preposition.
      if (!single.possessive && PARTICLE_BEFORE.test(text.slice(Math.max(0, start - 5), start)) && isTown(single.lower)) return 0;
      if (!single.possessive && (cue.locative || (single.city && cue.weak))) return 0;
      if (single.kind === 'G') return 0;
      // "won an Oscar", "drives a Tesla": after "a" or "an", one word is a thing or a kind.
      if (text[start - 1] === ' ' && INDEFINITE_BEFORE.test(text.slice(Math.max(0, start - 4), start))) return 0;
      // Three letters or fewer: a given name ("Tom") needs more evidence, anything else is dropped.
      if (single.end - single.start <= 3) {
        if (single.kind !== 'F') return 0;
        score = Math.min(score, 0.4);
      }
      if (single.city) score = Math.min(score, 0.3);
      // A common word may be a name at the end ("go to town, Mark!"), not at the start ("Cool, what's that?").
      vocative = (NAMED.has(single.kind) || single.kind === 'N') && isVocative(text, start, end, single.kind !== 'N');
    }
    // "in Den Haag", "at Villafranca del Cid": after a place word, a name-like pair is a place more often, and
    // "grew up in Shelly Park" is a park.
    if (count > 1 && !strong && cue.locative && !last.possessive) {
      if (SURNAME_OR_PLACE_LOWER.has(last.lower)) return 0;
      score -= 0.25;
    }

    if (titled) score = Math.max(score, 0.85);
    if (input.useContext && score < 0.85) {
      if (cue.strong > 0) score = Math.max(score, cue.strong);
      else if (vocative) score = Math.max(score, 0.75);
      else if (cue.weak && (named || count > 1) && score >= 0.3) score = Math.min(0.85, score + (single ? 0.15 : 0.3));
      else if ((named || (single?.kind === 'U' && single.foreign)) && speakerLabel(text, start, end)) score = Math.max(score, 0.6);
      // Plain context only lifts a part that looks like a name already: not "Fuse" or "Snake Boogie".
      else if (score >= 0.3 && (named || count > 1)) {
        if (CONTEXT.test(contextWords(text, start, end))) score = boosted(score);
      }
      // In a list of given names ("Romi, Erik, Amy"), a short or unknown word is one too.
      if (single !== undefined && score < 0.5 && !strong && (single.kind === 'F' || (single.kind === 'U' && end - start >= 4))) {
        if (listedNeighbour(text, start, end)) score = single.kind === 'F' ? score + 0.15 : 0.5;
      }
      if (last.possessive && named && score < 0.85) score = Math.min(0.85, score + 0.15);
    }
    if (!titled && nextToNumber(text, start, end)) score -= 0.35;
    // "Discuss Levin as a counterpoint to Anna": one word without a person cue in a discussion of a book, a film or
    // history is a character or a figure.
    // "the Jensen novel", "a Kubrick film" name the author, a person. One word without any cue near a figure's
    // name is a character too ("when does Walter become Heisenberg?"), and so is a full name without any cue near
    // both a discussion word and a figure ("Is Tom Buchanan the villain?" about Gatsby): decided in emitDeferred,
    // once the whole text is read.
    if (!strong && !vocative && score > DISCUSSED) {
      const noCue = !cue.weak && !cue.locative;
      WORK_AFTER.lastIndex = end;
      if (single !== undefined) {
        // "a poem for Sarah", "the novel by Priya": a recipient or an author, not a character.
        if ((!cue.weak || cue.toward) && nearDiscussion(text, start)) {
          if (!WORK_AFTER.test(text)) score = DISCUSSED;
        } else if (noCue) maybeCharacter = true;
      } else if (noCue && !last.possessive && nearDiscussion(text, start) && !WORK_AFTER.test(text)) {
        maybeCharacter = !(mayBeFigure && publicFigureCached(text, start, end));
      }
    }
    if (score < input.minBase || score <= 0) return 0;

    // Counter-evidence, checked last as it costs the most: organisations, places, phrases, placeholders, German
    // nouns, a country or an eponym's noun after the name.
    const words: string[] = [];
    for (const t of run) if (t.kind !== 'init') words.push(t.lower);
    if (notAPerson(words, titled, text, start, end)) return 0;
    // "Eggs Benedict", "Big Ben": a phrase whose first word is not a name.
    if (text[start - 1] === ' ') {
      let b = start - 2;
      while (b >= 0 && start - b <= 20 && isLowerAt(text, b)) b--;
      if (b >= 0 && b < start - 2 && isUpperAt(text, b)) {
        const prev = text.slice(b, start - 1).toLowerCase();
        if (phraseStarts.has(prev)) {
          const key = `${prev} ${words.join(' ')}`;
          if (NOT_PERSON_SET.has(key) || ORG_SET.has(key) || (!titled && PLACE_SET.has(key))) return 0;
        }
      }
    }
    // A title that is part of a brand: "Dr. Martens", "Dr Pepper", "Mrs. Fields", "Uncle Ben's".
    if (title !== undefined && ORG_SET.has(`${title.toLowerCase()} ${words.join(' ')}`)) return 0;
    // An acronym right before makes a firm of a name: "JP Morgan".
    ACRONYM_BEFORE.lastIndex = 0;
    const acronym = ACRONYM_BEFORE.exec(text.slice(Math.max(0, start - 6), start));
    if (acronym !== null && ORG_SET.has(`${(acronym[1] as string).toLowerCase()} ${words.join(' ')}`)) return 0;
    if (orgAround(text, start, end)) return 0;
    if (!titled && articleBefore(text, start)) return 0;
    if (!strong && countryAfter(text, end)) return 0;
    // "- name: Ensure Apache is running": later words of a name key's value in a structure name a task or a thing.
    if (!strong && nameKeyLine(text, start)) return 0;
    // "the Annapurna circuit", "Franz Josef glacier", "Isle of Skye", "Ring of Kerry": a geographic feature.
    if (!strong && !last.possessive) {
      GEO_AFTER.lastIndex = end;
      if (GEO_AFTER.test(text)) return 0;
      if (text.startsWith(' of ', start - 4)) {
        const of = PLACE_OF_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
        if (of !== null && PLACE_OF.has(of[1] as string)) return 0;
      }
    }
    return score;
  }

  /** Scored parts of the current run, as start, end, score: emitted when the run or its sentence ends. */
  const pending: number[] = [];
  function proposePart(text: string, run: Token[], title: string | undefined, cued: boolean, input: ScanInput): void {
    if (run.length === 0) return;
    maybeCharacter = false;
    const s = score(text, run, title, cued, input);
    if (s > 0) pending.push((run[0] as Token).start, (run[run.length - 1] as Token).end, s, maybeCharacter ? 1 : 0);
  }
  function flush(emit: Emit): void {
    for (let i = 0; i < pending.length; i += 4) {
      const start = pending[i] as number;
      const end = pending[i + 1] as number;
      const s = pending[i + 2] as number;
      // One word without any cue: a character if a figure is named nearby, decided once the text is read.
      if (pending[i + 3] === 1) deferred.push(start, end, s);
      else emit(start, end, s);
    }
    pending.length = 0;
  }
  /**
   * Where figures and characters are named in the text being read ("Gatsby", "Sherlock Holmes"), and the one-word
   * parts without any cue that are characters if one of them stands within 300 characters ("when does Walter become
   * Heisenberg? Is Jesse the moral center?").
   */
  const figureAt: number[] = [];
  /** Parts of several words that may be a public figure's full name, as start, end: checked only when needed. */
  const figureCandidates: number[] = [];
  const deferred: number[] = [];
  let maybeCharacter = false;
  function emitDeferred(text: string, emit: Emit): void {
    if (deferred.length === 0) return;
    // A famous work's title counts as a figure's name: "What role does Estella play in Great Expectations?"
    findDiscussion(text);
    for (const at of workAt) if (figureAt.length < 2000) figureAt.push(at);
    for (let i = 0; i < figureCandidates.length; i += 2) {
      const start = figureCandidates[i] as number;
      if (publicFigureCached(text, start, figureCandidates[i + 1] as number)) figureAt.push(start);
    }
    figureAt.sort((a, b) => a - b);
    for (let i = 0; i < deferred.length; i += 3) {
      const start = deferred[i] as number;
      // The first figure at or after start - 300, by bisection; a figure other than the part itself is near.
      let lo = 0;
      let hi = figureAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((figureAt[mid] as number) < start - 300) lo = mid + 1;
        else hi = mid;
      }
      let near = false;
      for (let k = lo; k < figureAt.length && (figureAt[k] as number) <= start + 300 && !near; k++) near = figureAt[k] !== start;
      emit(start, deferred[i + 1] as number, near ? DISCUSSED : (deferred[i + 2] as number));
    }
    deferred.length = 0;
  }

  function scanRun(text: string, found: string, at: number, input: ScanInput, emit: Emit): void {
    // Split at non-name words; a title marks the part right after it, a cue verb ("Ask") too; a place prefix
    // ("San", "Lake") or street word ("Rua") makes the rest of the run a place, and "Street", "Inc" after a part
    // make it, and every part before it in the run, a place or an organisation ("Nera Economic Consulting").
    let run: Token[] = [];
    let title: string | undefined;
    let cued = false;
    let street = false;
    let particleBefore = false;
    let nounNext = false;
    pending.length = 0;
    TOKEN.lastIndex = 0;
    let t: RegExpExecArray | null;
    while ((t = TOKEN.exec(found)) !== null) {
      let word = t[0];
      // Possessive: "Amanda's daughter".
      const possessive = POSSESSIVE.test(word);
      if (possessive) word = word.slice(0, -2);
      const start = at + t.index;
      const info = infoOf(word);
      let kind = info.kind;
      // Inside a run a soft title is a name: "Martin Luther King", "Carole King".
      if (kind === 'title' && run.length > 0 && SOFT_TITLES.has(word)) kind = classify(word, gazetteer, true);
      // After a title any capitalised word is a name: "Mr. May" (not after "King", "Princess": SOFT_TITLES).
      if (title !== undefined && !isSoftTitle(title) && run.length === 0 && (kind === 'break' || kind === 'G' || kind === 'cue') && /\p{Ll}/u.test(word)) kind = 'U';
      // "Nikola Tesla", "Taylor Swift": a word that is otherwise a product or a language ends a public figure's name.
      if (kind === 'break' && run.length > 0 && PUBLIC_LAST.has(word.toLowerCase())) {
        const key = figureKey([...run.filter((r) => r.kind !== 'particle').map((r) => r.lower), word], false);
        if (PUBLIC_FULL.has(key)) kind = 'L';
      }
      // "Was Napoleon Short?": a common word after a one-word figure is not a family name.
      if (kind === 'N' && run.length === 1 && PUBLIC_SINGLE.has((run[0] as Token).lower)) kind = 'break';
      // "Sarah Park", "Jenny Hill": after one given name, these are family names, not places.
      if (kind === 'place' && run.length === 1 && run[0]?.kind === 'F' && SURNAME_OR_PLACE.has(word)) kind = 'L';
      // "San Antonio", "Lake Victoria", "St. Louis": the rest of the run is a place. "North", "West", "Little"
      // only at the start of a run ("North Carolina", but "Kanye West").
      // A capitalised role at the start of a run reads as a soft title: "Patient Li Na", "Director Ang Lee".
      if (run.length === 0 && title === undefined && kind !== 'title' && ROLE_WORDS.has(word.toLowerCase())) kind = 'title';
      let placeStart = PLACE_BEFORE.has(word) && title === undefined && kind !== 'title' && (run.length === 0 || !SOFT_PLACE_BEFORE.has(word));
      // "Tag von Köln", "Zug von Hamburg", "Tour du Mont Blanc": a particle before a town, a country or a place word
      // is a preposition, and the rest is a place; not after a name ("Lars von Trier", "Leonardo da Vinci").
      if (particleBefore && kind !== 'particle' && kind !== 'title') {
        let prev: Token | undefined;
        for (let k = run.length - 1; k >= 0 && prev === undefined; k--) if (run[k]?.kind !== 'particle') prev = run[k];
        if ((prev === undefined || !NAMED.has(prev.kind) || isTown(prev.lower)) && isTown(word)) {
          while (run.length > 0 && run[run.length - 1]?.kind === 'particle') run.pop();
          title = undefined;
          cued = false;
          placeStart = true;
        }
      }
      particleBefore = kind === 'particle';
      // "Der Vortrag von Lukas Hoffmann", "Het Rijksmuseum": a capitalised article and the noun after it.
      if (nounNext && kind !== 'title') kind = 'break';
      nounNext = run.length === 0 && CAPITAL_ARTICLES.has(word);
      if (nounNext) kind = 'break';
      if (placeStart || kind === 'title' || kind === 'break' || kind === 'cue' || kind === 'place' || kind === 'street') {
        // A place or organisation word after a part: the part and those before it in the run are its name.
        if (kind === 'place' || (placeStart && PLACE_OR_ORG_AFTER.has(word))) pending.length = 0;
        else if (!street) proposePart(text, run, title, cued, input);
        run = [];
        title = !placeStart && kind === 'title' ? word : undefined;
        cued = !placeStart && kind === 'cue';
        street = placeStart || kind === 'street';
        continue;
      }
      if (PUBLIC_SINGLE.has(info.lower) && figureAt.length < 1000) figureAt.push(start);
      if (kind !== 'particle' || run.length > 0) {
        run.push({
          start,
          end: start + word.length,
          kind,
          foreign: isForeign(word),
          lower: word.toLowerCase(),
          city: info.city,
          possessive,
          givenPlace: info.givenPlace,
        });
      }
      // A possessive ends the name: "Jane Austen's Emma" is Jane Austen and her Emma.
      if (possessive && kind !== 'particle' && run.length > 0) {
        if (!street) proposePart(text, run, title, cued, input);
        run = [];
        title = undefined;
        cued = false;
        continue;
      }
      // A full stop after a whole word ends the sentence, and so the run ("… Sarah. Tom went").
      if (found[t.index + t[0].length] === '.' && kind !== 'init') {
        if (!street) proposePart(text, run, title, cued, input);
        flush(emit);
        run = [];
        title = undefined;
        cued = false;
        street = false;
      }
    }
    if (!street) proposePart(text, run, title, cued, input);
    flush(emit);
  }

  /** Any name list has the word, common word or not ("smith" after "dr."). */
  const anyList = (word: string): boolean =>
    gazetteer.given.has(word) || gazetteer.family.has(word) || gazetteer.weak.has(word);

  /** Lower-case names after a cue (LOWER_AFTER_CUE): what each cue asks of the name is in its comment. */
  function lowerAfterCue(text: string, emit: Emit): void {
    LOWER_AFTER_CUE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LOWER_AFTER_CUE.exec(text)) !== null) {
      const first = m[5];
      const second = m[6];
      const firstAt = m.indices?.[5];
      const secondAt = m.indices?.[6];
      if (first === undefined || firstAt === undefined) continue;
      let firstOk: boolean;
      let needSecond = false;
      let loose = true;
      if (m[1] !== undefined) {
        firstOk = plausible(first);
        // "name:" is a key: "name: web-secrets", "- name: api" are identifiers. On a form line a listed name or
        // two words ("name: lena", "name: hyuuma t. maida"), in a structure two listed words.
        if (m[1].includes(':')) {
          const label = nameLabel(text, (m.indices?.[1]?.[0] ?? m.index) + m[1].search(/[Nn]ame:/));
          const hyphen = first.includes('-') || (second?.includes('-') ?? false);
          if (label === undefined || hyphen) continue;
          if (label === 'structured') firstOk = listed(first) && second !== undefined && listed(second);
          else firstOk = listed(first) || (firstOk && second !== undefined && plausible(second));
          loose = label === 'form';
        }
      } else if (m[2] !== undefined) {
        firstOk = listed(first);
        loose = false;
      } else if (m[3] !== undefined) {
        // A given name that is also a word ("maria", "mark") needs a listed family name after it.
        firstOk = listed(first) || (gazetteer.given.has(first) && second !== undefined && listed(second));
        needSecond = true;
      } else firstOk = anyList(first);
      if (!firstOk) continue;
      const hasSecond = second !== undefined && secondAt !== undefined && (loose ? plausible(second) : listed(second));
      if (needSecond && !hasSecond) continue;
      const end = hasSecond ? (secondAt as [number, number])[1] : firstAt[1];
      if (notAPerson(hasSecond ? [first, second as string] : [first], false, text, firstAt[0], end)) continue;
      emit(firstAt[0], end, 0.85);
    }
  }

  return {
    entity: 'PERSON',
    context: PERSON_CONTEXT,
    ownsContext: true,
    applies: () => true,
    // A one-character name (a Chinese surname, "王先生") would show whole: mask it all.
    mask: (value: string): string => (value.length <= 1 ? '*' : maskName(value)),
    scan(input: ScanInput, emit: Emit): void {
      const { text } = input;
      RUN.lastIndex = 0;
      let m: RegExpExecArray | null;
      figureAt.length = 0;
      figureCandidates.length = 0;
      deferred.length = 0;
      while ((m = RUN.exec(text)) !== null) scanRun(text, m[0], m.index, input, emit);
      emitDeferred(text, emit);
      if (!input.useContext) return;
      lowerAfterCue(text, emit);
      scanOtherScripts(text, gazetteer, input.minBase, emit);
    },
  };
}
