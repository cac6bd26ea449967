/**
 * Insults, profanity and slurs in Spanish, French, German and Hindi (romanised Hinglish and Devanagari), curated by
 * hand in the format of lexicon-data.ts (`word:score[flags]`, `!` = counts only when aimed at someone).
 *
 * Written rather than taken from an npm list: the lists on the registry (naughty-words, @2toad/profanity,
 * profanity-hindi, french-badwords-list) carry no scores, mix in topic words ("asesinato", "drogas", "nackt",
 * "penis", "maal") and ordinary words of their language, and have no Devanagari. The scanner reads every text with
 * every list, so each entry here was checked against the other languages and English too.
 *
 * Left out on purpose, as ordinary words: es "negro" (a colour; the English entry counts only when aimed), "coño"
 * (reads as "cono", a cone), "concha" (a shell), "polla" (a hen), "mamada", "gonorrea" (the disease); fr "con"
 * (Spanish "with": only in phrases), "bite" (English), "chatte" (a she-cat), "cul" ("cul-de-sac"); de "Schwanz" (a
 * tail; "Schwanzlutscher" is listed), "Mist", "Spinner", "mongo" (MongoDB), "Hund"; hi "chakka" (a six in cricket),
 * "hijra" (a community's own name), "chod" (romanised "chhod", leave), "maal", "pataka", "laude" ("cum laude").
 * Counted only when aimed: words that are also names or plain words ("randi", "sala", "lauda", "depp", "Hure",
 * "kutta" a dog, "pagal" crazy, "cabrón" friendly in Mexico, "boludo" in Argentina, "behindert" disabled).
 * German "dick" (thick, fat) is made harmless by the phrases in INTL_SAFE_PHRASES.
 *
 * Italian and Portuguese, curated the same way. Left out as ordinary words: it "scopare" (also to sweep), "figa"
 * (also "cool"), "palle", "porca" alone ("porca miseria" is mild), pt "pau" (a stick), "cu" alone (only in
 * phrases), "preto" (a colour). Counted only when aimed: it "troia" (Troy), "finocchio" (fennel), "vacca", "cagna",
 * "porco", "cornuto", "scemo"; pt "burro" (a donkey), "vaca", "bicha" (a queue in Portugal), "veado" (a deer),
 * "piranha", "vagabundo", "macaco" (a monkey), "escroto" (the scrotum in Spanish).
 */

