/** Word lists for PERSON: titles, name particles, cue phrases, and capitalised words that are not names. */
import { GERMAN_ARTICLES, NAME_BEFORE_ARTICLE } from './person-places-orgs.js';

export const TITLES = new Set(
  `Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lady Lord Rev Fr Mme Mlle Herr Frau Señor Señora Sra Srta Sig Dott Ing
Mister Madam Madame Capt Captain Sgt Lt Col Gen Officer Judge Senator Rep Gov President King Queen Prince Princess
Pope Господин Госпожа Г-н Г-жа Д-р Проф Пан Пані Пани Κύριος Κυρία Κύριε Κυρ Δρ Καθηγητής Καθηγήτρια Δεσποινίς`.split(/\s+/),
);
/**
 * Titles that also head other phrases ("Princess Royal", "King Forges", "Captain Obvious", "Lady Gaga"): they mark a
 * person only before a word that a name list has, and do not turn any capitalised word after them into a name.
 */
export const SOFT_TITLES = new Set(
  'Sir Dame Lady Lord Capt Captain Sgt Lt Col Gen Officer Judge Senator Rep Gov President King Queen Prince Princess Pope'.split(' '),
);

export const PARTICLES = 'van|von|de|der|den|del|della|di|da|du|dos|das|le|la|ten|ter|bin|ibn|al|el|y|zu|af|av';

/** Degrees and generational suffixes that may follow a name. */
export const SUFFIXES = new Set('Jr Sr II III IV MD PhD DDS DVM Esq MBA RN CPA'.split(' '));

/**
 * Capitalised words that are names in some list but far more often something else in a prompt: days, months,
 * pronouns, languages and nationalities, and products people address by name. "May" is not among them: as a
 * common word that is also a name it counts as a weak name, so "Dan May" or "Theresa May" are names and "May I
 * ask" is not.
 */
export const NOT_NAMES = new Set(
  `I A An The This That These Those He She We They You It Me My Our Your His Her Their Its Us Them Who What When Where
Why How Which Whose Yes No Not Ok Okay Hello Hi Hey Dear Thanks Thank Please Sorry Sure Also And Or But If Then So
Was Were Is Are Did Does Do Has Have Had Can Could Should Would Shall Might Must Liebe Lieber Hallo Hola Bonjour
In On At For From With By About Of To Into Over Under After Before During Since Until Per Via Between Without
Querido Querida Estimado Estimada Cher Chère Ciao Salut Mein Meine Meinen Meinem Meiner Unser Unsere Unseren Dein
Deine Sein Seine Ihre Ihren Mijn Onze
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September
October November December Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Today
Tomorrow Yesterday Christmas Easter God Lord Jesus Allah Bible Quran English French German Spanish Italian Portuguese
Dutch Swedish Norwegian Danish Finnish Polish Czech Greek Turkish Russian Ukrainian Chinese Japanese Korean
Vietnamese Thai Hindi Arabic Hebrew Persian American British European African Asian Indian Canadian Australian
Mexican Brazilian Irish Scottish Welsh Latin Catholic Muslim Christian Jewish Buddhist Hindu United Python
Java JavaScript TypeScript Rust Ruby Go Swift Kotlin Scala Perl Dart Elixir Haskell Docker Kubernetes Linux Windows
Android Mac MacOS macOS iPhone iPad Apple Google Microsoft Amazon Azure Claude Alexa Siri Cortana Gemini Copilot Django Flask Rails Spring
Jenkins Kafka Spark Excel Outlook Slack Zoom Jira Tesla Oracle Adobe Figma Notion Stripe Shopify Twitter Facebook
Instagram LinkedIn Reddit Wikipedia YouTube Netflix Spotify Uber Airbnb Chrome Firefox Safari Bing Yahoo Street
Avenue Road Lane Drive Boulevard Inc Corp Ltd LLC GmbH Co Company Bank University College Institute Hospital School
Привет Здравствуйте Уважаемый Уважаемая Уважаемые Дорогой Дорогая Спасибо Меня Мне Я Мы Вы Ты Он Она Они Это Как Что
Где Когда Почему Пожалуйста Добрый Доброе День Утро Вечер Привіт Вітаю Шановний Шановна Дякую Мене Γεια Γειά Καλημέρα
Καλησπέρα Καληνύχτα Ευχαριστώ Παρακαλώ Ναι Όχι Εγώ Εσύ Εμείς Εσείς Αυτός Αυτή Αυτό Είμαι Θέλω Μπορείς Μπορείτε Πώς Τι
Πού Πότε Γιατί Ποιος Ποια Και Αλλά Στην Στον Στο Το Τον Την Η Ο Οι Τα Ένα Μια Αγαπητέ Αγαπητή Αγαπητοί`.split(/\s+/),
);

