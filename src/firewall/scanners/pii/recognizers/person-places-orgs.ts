/**
 * Counter-evidence for PERSON: capitalised names that look like people but are places, organisations, brands,
 * fixed phrases or test fixtures. Written by hand for this project from general knowledge; faker's city names that
 * contain a first or last name are added from name-lists.json (`cities`, see scripts/data/build-pii-names.ts).
 *
 * Phrases are matched as PERSON reads a run of capitalised words: lower case, words joined by one space, without
 * dots or a possessive "'s" ("St. Louis" → "st louis", "McDonald's" → "mcdonald").
 */

/**
 * Companies, brands and firms named after people. A run of capitalised words that is one of them is no person. Brands
 * that are also common full names ("Paul Smith", "Edward Jones", "Sara Lee") are left out: a person by that name is
 * more likely in a prompt than the brand.
 */
export const ORGS = `
goldman sachs|morgan stanley|jp morgan|j p morgan|jpmorgan chase|merrill lynch|lehman brothers|bear stearns|charles schwab
wells fargo|dow jones|charles river|smith barney|paine webber|dean witter|kidder peabody
harley davidson|mercedes benz|rolls royce|aston martin|lockheed martin|martin marietta|john deere|henry schein
walt disney|warner bros|warner brothers|ralph lauren|calvin klein|tommy hilfiger|louis vuitton|christian dior|yves saint laurent
estee lauder|estée lauder|hugo boss|jimmy choo|kate spade|michael kors|tory burch|vera wang
stella mccartney|alexander mcqueen|vivienne westwood|victoria secret|victoria's secret
jack daniel|jack daniels|johnnie walker|jim beam|captain morgan|jose cuervo|dom perignon
dr pepper|tim hortons|trader joe|sam club|baskin robbins|ben jerry|dunkin donuts|papa john
martha stewart|betty crocker|uncle ben|aunt jemima|little caesars|chick fil a
berkshire hathaway|wolters kluwer|ernst young|price waterhouse|pricewaterhouse coopers|booz allen
booz allen hamilton|bain company|boston consulting|baker mckenzie|latham watkins|kirkland ellis|jones day
sullivan cromwell|simpson thacher|davis polk|allen overy|clifford chance|cravath swaine|skadden arps
eli lilly|bristol myers|bristol myers squibb|johnson johnson|procter gamble|black decker|smith wesson|smith nephew
marks spencer|dolce gabbana|abercrombie fitch|barnes noble|bang olufsen|tiffany co|crate barrel|arm hammer
baker hughes|johnson controls|thomson reuters|harpercollins
tommy bahama|jimmy john|jimmy johns|carl's jr|carls jr|chuck e cheese|piggly wiggly
emerson electric|orville redenbacher|dr martens|dr scholl|levi strauss|dr oetker|mrs fields|mr clean|mr muscle
mr kipling|mrs butterworth|dr bronner|mr coffee|uncle bens|aunt jemima|little debbie|famous amos|sara lee|uncle tobys
hewlett packard|dell technologies|ford motor|walt disney company
real madrid|atletico madrid|atlético madrid|real sociedad|real betis|manchester united|manchester city|aston villa
bayern munich|bayern münchen|borussia dortmund|werder bremen|hertha berlin|inter milan|ac milan|paris saint germain
olympique lyonnais|olympique marseille|sporting lisbon|benfica lisbon|ajax amsterdam|celtic glasgow|rangers glasgow
`;

/**
 * One-word brands named after a person, written with a possessive ("McDonald's", "Macy's"): the name with "'s" is
 * the brand. Only names rarely met otherwise: "Wendy's" may as well be Wendy's car.
 */
export const POSSESSIVE_BRANDS = new Set([
  'mcdonald', 'macy', 'kellogg', 'denny', 'dillard', 'hardee', 'arby', 'applebee', 'sainsbury', 'domino', 'kohl',
  'walgreen', 'chili', 'hershey', 'heinz', 'nando', 'culver', 'zaxby', 'sbarro', 'lowe', 'sotheby', 'christie', 'moody',
  'kiehl', 'hellmann', 'smucker', 'wrigley', 'dunkin', 'popeye', 'harrod', 'wetherspoon', 'bojangle', 'mcalister',
  'schlotzsky', 'fuddrucker', 'carrabba', 'fazoli', 'hooter',
]);