export const INTL_INSULT = `
pendejo:.75 pendeja:.75 pendejos:.75 pendejas:.75 gilipollas:.8 imbécil:.65 imbéciles:.65 idiota:.55 idiotas:.55
estúpido:.45 estúpida:.45 estúpidos:.45 tarado:.55 tarada:.55 culero:.75 culera:.75 culeros:.75 malparido:.85
malparida:.85 hijueputa:.9 hijoputa:.9 hijaputa:.9 hdp:.8 pelotudo:.7 pelotuda:.7 desgraciado:.65 desgraciada:.65
lameculos:.7 soplapollas:.8 comemierda:.8 chupapollas:.85 escoria:.6 cabrón:.65! cabrona:.65! cabrones:.65!
boludo:.45! boluda:.45! mamón:.5! capullo:.6! subnormal:.7! retrasado:.5! zorra:.7! perra:.7! cerdo:.4! cerda:.4!
tonto:.35! tonta:.35! inútil:.4! basura:.4! baboso:.4!
connard:.85 connards:.85 connasse:.85 connasses:.85 enculé:.9 enculés:.9 enculée:.9 salaud:.75 salauds:.75
salope:.85 salopes:.85 salopard:.8 pétasse:.8 pouffiasse:.8 grognasse:.7 abruti:.6 abrutie:.6 abrutis:.6
enfoiré:.8 enfoirés:.8 enfoirée:.8 branleur:.7 branleurs:.7 raclure:.75 tocard:.55 tocards:.55 emmerdeur:.55
emmerdeuse:.55 fdp:.85 ntm:.8 pute:.8 putes:.8 conne:.6! débile:.5! bouffon:.5! bâtard:.7! ordure:.6! minable:.45!
arschloch:.85 arschlöcher:.85 wichser:.85 wixxer:.85 wixer:.85 hurensohn:.9 hurensöhne:.9 fotze:.9 schlampe:.75
schlampen:.75 miststück:.75 mistkerl:.7 drecksau:.75 dreckskerl:.75 dreckschwein:.75 vollidiot:.75 vollidioten:.75
missgeburt:.85 spast:.75 spasti:.75 spacko:.65 trottel:.55 dummkopf:.55 schwachkopf:.6 vollpfosten:.6 idioten:.55
schwanzlutscher:.85 arschgeige:.75 arschkriecher:.6 pisser:.6 lusche:.5 depp:.45! penner:.45! opfer:.45! dumm:.35!
blöd:.3! blöde:.3! schwein:.4! sau:.35! hure:.7! huren:.7! behindert:.45! lappen:.4!
coglione:.8 coglioni:.5 stronzo:.75 stronza:.75 stronzi:.75 stronze:.75 vaffanculo:.85 fanculo:.75 affanculo:.8
cazzone:.75 puttana:.75 puttane:.75 zoccola:.8 mignotta:.8 baldracca:.8 bagascia:.8 imbecille:.65 imbecilli:.65
cretino:.6 cretina:.6 cretini:.6 rincoglionito:.7 rincoglionita:.7 rompicoglioni:.6 leccaculo:.7 succhiacazzi:.85
bastardo:.7 bastarda:.7 bastardi:.7 minchione:.7 fottiti:.85 vaffa:.7 mongoloide:.7 troia:.75! troie:.75!
cornuto:.6! deficiente:.6! deficienti:.6! scemo:.4! scema:.4! pezzente:.55! sfigato:.5! sfigata:.5! porco:.4!
vacca:.6! cagna:.6! ritardato:.6! ritardata:.6! demente:.5!
otário:.7 otária:.7 otários:.7 otárias:.7 babaca:.65 babacas:.65 arrombado:.8 arrombada:.8 arrombados:.8 cuzão:.8
desgraçado:.65 desgraçada:.65 escroto:.7! escrota:.7 canalha:.6 vadia:.75 vadias:.75 piranha:.6! corno:.6!
vagabundo:.6! vagabunda:.65! burro:.4! burra:.4! vaca:.6! lixo:.4! nojento:.5! nojenta:.5! imbecil:.65 trouxa:.5!
chutiya:.8 chutiye:.8 chutia:.8 chootiya:.8 bhenchod:.9 behenchod:.9 bhanchod:.9 benchod:.9 bhencho:.85
bhenchodd:.9 madarchod:.95 maderchod:.95 madarchodd:.95 bsdk:.85 bhosdike:.9 bhosadike:.9 bhosdiwale:.9 bhosdi:.85
bhosda:.8 gandu:.8 gaandu:.8 harami:.75 haraami:.75 haramzada:.85 haramzade:.85 haramkhor:.8 kamina:.6 kamine:.6
kaminey:.6 kameena:.6 kameene:.6 kuttiya:.75 kutiya:.75 raand:.75 randwa:.8 chinal:.8 chhinal:.8 bhadwa:.8 bhadwe:.8
bhadve:.8 bhadva:.8 jhantu:.7 jhaatu:.7 lodu:.75 lavde:.8 lawde:.8 chodu:.8 chutmarike:.9 betichod:.9
kutta:.4! kutte:.45! kutti:.6! randi:.8! saala:.35! sala:.3! saale:.4! saali:.4! suar:.45! ullu:.3! gadha:.35!
gadhe:.35! bewakoof:.4! bevakoof:.4! bewkoof:.4! pagal:.25! nalayak:.4! lauda:.7! loda:.7! lawda:.7!
चूतिया:.8 चुतिया:.8 चूतिये:.8 चुतिये:.8 भेनचोद:.9 बहनचोद:.9 बहनचोद:.9 भैनचोद:.9 मादरचोद:.95 भोसड़ीके:.9
भोसड़ी:.85 हरामी:.75 हरामज़ादा:.85 हरामजादे:.85 हरामज़ादे:.85 कमीना:.6 कमीने:.6 गांडू:.8 गाण्डू:.8 कुतिया:.75
भड़वा:.8 भड़वे:.8 झाटू:.7 झांटू:.7 लौड़ा:.7 रंडी:.8! कुत्ता:.4! कुत्ते:.45! साला:.35! साले:.4! सुअर:.45! पागल:.25!
`;