/**
 * Nationalities, peoples and demonyms, as adjectives or nouns: never part of a name ("Was Cleopatra Egyptian?", "Is
 * Dmitri Volkov Ukrainian?"), and not a country after a town either. Written by hand for this project; those that
 * are also given names ("Roman", "Norman") are left out, and NOT_NAMES has the commonest ones.
 */
export const DEMONYMS = new Set(
  `Afghan Albanian Algerian Andorran Angolan Argentine Argentinian Armenian Austrian Azerbaijani Bahamian Bahraini
Bangladeshi Barbadian Belarusian Belgian Belizean Beninese Bhutanese Bolivian Bosnian Botswanan Bruneian Bulgarian
Burkinabe Burmese Burundian Cambodian Cameroonian Chadian Chilean Colombian Congolese Croatian Cuban Cypriot
Djiboutian Dominican Ecuadorian Egyptian Emirati Eritrean Estonian Ethiopian Fijian Filipino Filipina Gabonese
Gambian Georgian Ghanaian Grenadian Guatemalan Guinean Guyanese Haitian Honduran Hungarian Icelandic Indonesian
Iranian Iraqi Israeli Ivorian Jamaican Jordanian Kazakh Kenyan Kosovar Kuwaiti Kyrgyz Laotian Latvian Lebanese
Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian Maldivian Malian Maltese Mauritanian
Mauritian Moldovan Monegasque Mongolian Montenegrin Moroccan Mozambican Namibian Nepali Nepalese Nicaraguan
Nigerian Nigerien Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Qatari Romanian Rwandan Salvadoran
Samoan Saudi Senegalese Serbian Singaporean Slovak Slovakian Slovenian Somali Sudanese Surinamese Swazi Swiss
Syrian Taiwanese Tajik Tanzanian Tibetan Togolese Tongan Trinidadian Tunisian Turkmen Ugandan Uruguayan Uzbek
Venezuelan Yemeni Zambian Zimbabwean Athenian Spartan Babylonian Assyrian Sumerian Phoenician Carthaginian Etruscan
Byzantine Ottoman Mongol Frankish Gallic Gaulish Celtic Saxon Anglo Viking Norse Germanic Prussian Bavarian
Corsican Sicilian Venetian Neapolitan Tuscan Catalan Basque Castilian Andalusian Flemish Walloon Breton Cornish
Kurdish Kurd Arab Arabian Bedouin Berber Moorish Semitic Aztec Mayan Inca Incan Olmec Aboriginal Maori Polynesian
Hawaiian Inuit Navajo Zulu Xhosa Yoruba Igbo Hausa Swahili Bantu Nubian Abyssinian Ptolemaic Hellenistic Hellenic
Slavic Balkan Scandinavian Nordic Baltic Iberian Hispanic Latino Caribbean Oceanian Mediterranean Anatolian
Levantine Coptic Cossack Tatar Manchu Cantonese Mandarin Punjabi Bengali Tamil Telugu Gujarati Marathi Kashmiri
Sikh Sindhi Pashtun Baloch Uyghur Hmong Khmer Javanese Balinese Sundanese Okinawan Quebecois Québécois Texan
Californian Parisian Viennese Milanese Florentine Egyptians Greeks Romans Persians Arabs Turks Mongols
Vikings Celts Saxons Normans Franks Goths Visigoths Huns Aztecs Incas Mayans`.split(/\s+/),
);

