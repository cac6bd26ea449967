/** Word lists for PERSON: titles, name particles, cue phrases, and capitalised words that are not names. */

export const TITLES = new Set(
  'Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lady Lord Rev Fr Mme Mlle Herr Frau Señor Señora Sra Srta Sig Dott Ing Mister Madam Madame Capt Captain Sgt Lt Col Gen Officer Judge Senator Rep Gov'.split(
    ' ',
  ),
);

export const PARTICLES = 'van|von|de|der|den|del|della|di|da|du|dos|das|le|la|ten|ter|bin|ibn|al|el|y|zu|af|av';

/** Degrees and generational suffixes that may follow a name. */
export const SUFFIXES = new Set('Jr Sr II III IV MD PhD DDS DVM Esq MBA RN CPA'.split(' '));

/**
 * Capitalised words that are names in some list but far more often something else in a prompt: days, months,
 * pronouns, languages and nationalities, place prefixes, and products people address by name.
 */
export const NOT_NAMES = new Set(
  `I A An The This That These Those He She We They You It Me My Our Your His Her Their Its Us Them Who What When Where
Why How Which Whose Yes No Not Ok Okay Hello Hi Hey Dear Thanks Thank Please Sorry Sure Also And Or But If Then So
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Today
Tomorrow Yesterday Christmas Easter God Lord Jesus Allah Bible Quran English French German Spanish Italian Portuguese
Dutch Swedish Norwegian Danish Finnish Polish Czech Greek Turkish Russian Ukrainian Chinese Japanese Korean
Vietnamese Thai Hindi Arabic Hebrew Persian American British European African Asian Indian Canadian Australian
Mexican Brazilian Irish Scottish Welsh Latin Catholic Muslim Christian Jewish Buddhist Hindu San Santa Los Las Saint
St Ste Fort Port Mount Mt Cape Isle Lake North South East West New Upper Lower Great Little Central United Python
Java JavaScript TypeScript Rust Ruby Go Swift Kotlin Scala Perl Dart Elixir Haskell Docker Kubernetes Linux Windows
Android Apple Google Microsoft Amazon Azure Claude Alexa Siri Cortana Gemini Copilot Django Flask Rails Spring
Jenkins Kafka Spark Excel Outlook Slack Zoom Jira Tesla Oracle Adobe Figma Notion Stripe Shopify Twitter Facebook
Instagram LinkedIn Reddit Wikipedia YouTube Netflix Spotify Uber Airbnb Chrome Firefox Safari Bing Yahoo Street
Avenue Road Lane Drive Boulevard Inc Corp Ltd LLC GmbH Co Company Bank University College Institute Hospital School`.split(/\s+/),
);

const CUE_WORD = new Set(['dear', 'hi', 'hello', 'hey', 'called', 'named', 'name', 'thanks', 'regards', 'sincerely', 'cheers', 'signed', 'ask', 'asked', 'attn']);
const CUE_PAIR = new Set(['name is', 'call me', 'calls me', 'i am', 'i m', 'name s', 'speak to', 'spoke to', 'spoke with', 'speak with', 'talk to', 'talked to', 'surname is', 'name was', 'named him', 'named her', 'called him', 'called her']);
/** A role right before a capitalised word ("Producer Mashuu Samurakami", "my kid Tadzio") reads like a title. */
const ROLE = new Set(
  `producer director songwriter author writer actor actress singer ceo cto cfo founder cofounder manager engineer
doctor nurse professor teacher president minister senator colleague partner wife husband son daughter mother father
brother sister friend boss kid child uncle aunt cousin grandfather grandmother grandson granddaughter patient client
customer member student assistant secretary lawyer attorney agent officer detective inspector coach captain`.split(/\s+/),
);

const isWordChar = (c: number, ch: string): boolean =>
  c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : /[\p{L}\p{N}]/u.test(ch);

/** The last two words before `start`, nearest first, and the characters between the nearest one and `start`. */
function previousWords(text: string, start: number): { words: string[]; gap: string } {
  const words: string[] = [];
  let i = start - 1;
  const floor = Math.max(0, start - 40);
  let gap = '';
  while (words.length < 2 && i >= floor) {
    const gapEnd = i + 1;
    while (i >= floor && !isWordChar(text.charCodeAt(i), text[i] as string)) i--;
    if (words.length === 0) gap = text.slice(i + 1, gapEnd);
    const end = i + 1;
    while (i >= floor && isWordChar(text.charCodeAt(i), text[i] as string)) i--;
    if (end > i + 1) words.push(text.slice(i + 1, end).toLowerCase());
  }
  return { words, gap };
}