/**
 * Chains named with a given name that people also have ("Wendy's", "Claire's"): the brand after "at", "to", "near"
 * ("lunch at Wendy's"), before a business noun or next to another brand; otherwise the person's.
 */
export const POSSESSIVE_CHAINS = new Set(['wendy', 'claire', 'denny', 'arby', 'carl', 'mcdonald']);

/**
 * One-word companies and brands that are also family names ("Boeing said…", "Ford's results"): alone and without a
 * person cue they are the company. A full name ("Tom Ford") or a cue ("Mr. Dell") is still a person.
 */
export const BRAND_WORDS = new Set(
  `boeing ford dell disney hilton marriott hyatt bloomberg chanel dior armani gucci prada versace ferrari porsche
lamborghini maserati bugatti chrysler dodge siemens philips bosch kellogg heinz hershey merck pfizer colgate gillette
cadbury nestle nestlé mattel hasbro dyson barclays lloyds schwab goldman deloitte mckinsey reuters toyota honda suzuki
yamaha kawasaki mitsubishi nissan subaru hyundai samsung sony casio nikon walmart costco kroger heineken carlsberg
guinness bacardi smirnoff ikea lidl aldi zara benetton michelin peugeot renault citroen citroën bentley cartier
bulgari rolex swarovski hermès hermes louboutin kraft danone unilever nvidia oracle accenture paypal`.split(/\s+/),
);

/** Places whose names read like people's, beyond faker's city lists. Lower case, as ORGS. */
export const PLACES = `
alice springs|san antonio|santa clara|santa barbara|santa monica|santa cruz|santa fe|santa rosa|santa ana|san jose
san diego|san francisco|san marino|san juan|san sebastian|st louis|saint louis|st petersburg|saint petersburg
st paul|saint paul|st john|st johns|st john's|st kitts|st lucia|st helena|st moritz|st gallen|st tropez|st albans
port elizabeth|port louis|port moresby|lake louise|lake victoria|lake charles|fort william|fort lauderdale|fort myers
charlotte amalie|ann arbor|marthas vineyard|martha's vineyard|prince edward island|prince george|prince rupert
victoria falls|jasper national park|george town|georgetown|elizabethtown|charlottetown|jamestown|johannesburg
adelaide hills|mount isa|mount vernon|mount everest|cape may|port augusta|lake tahoe|lake george|lake placid
west virginia|north carolina|south carolina|new jersey|new york|new mexico|new hampshire|new orleans|new delhi
des moines|baton rouge|la jolla|los angeles|las vegas|el paso|del mar|palo alto|virginia beach|corpus christi
san luis obispo|santa maria|maria laach|marienbad|rio de janeiro|sao paulo|são paulo|santo domingo|san salvador
ben nevis|ben lomond|ben macdui|ben more|ben vorlich|ben lawers|ben lui|ben cruachan|ben ledi|ben wyvis|ben hope
ben alder|ben starav|glen coe|glen affric|glen nevis|glen etive|loch ness
loch lomond|cape cod|mont blanc|machu picchu|den haag|costa rica|puerto rico|monte carlo|monte cristo|isle of man|isle of wight|tierra del fuego|sierra leone|sierra nevada
`;

/** Single words that are well-known places more often than people's names in a prompt (not as a pair). */
export const PLACE_WORDS = `
victoria florence charlotte sydney adelaide alexandria jasper austin madison houston dallas denver phoenix orlando
savannah regina lincoln jackson chelsea kingston wellington hamilton darwin perth brisbane melbourne hobart camden
chester lancaster winchester preston bolton stanley geneva valencia lourdes santiago salvador natal aurora eugene
raleigh tyler quincy trenton cleveland columbus richmond odessa sofia victoria tucson tulsa memphis nashville
augusta alberta virginia georgia carolina montana indiana louisiana maryland florida dakota beverly marietta
`;