/**
 * Verbs that start a request, written capitalised at the start of a sentence: never part of a name ("Summarize
 * Marie Curie's work" is about "Marie Curie"). Those in CUE_VERBS also say that a person follows ("Ask Sarah").
 */
export const VERBS = new Set(
  `Summarize Summarise Describe Explain Translate Compare Write Draft Review Analyze Analyse List Find Check Rewrite
Proofread Edit Fix Show Give Help Let Research Discuss Critique Evaluate Outline Imagine Pretend Quote Cite Rank Rate
Tell Ask Email E-mail Call Ping Message Text Contact Meet Invite Remind Thank Notify Introduce Congratulate Cc Bcc
Phone Hire Interview Forward Send Reply Respond Greet Welcome Schedule Book Pay Update Loop Add Remove Assign Tag
Mention Brief Inform Warn Ask Dm Msg`.split(/\s+/),
);
export const CUE_VERBS = new Set(
  'Tell Ask Email E-mail Call Ping Message Text Contact Meet Invite Remind Thank Notify Introduce Congratulate Cc Bcc Phone Hire Interview Greet Welcome Pay Assign Tag Mention Brief Inform Warn Dm Msg'.split(
    ' ',
  ),
);

/**
 * Words that start a place name: after one, the rest of the run is a place ("San Antonio", "St. Louis", "Lake
 * Victoria", "North Carolina"), and the words before one are not a person either.
 */
export const PLACE_BEFORE = new Set(
  `San Santa Santo São Sao St Ste Saint Sainte Sankt Port Porto Puerto Fort Ft Mount Mt Monte Mont Lake Loch Cape Isle
Isla Los Las El La Le Del New North South East West Upper Lower Great Little Central Big Bad USS HMS RMS Άγιος Αγίου
Αγία Αγίας Άγιοι Αγίων Οδός Οδό Λεωφόρος Λεωφόρο Πλατεία Νέα Νέο Νέος Άνω Κάτω Όρος Λίμνη Νήσος`.split(/\s+/),
);

/** Words after a run that are places ("Central Park", "Notting Hill") but also family names after a given name
 * ("Sarah Park", "Jenny Hill"). */
export const SURNAME_OR_PLACE = new Set(['Park', 'Hill', 'Lane', 'Bridge', 'Way', 'Court']);

/** A word right before a name that says a person follows: greetings, "called", "cc", names in other languages. */
const CUE_WORD = new Set(
  `dear hi hello hey called named name starring featuring features feat thanks regards sincerely cheers signed attn cc bcc thx liebe lieber hallo hola
bonjour querido querida estimado estimada cher chère caro cara heiße heisse llamo appelle chiamo зовут уважаемый
ονομάζομαι λέγομαι αγαπητέ αγαπητή
уважаемая дорогой дорогая здравствуйте привет спросите спроси позвоните позвони напишите напиши звати шановний
шановна привіт вітаю`.split(/\s+/),
);
/**
 * Verbs of contact ("ask", "email", "meet"): a person follows, or a product ("ask ChatGPT", "call Redis"), so they
 * lift only a word that a name list has, or several words.
 */