export const INTL_OBSCENITY = `
puta:.75 putas:.75 puto:.7 putos:.7 mierda:.6 mierdas:.6 joder:.55 jodido:.5 jodida:.5 carajo:.45 verga:.55
chingada:.6 chingado:.6 chingar:.6 chinga:.6 chingue:.6 chingadera:.5 pinche:.5 culo:.45 cojones:.5
putain:.55 merde:.55 merdique:.5 bordel:.4 foutre:.45 chier:.5 couilles:.45 nique:.65 niquer:.65 connerie:.45
conneries:.45
scheisse:.6 scheise:.6 scheiss:.6 scheis:.6 scheisskerl:.7 scheiskerl:.7 scheissegal:.5 scheisegal:.5
scheisshaus:.6 scheishaus:.6 arsch:.55 arschgesicht:.75 arschficker:.85 arschlecker:.7 kacke:.45 ficken:.65 fick:.65 fickt:.6 verfickt:.7
verfickte:.7 titten:.55 verdammt:.3
cazzo:.6 cazzi:.55 minchia:.5 merda:.6 incazzato:.4 cazzata:.4 cazzate:.4 fottuto:.6 fottuta:.6 stronzata:.45
porra:.5 caralho:.6 foder:.7 fuder:.7 foda:.6 fodase:.6 buceta:.7 cacete:.5 pqp:.6 vsf:.75 krl:.5
lund:.55 choot:.7 tatti:.5 gaand:.6 bakchod:.45 bakchodi:.45 chutiyapa:.5 chut:.5!
लंड:.6 चूत:.7 गांड:.6
`;

export const INTL_IDENTITY_ATTACK = `
maricón:.85 maricones:.85 sudaca:.8 sudacas:.8 bollera:.7 negrata:.85 machorra:.75 marica:.7!
pédé:.8 pédés:.8 gouine:.8 gouines:.8 bougnoule:.9 bougnoules:.9 bicot:.85 youpin:.9 youpins:.9 bamboula:.8
chintok:.85 tapette:.75! nègre:.75!
schwuchtel:.85 schwuchteln:.85 kanake:.85 kanaken:.85 neger:.85 untermensch:.85 untermenschen:.85 kameltreiber:.85
judensau:.95 kümmeltürke:.85 polacke:.8 zigeuner:.6! fidschi:.8!
frocio:.85 froci:.85 ricchione:.85 ricchioni:.85 terrone:.75 terroni:.75 finocchio:.75! zingaro:.6! zingari:.6!
viado:.85 viados:.85 sapatão:.75 traveco:.85 travecos:.85 veado:.6! bicha:.75! macaco:.7!
katua:.9 katue:.9 mulle:.7 chinki:.85 mulla:.5! chamar:.85! bhangi:.8! kalua:.6! कटुआ:.9
`;

export const INTL_SEXUAL = `
follar:.6 follando:.6
`;