/** Capitalised pairs that are not people: legal and Latin phrases, landmarks, dishes, events, placeholders. */
export const NOT_PERSON_PHRASES = `
magna carta|mona lisa|pax romana|pax americana|habeas corpus|alma mater|terra nova|terra incognita|lorem ipsum
dolor sit|dolor sit amet|carpe diem|anno domini|homo sapiens|deus ex machina|summa cum laude|magna cum laude
cum laude|opus dei|ave maria|hail mary|bloody mary|earl grey|tom collins|tom yum|big ben|notre dame|santa claus
black friday|cyber monday|boxing day|grand canyon|milky way|silicon valley|wall street|pearl harbor|mardi gras
dia de los muertos|cinco de mayo|feliz navidad|happy new year|buenos dias|buenas noches|bon appetit|bon voyage
hasta la vista|guten morgen|guten tag|guten abend|gute nacht|frohe weihnachten|grüß gott|gruss gott|auf wiedersehen
deutsche bahn|deutsche bank|deutsche telekom|deutsche post|deutsche welle|gen z|gen x|gen alpha|baby boomer
jack russell|jack russell terrier|king charles spaniel|saint bernard|st bernard|golden retriever|labrador retriever
caesar salad|eggs benedict|beef wellington|peach melba|margherita pizza|victoria sponge|crème brûlée
`;

/**
 * Placeholder people of documentation and tests: never findings. EXAMPLE_NAMES are placeholders too, but also
 * real names, so they are dropped only with an example word ("example", "sample", "placeholder", "e.g."…) near.
 */
export const FIXTURE_NAMES = `
john doe|jane doe|johnny doe|janie doe|baby doe|richard roe|jane roe|john roe|john q public|john public|joe public
joe bloggs|jane bloggs|fred bloggs|joe schmoe|joe schmo|joe sixpack|joe blow|john q citizen|jane q citizen
max mustermann|erika mustermann|maria mustermann|hans mustermann|otto normalverbraucher|hans muster|anna muster
foo bar|foo baz|bar baz|foo bar baz|fulano de tal|fulana de tal|mengano|zutano|test user|test person|user name
first last|firstname lastname|first name last name|your name|full name
`;

/** Surnames that mark a placeholder whatever the given name ("Alex Doe", "Petra Musterfrau"). */
export const FIXTURE_SURNAMES = ['doe', 'mustermann', 'musterfrau', 'bloggs', 'nachname', 'lastname'];

export const EXAMPLE_NAMES = `
john smith|jane smith|jan kowalski|anna kowalska|mario rossi|maria rossi|juan perez|juan pérez|jean dupont
marie dupont|pierre dupont|hans meier|max muster|ivan ivanov|ivan ivanovich|sven svensson|ola nordmann|kari nordmann
joe bloggs|alice smith|bob smith|alice johnson|bob jones|john appleseed|jane appleseed|tommy atkins|joe average
`;

/**
 * The cast of cryptography and protocol examples: Alice and Bob, Eve the eavesdropper, Mallory the attacker, Trent
 * the trusted party, Peggy and Victor in proofs… One of them alone and without a person cue is a placeholder, like
 * John Doe, when another of them stands near (PLACEHOLDER_CAST) or a word of cryptography, protocols or algorithms
 * does (PROTOCOL_TALK). Lower case.
 */
export const PLACEHOLDER_PEOPLE = new Set(
  'alice bob carol charlie dave eve erin mallory oscar peggy victor trent trudy walter sybil faythe chuck craig heidi judy'.split(' '),
);
export const PLACEHOLDER_CAST =
  /\b(?:Alice|Bob|Carol|Charlie|Dave|Eve|Erin|Mallory|Oscar|Peggy|Victor|Trent|Trudy|Walter|Sybil|Faythe|Chuck|Craig|Heidi|Judy)\b/g;