const CUE_VERB = new Set(
  `ask asked email emailed call tell told ping pinged message messaged text texted contact contacted meet met invite
invited remind thank notify introduce congratulate phone dm hire hired interview interviewed greet`.split(/\s+/),
);
const CUE_PAIR = new Set([
  'name is', 'call me', 'calls me', 'i am', 'i m', 'name s', 'speak to', 'spoke to', 'spoke with', 'speak with',
  'talk to', 'talked to', 'surname is', 'name was', 'named him', 'named her', 'called him', 'called her', 'up with',
  'out to', 'loop in', 'this is', 'e mail', 'name ist', 'ich bin', 'je suis', 'meeting with', 'call with',
  'chat with', 'chatted with', 'sync with', 'forward to', 'send to', 'sent to', 'reply to', 'write to',
  'shouted at', 'yelled at', 'screamed at', 'snapped at', 'smiled at', 'laughed at', 'waved at', 'glared at',
  'stared at', 'looked at', 'mad at', 'angry at', 'upset at', 'thank you', 'directed by', 'written by',
  'played by', 'produced by', 'composed by', 'narrated by', 'voiced by', 'illustrated by', 'edited by',
  'με λένε', 'τον λένε', 'την λένε', 'τη λένε', 'γεια σου', 'είμαι ο', 'είμαι η',
]);
/** Closes a letter; the name on the next line is its signer ("Best,\nSarah"). */
const SIGN_OFF = new Set(
  `best thanks thank you regards cheers sincerely yours thx warmly wishes love xoxo cordially respectfully grüße gruß
grüßen gruss salutations cordialement saludos atentamente cumprimentos уважением`.split(/\s+/),
);
/** Before a single capitalised word, these say it is a place: "in Austin", "flew to Jasper", "born in Victoria". */
const LOCATIVE = new Set(
  `in at near via around across outside inside towards toward through visit visiting visited within throughout nach aus
bei nahe naar uit bij visitar desde hasta hacia en à vers près verso presso em`.split(/\s+/),
);
const LOCATIVE_PAIR = new Set([
  'originally from', 'flew to', 'fly to', 'flying to', 'flight to', 'flights to', 'flew from', 'fly from',
  'moved to', 'move to', 'moving to', 'moved from', 'travel to', 'traveling to', 'travelling to', 'trip to',
  'drive to', 'driving to', 'train to', 'bus to', 'go to', 'going to', 'went to', 'born in', 'lives in', 'live in',
  'living in', 'based in', 'located in', 'city of', 'town of', 'state of', 'province of', 'welcome to', 'way to',
  'road to', 'm from', 'am from', 'is from', 'are from', 'was from', 'come from', 'comes from', 'came from',
]);
/** Titles written in lower case: "ms. Quinzia". */
const TITLE_CUE = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'κ', 'κα', 'δρ']);
/** "to", "for", "with", "from", "by": as often before a person ("send it to Priya") as before a place. */
const WEAK = new Set(['to', 'for', 'with', 'from', 'by']);

/** A role right before a capitalised word ("Producer Mashuu Samurakami", "my kid Tadzio") reads like a title. */
export const ROLE_WORDS = new Set(
  `producer director songwriter author writer actor actress singer ceo cto cfo founder cofounder manager engineer
doctor nurse professor teacher president minister senator colleague partner wife husband son daughter mother father
brother sister friend boss kid child uncle aunt cousin grandfather grandmother grandson granddaughter patient client
customer member student assistant secretary lawyer attorney agent officer detective inspector coach captain
tutor mentor supervisor classmate roommate flatmate neighbour neighbor landlord landlady tenant coworker teammate
advisor adviser therapist dentist surgeon physician pharmacist accountant contractor plumber electrician nanny
babysitter caregiver instructor lecturer principal dean recruiter candidate applicant intern employee spouse
fiance fiancee girlfriend boyfriend mom dad mum grandma grandpa stepmother stepfather stepson stepdaughter niece
nephew kollege kollegin chefin freund freundin nachbar nachbarin kunde kundin sohn tochter bruder schwester cousine neffe
nichte collega vriend vriendin buurman buurvrouw`.split(/\s+/),
);

const isWordChar = (c: number, ch: string): boolean =>
  c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : /[\p{L}\p{N}]/u.test(ch);

/** The last three words before `start`, nearest first, and the characters between the nearest one and `start`. */
function previousWords(text: string, start: number): { words: string[]; gap: string } {
  const words: string[] = [];
  let i = start - 1;
  const floor = Math.max(0, start - 48);
  let gap = '';
  while (words.length < 3 && i >= floor) {
    const gapEnd = i + 1;
    while (i >= floor && !isWordChar(text.charCodeAt(i), text[i] as string)) i--;
    if (words.length === 0) gap = text.slice(i + 1, gapEnd);
    // Only the nearest word may stand across a sentence end from the rest: "Thanks. Sarah" has no pair.
    else if (/[.!?\n]/.test(text.slice(i + 1, gapEnd))) break;
    const end = i + 1;
    while (i >= floor && isWordChar(text.charCodeAt(i), text[i] as string)) i--;
    if (end > i + 1) words.push(text.slice(i + 1, end).toLowerCase());
  }
  return { words, gap };
}