/** Phrases: `words...:category:score`, normalised words (accents dropped, apostrophes split). */
export const INTL_PHRASES = `
hijo de puta:insult:.9
hija de puta:insult:.9
hijos de puta:insult:.9
tu puta madre:insult:.85
chinga tu madre:insult:.9
vete a la mierda:insult:.85
vete al carajo:insult:.7
come mierda:insult:.8
concha de tu madre:insult:.85
callate la boca:insult:.55
me cago en:obscenity:.6
te voy a matar:threat:.9
te voy a partir la cara:threat:.8
fils de pute:insult:.9
nique ta mere:insult:.9
nique ta race:insult:.9
ta mere la pute:insult:.9
ta gueule:insult:.7
ferme ta gueule:insult:.75
va te faire foutre:insult:.85
va te faire enculer:insult:.9
va chier:insult:.7
trou du cul:insult:.8
t es un con:insult:.8
t es con:insult:.7
tu es un con:insult:.8
espece de con:insult:.8
sale con:insult:.75
pauvre con:insult:.75
petit con:insult:.7
gros con:insult:.75
bande de cons:insult:.75
sale arabe:identity_attack:.85
sale juif:identity_attack:.85
sale noir:identity_attack:.85
je vais te tuer:threat:.9
je vais te buter:threat:.85
je te tue:threat:.75
fick dich:insult:.85
fick deine mutter:insult:.9
verpiss dich:insult:.75
halt die fresse:insult:.7
halt s maul:insult:.65
halts maul:insult:.65
halt dein maul:insult:.65
leck mich:insult:.6
leck mich am arsch:insult:.8
ich bring dich um:threat:.9
ich bringe dich um:threat:.9
ich tote dich:threat:.9
ich werde dich toten:threat:.9
ich mach dich kalt:threat:.8
du bist tot:threat:.6
ich mach dich fertig:threat:.65
ich mach dich kaputt:threat:.75
ich schlag dich tot:threat:.85
ich schlage dich tot:threat:.85
ich schlag dich zusammen:threat:.8
ich stech dich ab:threat:.85
ich steche dich ab:threat:.85
ich knall dich ab:threat:.85
ich knalle dich ab:threat:.85
du bist so gut wie tot:threat:.8
ti ammazzo:threat:.85
ti ammazzero:threat:.85
ti uccido:threat:.85
ti uccidero:threat:.85
ti faccio fuori:threat:.8
ti spacco la faccia:threat:.8
ti spacco la testa:threat:.8
so dove abiti:threat:.75
so dove vivi:threat:.75
te la faccio pagare:threat:.65
te la faro pagare:threat:.65
vou te matar:threat:.9
teri maa ki chut:insult:.95
teri maa ki:insult:.8
teri ma ki:insult:.8
maa ki chut:insult:.95
teri maa ka bhosda:insult:.95
maa chod:insult:.9
maa chuda:insult:.85
ullu ka pattha:insult:.55
kutte ki aulad:insult:.75
kutte ka bachcha:insult:.7
suar ki aulad:insult:.75
gaand mara:insult:.75
gand mara:insult:.7
tera khoon kar dunga:threat:.9
teri maa ki chut:insult:.95
figlio di puttana:insult:.9
figlia di puttana:insult:.9
figli di puttana:insult:.9
figlio di troia:insult:.9
testa di cazzo:insult:.85
pezzo di merda:insult:.85
va a cagare:insult:.7
vai a cagare:insult:.7
va fan culo:insult:.85
porca puttana:obscenity:.6
filho da puta:insult:.9
filha da puta:insult:.9
filhos da puta:insult:.9
filho de puta:insult:.9
vai se foder:insult:.85
vai se fuder:insult:.85
vai te foder:insult:.85
vai tomar no cu:insult:.85
tomar no cu:insult:.8
vai a merda:insult:.75
seu merda:insult:.8
pau no cu:insult:.8
cala a boca:insult:.5
cala boca:insult:.5
foda se:obscenity:.6
puta que pariu:obscenity:.6
तेरी मां की चूत:insult:.95
तेरी मां की:insult:.8
मां की चूत:insult:.95
कुत्ते की औलाद:insult:.75
उल्लू का पट्ठा:insult:.55
`;

/**
 * Ordinary English words that a stretched spelling of a listed word would match ("fodder" is "foder" with a doubled
 * letter): listed as plain words, so the tokenizer's exact match wins.
 */
export const INTL_PLAIN = 'fodder fodders';

/** Harmless uses of words listed elsewhere: German "dick" is thick or fat, Lund is a Swedish city. */
export const INTL_SAFE_PHRASES = `
zu dick
sehr dick
ist dick
bin dick
bist dick
nicht dick
ziemlich dick
dick und
lund university
lund sweden
di troia
cavallo di troia
`;