export const PROTOCOL_TALK =
  /\b(?:encrypt\w*|decrypt\w*|cipher\w*|plaintext|signatures?|signs|signing|verif(?:y|ies|ier|ication)|protocols?|crypto\w*|handshake|nonces?|hash(?:es|ing)?|eavesdrop\w*|intercept\w*|mitm|man-in-the-middle|tls|ssl|rsa|diffie|hellman|aes|ecdh|ecdsa|certificates?|keys?|shared secret|key exchange|zero-knowledge|prover|commitment|oblivious|byzantine|consensus|qubits?|quantum|entangle\w*|packets?|hmac|otp|pgp|gpg|symmetric|asymmetric|algorithms?|channel)\b/i;

/** Words near a name that make a well-known placeholder one ("e.g." reads as "e" "g"). */
export const EXAMPLE_CONTEXT = [
  'example', 'examples', 'e.g', 'eg', 'sample', 'placeholder', 'dummy', 'fake', 'fictional', 'fictitious', 'fixture',
  'mock', 'template', 'test', 'testing', 'demo', 'lorem', 'such as', 'for instance', 'hypothetical', 'generic',
];

/**
 * German capitalised nouns and greeting words that name lists know as names ("Morgen", "Bahn") or that pair up
 * with one ("Guten Morgen", "Deutsche Bahn"). They split a run like any common word; a word that is also a
 * name ("Winter", "Sommer") still counts as a weak name, as "Will" does in English.
 */
export const GERMAN_WORDS = new Set(
  `Guten Gute Gutes Morgen Tag Tage Abend Nacht Danke Bitte Tschüss Herzlich Herzliche Herzlichen Glückwunsch
Willkommen Grüße Gruß Grüßen Frohe Fröhliche Weihnachten Ostern Neues Jahr Alles Sehr Geehrte Geehrter Mit
Freundlichen Viele Beste Besten Schönen Schöne Wochenende Deutsche Deutscher Deutschen Deutschland Bahn Bank Post
Telekom Bundesrepublik Bund Bundestag Bundesliga Regierung Stadt Land Haus Straße Strasse Platz Zeit Jahre Woche
Monat Stunde Minute Arbeit Firma Unternehmen Kunde Kunden Mitarbeiter Chef Termin Besprechung Rechnung Vertrag
Angebot Auftrag Bestellung Lieferung Preis Geld Konto Frage Fragen Antwort Problem Hilfe Beispiel Bild Buch Brief
Nachricht Seite Wort Welt Leben Familie Kinder Kind Mutter Vater Bruder Schwester Freundin Leute Menschen Schule
Universität Hochschule Stelle Wasser Essen Brot Bier Wein Kaffee Auto Zug Flug Flughafen Bahnhof Zimmer Reise
Urlaub Wetter Sonne Regen Schnee Winter Sommer Frühling Herbst Zeitung Recht Gesetz Polizei Arzt Krankenhaus Kirche
Ende Anfang Mittag Feierabend Gesundheit Achtung Ausgang Eingang Abfahrt Ankunft Verspätung Gleis Fahrkarte
Wiedersehen Ich Wir Sie Er Es Wie Was Wo Warum Wann Der Die Das Und Aber Oder Nicht Ja Nein Kann Können Ist Sind
Habe Haben Bin Mein Meine Dein Deine Ihr Ihre Unser Unsere Montag Dienstag Mittwoch Donnerstag Freitag Samstag
Sonntag Januar Februar März Mai Oktober Dezember Grüezi Servus Moin Hallo Lieber Liebe`.split(/\s+/),
);

/** German articles: the capitalised word right after one is a noun ("die Deutsche Bahn", "ein Termin"). */
export const GERMAN_ARTICLES = new Set(
  'der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner'.split(' '),
);

/** Particles before an article that keep it part of a name: "von der Leyen", "van der Berg", "zu den". */
export const NAME_BEFORE_ARTICLE = new Set(['von', 'van', 'zu', 'vom', 'zum', 'zur', 'de', 'ten', 'ter']);

/** Split a `|`- or line-separated list into a Set of its trimmed, non-empty entries. */
export function phraseSet(list: string): Set<string> {
  const out = new Set<string>();
  for (const p of list.split(/[|\n]/)) {
    const t = p.trim();
    if (t !== '') out.add(t);
  }
  return out;
}