/**
 * A word after a run that makes it a street, a place, an organisation or a thing named after someone: "Cassidy
 * Street", "Alice Springs", "Johnson Inc", "Warner Bros", "Nobel Prize", "Moore's Law".
 */
export const PLACE_OR_ORG_AFTER = new Set(
  `Street St Avenue Ave Road Rd Lane Ln Drive Boulevard Blvd Close Terrace Park Parks Place Pl Square Sq Crescent Way
Court Ct Harbor Harbour Loop Pass Bypass Flat Flats Union Crossroad Extension Extensions Point Points Highway Hwy Circle Row
Walk Hill Hills Heights Gardens Grove Mews Rise Vale View Alley Trail Parkway Pkwy Plaza Ridge Mall Route Station
Center Centre Square Bridge Valley Creek River Lake Island Islands Bay Beach Port Inc Corp Corporation Ltd LLC GmbH
Co Company Bank Group Holdings Partners Associates Foundation University College Institute School Hospital Orchestra
Systems Software Technologies Solutions Services Consulting Capital Investments Research Labs Media Airlines Motors
Springs Falls City Town Township County Village Junction Canyon Mountain Mountains Forest Woods Peak Cove Shores
Estates Castle Palace Cathedral Abbey Museum Gallery Theatre Theater Stadium Arena Airport Memorial Library Tower
Prize Award Awards Medal Trophy Cup Syndrome Disease Effect Law Principle Theorem Equation Conjecture Paradox Doctrine
Plan Act Treaty Bros Brothers PLC LLP AG SA NV BV Pty Limited Incorporated Enterprises Industries Trust Fund Society
Club Records Studios Pictures Productions Publishing Press Hotel Hotels Resort Restaurant Cafe Bakery Brewery Winery
Tech Telescope Observatory Mission Program Programme Project Building Dam Tunnel Canal Lighthouse Monument Statue
Sound Inlet Channel
Track Circuit Trek Glacier Peninsula Range Massif Fjord Gorge Volcano Summit Crater Desert Coast Delta Basin Plateau
Highlands Archipelago Atoll Strait Reserve Sanctuary Rainforest Trailhead Waterfall Cliffs Dunes Cave Caves`.split(/\s+/),
);

/** A word before a run that makes it a street name: "Rua Igreja", "Via Tasso". */
export const STREET_BEFORE = new Set('Rue Rua Via Avda Avenida Calle Vicolo Strada Corso Viale Piazza Camino Carrer Av Ul Ulica Praça Largo Travessa Cite Cité'.split(' '));

/** Endings of street names written as one word: "Bundesstrasse", "Tawastintie", "Nybyvägen". */
export const STREET_ENDING = /(?:stra(?:ss|ß)e|straat|gasse|weg|vej|veien|vägen|gatan|gata|utca|ulica|laan|plein|platz|allee|tie|katu|gade|stræti|braut)$/;

/** What the words right before a capitalised word say about it. */
export interface Cue {
  /**
   * 0.85: a person follows ("my name is", "I'm", "Name:", "Dear", "ask", "cc", a sign-off line); 0.75: a role
   * right before it ("producer", "my wife"); 0: neither.
   */
  readonly strong: number;
  /** "to", "for", "with", "from", "by": a person or a place. */
  readonly weak: boolean;
  /** "in", "at", "near", "flew to", "born in": a place. */
  readonly locative: boolean;
  /** The strong cue is a verb of contact: it needs a listed name or several words after it. */
  readonly verb?: boolean;
  /**
   * The strong cue is a "name" key or label ("Name:", "name:", "- name:"): it counts only for a value that looks like
   * a person's name (person.ts). `person`: a person's name by its key ("Patient name:", "full_name:", "your last
   * name?"); `form`: at the start of a line or in prose ("Name: Priya"); `structured`: indented, a list item, quoted
   * or inside braces, as in YAML, JSON or HCL ("  name: web", "- name: Deploy", "\"name\": \"api\"").
   */
  readonly label?: Label;
  /** The role before is capitalised ("Customer First"): it counts only before a listed name. */
  readonly capitalRole?: boolean;
  /** "called", "named": things are called too, so it counts only before a listed or foreign-looking name. */
  readonly naming?: boolean;
  /** The name of a thing follows: "Project name:", "container_name:", "app.name:". */
  readonly thing?: boolean;
  /** The weak cue is "to" or "from", which tell a recipient or a sender less than "for", "with", "by" do. */
  readonly toward?: boolean;
}