/** Patterns in the syntax of patterns-data.ts. */
export const INTL_PATTERNS = `
identity_attack:.8 | ^@group deveriam|devem|deviam|dovrebbero|devono|deberian|deben|sollten|mussen|devraient|doivent *2 morrer|morire|morir|sterben|mourir|sparire|desaparecer|verschwinden|disparaitre
identity_attack:.8 | ^@group deveriam|devem|dovrebbero|devono *1 ser|essere mortos|uccisi|sterminati|exterminados|eliminati|eliminados|deportati|deportados|espulsi|expulsos|impiccati|enforcados
identity_attack:.75 | ^@group controllano|controlano|controlam|controlan|kontrollieren|controlent|dominano|dominam|dominan|beherrschen|dominent|regieren *2 banche|bancos|banken|banques|media|medios|medien|medias|mondo|mundo|welt|monde|governo|gobierno|regierung|gouvernement|dinheiro|dinero|geld|argent|soldi|finanza|finanzas|finanzen|finance|midia
identity_attack:.75 | ^@group raus $|,|aus
identity_attack:.7 | ^@group sont|est trop|vraiment|tous|toutes|si|tellement*2 betes|stupides|cons|idiotes|idiots|connes|faibles|inferieures|inferieurs|sales|paresseux|paresseuses|sauvages|violents|dangereux|voleurs
identity_attack:.7 | ^@group son|es demasiado|muy|todos|todas|unos|unas|tan|bien*2 estupidos|estupidas|tontos|tontas|sucios|sucias|flojos|flojas|vagos|vagas|inferiores|brutos|ignorantes|salvajes|peligrosos|violentos|ladrones|criminales
identity_attack:.7 | ^@group sind|ist zu|alle|so|einfach|doch|nur|halt*2 dumm|dreckig|faul|minderwertig|primitiv|blod|kriminell|gefahrlich|gewalttatig|asozial|wertlos|dreckige|faule|kriminelle
identity_attack:.8 | ^@group sind|waren|ist an allem|alles schuld
threat:.85 | ich|wir werde|werden|will|wollen|gehe *5 ^umbringen|toten|abstechen|erschiessen|abknallen|kaltmachen|erwurgen|zusammenschlagen|vergewaltigen
threat:.8 | je|j|on|nous vais|va|allons *1 ^bruler|incendier|cramer|faire ta|ton|votre|tes|vos maison|voiture|appart|appartement|magasin|famille|gosses|enfants|sauter
threat:.8 | voy|vamos|van a ^quemar|incendiar tu|su|tus|sus casa|carro|coche|auto|tienda|negocio|familia|hijos
threat:.85 | te|t|lui|leur|vous ^casser|peter|exploser|defoncer|fracasser|eclater|refaire|arracher la|ta|sa|le|les|votre gueule|tete|figure|face|bouche|crane|dents|jambes
threat:.85 | je|j|on|nous vais|va|allons|veux|peux|vas *2 te|t|vous ^tuer|buter|crever|egorger|planter|defoncer|massacrer|frapper|cogner|etrangler|descendre|saigner|bruler|lyncher
threat:.8 !>benignAddr | je|j|on|nous sais|sait|savons|connais|connait ^ou tu|vous|t habites|habitez|vis|vivez|dors|travailles|bosses|caches|te
threat:.65 | tu|vous vas|allez me? le ^regretter|payer $|,|cher|tres|amerement
threat:.8 !>benignAddr | ich|wir weis|weiss|wissen|kenne|kennen genau|schon|jetzt? ^wo du|ihr|deine|dein wohnst|wohnt|arbeitest|schlafst|lebst|wohnen|bist|kinder|frau|familie
threat:.45 #weak | ^pass|passt blos|bloss auf $|,|du
threat:.6 | du|ihr wirst|werdet es|das *1 ^bereuen
threat:.8 !>benignAddr !@negation | se|sabemos|sabe|conozco|sei|sabemos ^donde|onde voce|vc|tu|usted|ustedes? vives|viven|trabajas|trabajan|duermes|estudias|estudian|vive|vivis|mora|moras|trabalha|estuda
threat:.85 | te|los|las|lo|la voy|vamos|va|van a ^matar|reventar|apunalar|acuchillar|ahorcar|degollar|quemar|madrear|destrozar|balear|romper|partir
threat:.8 | ^partir|romper|reventar|quebrar|quebrar la|las|los|el|sua|tua|a cara|madre|cabeza|piernas|huesos|boca|craneo|jeta|hocico|brazos|cuello|madre
threat:.85 | vou|vamos|eu te|vai ^matar|quebrar|esfaquear|furar|arrebentar
threat:.85 | vou|vamos|eu ^matar|esfaquear voce|vc|tu|te
threat:.6 | voce|vc|tu vai|vais se ^arrepender
identity_attack:.7 | ^@group solo|solamente|nomas|nada sirven|valen para
identity_attack:.7 | ^@group ne sont bonnes|bons|faites|faits qu|que
identity_attack:.7 | ^@group gehoren|gehort in die kuche|kueche|gaskammer|lager|ofen
identity_attack:.8 | ^@group gehoren|gehort|sollten|sollte|mussen|muessen|muss|musste|mussten *2 abgeschoben|ausgewiesen|vergast|deportiert|erschossen|vernichtet|ausgerottet|rausgeworfen|weg
identity_attack:.8 | ^@group devraient|doivent|faut *3 etre? expulses|deportes|renvoyes|gazes|tues|extermines|chasses
identity_attack:.8 | ^@group deberian|deben|tienen *3 ser? deportados|expulsados|exterminados|eliminados|echados|fusilados
insult:.75 ~de | ^puta madre
insult:.75 | eres|sos|tu|usted un|una|unos|unas|el|la|so *1 de ^mierda
threat:.85 | main|mai|me? ^tujhe|tereko|tujko jaan? se? maar dunga|dalunga|daalunga|doonga|denge|dungi
threat:.85 | ^तुझे|तुमको|तेरे जान? से? मार डालूंगा|दूंगा|डालूँगा|दूँगा|देंगे
`;