/** A word after a run that makes it a street or an organisation: "Cassidy Street", "Johnson Inc". */
export const PLACE_OR_ORG_AFTER = new Set(
  `Street St Avenue Ave Road Rd Lane Ln Drive Boulevard Blvd Close Terrace Park Parks Place Pl Square Sq Crescent Way
Court Ct Harbor Harbour Loop Pass Bypass Flat Flats Union Crossroad Extension Extensions Point Highway Hwy Circle Row
Walk Hill Hills Heights Gardens Grove Mews Rise Vale View Alley Trail Parkway Pkwy Plaza Ridge Mall Route Station
Center Centre Square Bridge Valley Creek River Lake Island Islands Bay Beach Port Inc Corp Corporation Ltd LLC GmbH
Co Company Bank Group Holdings Partners Associates Foundation University College Institute School Hospital Orchestra
Systems Software Technologies Solutions Services Consulting Capital Investments Research Labs Media Airlines Motors`.split(/\s+/),
);

/** A word before a run that makes it a street name: "Rua Igreja", "Via Tasso". */
export const STREET_BEFORE = new Set('Rue Rua Via Avda Avenida Calle Vicolo Strada Corso Viale Piazza Camino Carrer Av Ul Ulica Praça Largo Travessa'.split(' '));

/** Endings of street names written as one word: "Bundesstrasse", "Tawastintie", "Nybyvägen". */
export const STREET_ENDING = /(?:stra(?:ss|ß)e|straat|gasse|weg|vej|veien|vägen|gatan|gata|utca|ulica|laan|plein|platz|allee|tie|katu|gade|stræti|braut)$/;

/**
 * Said right before a name: "my name is", "I'm", "Name:", "Dear", "spoke to", a sign-off (0.85), or a role such as
 * "producer" or "my wife" (0.75). Returns 0 when there is no cue.
 */
export function strongCue(text: string, start: number): number {
  const { words, gap } = previousWords(text, start);
  const [w1, w2] = words;
  if (w1 === undefined) return 0;
  if (w1 === 'name' || w1 === 'surname') return /^[\s:?]*$/.test(gap) ? 0.85 : 0;
  // A sentence ended in between: "Thank you. Python is…".
  if (/[.!?]/.test(gap)) return 0;
  if (CUE_WORD.has(w1) || (w2 !== undefined && CUE_PAIR.has(`${w2} ${w1}`))) return 0.85;
  return ROLE.has(w1) && /^ ?$/.test(gap) ? 0.75 : 0;
}

/** Nearby words that make a capitalised word more likely to be a person (Presidio-style +0.35). */
export const PERSON_CONTEXT = [
  'name', 'named', 'called', 'says', 'said', 'told', 'tell', 'asked', 'ask', 'wrote', 'met', 'meet', 'meeting',
  'contact', 'spoke', 'speak', 'talk', 'talked', 'patient', 'client', 'customer', 'employee', 'colleague', 'manager',
  'boss', 'friend', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'brother', 'sister',
  'uncle', 'aunt', 'grandmother', 'grandfather', 'cousin', 'nephew', 'niece', 'doctor', 'nurse', 'author',
  'director', 'directed', 'producer', 'songwriter', 'starring', 'singer', 'actor', 'actress', 'ceo', 'founder',
  'president', 'dear', 'hi', 'hello', 'hey', 'thanks', 'regards', 'sincerely', 'cc', 'attn', 'assistant',
  'beneficiary', 'member', 'student', 'teacher', 'professor', 'mr', 'mrs', 'ms', 'dr', 'sir', 'madam', 'user',
];

/** Endings typical of family names in many languages, for names no list has. */
export const SURNAME_ENDING =
  /(?:ski|ska|sky|ský|ská|czyk|wicz|owicz|ewicz|ov|ova|ová|ev|eva|enko|chuk|yuk|yan|ian|ić|vić|ović|sson|ssen|sen|dóttir|dottir|poulos|opoulos|idis|akis|escu|oglu|oğlu|inen|ainen|nen|berg|stein|mann|feld|baum|ez|quez|shvili|dze|ishvili|yev|yeva|ovich|evich|ovna|evna)$/;