export type Label = 'form' | 'structured' | 'person';

export const NO_CUE: Cue = { strong: 0, weak: false, locative: false };
export const STRONG_CUE: Cue = { strong: 0.85, weak: false, locative: false };
const ROLE_CUE: Cue = { strong: 0.75, weak: false, locative: false };
const CAPITAL_ROLE_CUE: Cue = { strong: 0.75, weak: false, locative: false, capitalRole: true };
const NAMING_CUE: Cue = { strong: 0.85, weak: false, locative: false, naming: true };
const VERB_CUE: Cue = { strong: 0.85, weak: false, locative: false, verb: true };
const WEAK_CUE: Cue = { strong: 0, weak: true, locative: false };
const TOWARD_CUE: Cue = { strong: 0, weak: true, locative: false, toward: true };
const LOCATIVE_CUE: Cue = { strong: 0, weak: false, locative: true };
const THING_CUE: Cue = { strong: 0, weak: false, locative: false, thing: true };
const FORM_CUE: Cue = { strong: 0.85, weak: false, locative: false, label: 'form' };
const STRUCTURED_CUE: Cue = { strong: 0.85, weak: false, locative: false, label: 'structured' };

/** Keys ending in "_name", "-name" or ".name" that hold a person's name ("full_name", "contact.name"). */
const PERSON_KEYS = new Set(
  `full first last given family middle sur maiden legal real birth preferred contact customer client patient
employee person owner author applicant holder cardholder member guest passenger recipient sender user my your his
her their maiden`.split(/\s+/),
);

/** Words before "name" that make it the name of a thing: "Project name:", "Display name:", "Wifi name:". */
const THING_KEYS = new Set(
  `project team display file app application product company business brand host hostname server repo repository
branch database db table column field bucket cluster service package module class function variable domain device
network wifi event campaign pet dog cat ship street city town store shop band song album book course channel group
org organisation organization folder directory image container node model tag label stage job step task workflow
pipeline environment env region zone role policy queue topic index site page game screen user account login nick
machine computer printer plan tier sku item recipe dish font color colour theme template style format document doc
sheet tab workspace board sprint release version build feature flag plugin extension library crate gem action
secret key certificate volume disk route endpoint api resource stack deployment namespace pod chart bot agent`.split(/\s+/),
);

/**
 * What a "name" key or label right before `start` is (`nameAt` is where the word "name" starts): a label that may
 * hold a person's name, in a form or prose or inside a structure, or undefined for a key, a label or a flag that
 * names something else ("container_name", "app.name", "Project name", "--name").
 */