/** Words added to roles of roles-data.ts (normalised). */
export const INTL_ROLES = {
  youBefore: 'तू तुम आप sei seu sua voce vc',
  filler:
    'es eres un una unos unas el la los las muy tan que son sos ' +
    'todos todas solo puros puras nada mas que unos ' +
    'un uno proprio davvero molto cosi gran grande brutto brutta vero vera e um uma muito mesmo grandessissimo ' +
    'qu sono tutti tutte solo dei delle degli sao todos todas uns umas ' +
    'est etes sont une des le les vraiment tellement espece de sale gros grosse petit petite pauvre tous toutes que ' +
    'bist ist bin sind ein eine einer so echt voll totaler totale richtiger richtige verdammter verdammte dummer alle ' +
    'nur nichts als ' +
    'dumme dummes blöder blöde alter ' +
    'hai ho hain ek bada bade badi kitna kitni bahut bilkul pura poora log है हो हैं एक बड़ा',
  group:
    'juden muslime ausländer flüchtlinge türken migranten zigeuner araber polen rumänen afrikaner schwarze schwule ' +
    'frauen juden ausländer judíos musulmanes inmigrantes gitanos árabes mexicanos moros negros migrantes extranjeros refugiados ' +
    'mujeres gays musulmans juifs immigrés arabes gitans migrants étrangers réfugiés noirs roms femmes homosexuels ' +
    'immigrati stranieri ebrei musulmani zingari negri froci donne albanesi marocchini africani profughi ' +
    'imigrantes estrangeiros judeus muçulmanos ciganos negros mulheres refugiados viados',
  dehuman:
    'parásitos ratas cucarachas animales escoria plaga ladrones delincuentes criminales violadores terroristas ' +
    'sanguijuelas salvajes cafards animaux vermine racaille voleurs criminels violeurs terroristes délinquants ' +
    'sauvages singes ratten parasiten ungeziefer tiere abschaum untermenschen schmarotzer sozialschmarotzer ' +
    'kakerlaken verbrecher kriminelle vergewaltiger diebe terroristen affen ' +
    'delinquenti criminali ratti parassiti animali scimmie terroristi stupratori ladri feccia ' +
    'ratos parasitas animais macacos terroristas estupradores ladrões bandidos criminosos vermes',
} as const;