export function nameLabel(text: string, nameAt: number): Label | undefined {
  let i = nameAt - 1;
  const joiner = text[i];
  // "\"name\":", "'name' =": a quoted key is part of a structure (JSON, a dict, a config).
  if (joiner === '"' || joiner === "'") return 'structured';
  // "--name Phoenix", "-name web": a command-line flag names a thing.
  if (joiner === '-' && (i === 0 || text[i - 1] === '-' || /\s/.test(text[i - 1] as string))) return undefined;
  let personKey = false;
  if (joiner === '_' || joiner === '-' || joiner === '.') {
    const end = i;
    i--;
    while (i >= 0 && end - i <= 16 && /[A-Za-z]/.test(text[i] as string)) i--;
    if (!PERSON_KEYS.has(text.slice(i + 1, end).toLowerCase())) return undefined;
    personKey = true;
  } else if (joiner === ' ') {
    // "Project name:", "Display name:" name a thing; "Patient name:", "last name?" a person.
    let end = i;
    while (end >= 0 && text[end] === ' ') end--;
    let k = end;
    while (k >= 0 && end - k <= 16 && /[A-Za-z]/.test(text[k] as string)) k--;
    const before = text.slice(k + 1, end + 1).toLowerCase();
    if (THING_KEYS.has(before)) return undefined;
    if (PERSON_KEYS.has(before)) return 'person';
  }
  // What stands between the start of the line and the key: nothing (a form), indentation, a list dash or an opening
  // brace (a structure), or words (prose).
  const lineStart = text.lastIndexOf('\n', i) + 1;
  const prefix = text.slice(Math.max(lineStart, i + 1 - 64), i + 1);
  if (prefix === '') return personKey ? 'person' : 'form';
  if (/^[ \t]*(?:-[ \t]*)?$|[{,[][ \t]*$/.test(prefix)) return 'structured';
  return personKey ? 'person' : 'form';
}

/** Reads the (at most three) words before `start`, within 48 characters. */
export function cueBefore(text: string, start: number): Cue {
  const { words, gap } = previousWords(text, start);
  const [w1, w2, w3] = words;
  if (w1 === undefined) return NO_CUE;
  // "Το όνομά μου είναι Νίκος" (my name is).
  if (w1 === 'είναι' && w2 === 'μου' && (w3 === 'όνομά' || w3 === 'όνομα') && /^\s*$/.test(gap)) return STRONG_CUE;
  if (w1 === 'name' || w1 === 'surname' || w1 === 'имя' || w1 === 'nombre' || w1 === 'nom') {
    // "name:", "name =", "\"name\": \"": a key and its value.
    if (!/^[\s:?]*$/.test(gap) && !/^["']?[ \t]*[:=][ \t]*["']?$/.test(gap)) return NO_CUE;
    // "name:" is a key or a label, "--name" a flag, "user.name" a key; "the name Jane" a cue, for a name.
    const label = nameLabel(text, start - gap.length - w1.length);
    if (label === undefined) return THING_CUE;
    return label === 'structured' ? STRUCTURED_CUE : label === 'form' ? FORM_CUE : STRONG_CUE;
  }
  const pair = w2 === undefined ? '' : `${w2} ${w1}`;
  // A sign-off and a line break: "Best,\nSarah", "Thank you,\n\nSarah Lee".
  if ((SIGN_OFF.has(w1) || SIGN_OFF.has(pair)) && /^[,!]?[ \t]*\r?\n\s*$/.test(gap)) return STRONG_CUE;
  // "ms. Quinzia", "dr. Ramos" written in lower case (capitalised titles are part of the run).
  if (TITLE_CUE.has(w1) && /^\. ?$/.test(gap)) return STRONG_CUE;
  // A sentence or a line ended in between: "Thank you. Python is…".
  if (/[.!?\n]/.test(gap)) return NO_CUE;
  if (w1 === 'called' || w1 === 'named') return CUE_PAIR.has(pair) ? STRONG_CUE : NAMING_CUE;
  if (CUE_WORD.has(w1) || CUE_PAIR.has(pair)) return STRONG_CUE;
  // A verb of contact right before the name: "text Mark", not "Poster text: Mark Your Calendars".
  if (CUE_VERB.has(w1)) return /^[ \t]+$/.test(gap) ? VERB_CUE : NO_CUE;
  if (ROLE_WORDS.has(w1) && /^ ?$/.test(gap)) {
    const at = start - gap.length - w1.length;
    return /\p{Lu}/u.test(text[at] ?? '') ? CAPITAL_ROLE_CUE : ROLE_CUE;
  }
  if (LOCATIVE.has(w1) || LOCATIVE_PAIR.has(pair)) return LOCATIVE_CUE;
  if (!WEAK.has(w1)) return NO_CUE;
  return w1 === 'to' || w1 === 'from' ? TOWARD_CUE : WEAK_CUE;
}

/**
 * A German article right before `start`, one space between: the capitalised word is a noun ("die Deutsche Bahn",
 * "ein Termin"), unless a particle stands before the article ("von der Leyen", "van den Berg").
 */
export function articleBefore(text: string, start: number): boolean {
  let i = start - 1;
  if (text[i] !== ' ') return false;
  const end = i;
  i--;
  while (i >= 0 && end - i <= 8 && text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) i--;
  const word = text.slice(i + 1, end);
  if (!GERMAN_ARTICLES.has(word)) return false;
  // "von der Leyen", "van den Berg": a particle before the article makes it part of a name.
  let j = i;
  if (text[j] !== ' ') return j < 0 || !/[\p{L}]/u.test(text[j] as string);
  const prevEnd = j;
  j--;
  while (j >= 0 && prevEnd - j <= 8 && /\p{L}/u.test(text[j] as string)) j--;
  return !NAME_BEFORE_ARTICLE.has(text.slice(j + 1, prevEnd).toLowerCase());
}

/**
 * Words of a discussion of a book, a film, a myth or history ("Discuss Levin as a counterpoint to Anna", "Is Banquo
 * a foil?"): near one, a lone capitalised word without a person cue is a character or a figure more often than
 * someone the writer knows, and stays below the threshold.
 */
export const DISCUSSION =
  /\b(?:novels?|novella|novelist|characters?|characteri[sz]ation|chapters?|ending|protagonists?|antagonists?|plot|discuss|counterpoint|themes?|narrator|narrates|poems?|poet|epic|stanza|sonnets?|tragedy|heroine|villain|foil|symbolism|allegory|motifs?|literary|literature|playwright|screenplay|fictional|myths?|mytholog(?:y|ical)|legend(?:ary)?|sequel|prequel|trilogy|films?|movies?|fandom|canon|scenes?|episodes?|sitcom|finale|spin-?off|anime|manga|comics?|superhero|saga|portray(?:al|ed|s)?|depict(?:ed|ion|s)?|arc|ancient|pharaohs?|emperors?|empire|dynasty|reign|prophets?|biblical|bible|gospels?|scripture|quran|koran|torah|medieval|historians?|crusades?|folklore|goddess|deity)\b/gi;

/** Nearby words that make a capitalised word more likely to be a person (Presidio-style +0.35). */
export const PERSON_CONTEXT = [
  'name', 'named', 'called', 'says', 'said', 'told', 'tell', 'asked', 'ask', 'wrote', 'met', 'meet', 'meeting',
  'contact', 'spoke', 'speak', 'talk', 'talked', 'patient', 'client', 'customer', 'employee', 'colleague', 'manager',
  'boss', 'friend', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'brother', 'sister',
  'uncle', 'aunt', 'grandmother', 'grandfather', 'cousin', 'nephew', 'niece', 'doctor', 'nurse', 'author',
  'director', 'directed', 'producer', 'songwriter', 'starring', 'singer', 'actor', 'actress', 'ceo', 'founder',
  'president', 'dear', 'hi', 'hello', 'hey', 'thanks', 'regards', 'sincerely', 'cc', 'attn', 'assistant',
  'beneficiary', 'member', 'student', 'teacher', 'professor', 'mr', 'mrs', 'ms', 'dr', 'sir', 'madam', 'user',
  'shouted', 'replied', 'lives', 'lived', 'born', 'married', 'died', 'began', 'spent', 'writing', 'novel', 'novels',
  'sang', 'sung', 'poet', 'painter', 'composer', 'biography', 'interviewed', 'hired', 'promoted', 'resigned',
];

/** Endings typical of family names in many languages (Cyrillic too), for names no list has. */
export const SURNAME_ENDING =
  /(?:ski|ska|sky|ský|ská|czyk|wicz|owicz|ewicz|ov|ova|ová|ev|eva|enko|chuk|yuk|yan|ian|ić|vić|ović|sson|ssen|sen|dóttir|dottir|poulos|opoulos|idis|akis|escu|oglu|oğlu|inen|ainen|nen|berg|stein|mann|feld|baum|ez|quez|shvili|dze|ishvili|yev|yeva|ovich|evich|ovna|evna|ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|ук|юк|чук|ович|евич|овна|евна|ична|швили|дзе|ян|όπουλος|οπουλος|πούλου|πουλου|ίδης|ιδης|ίδου|ιδου|άκης|ακης|ιάδης|ιαδης|όγλου)$/;
