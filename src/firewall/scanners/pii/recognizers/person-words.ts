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
October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Today
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

/** Said right before a name: "my name is", "I'm", "Name:", "Dear", a sign-off. */
export const STRONG_CUE =
  /(?:\bmy name is|\bname is|\bname's|\bname’s|\bi am|\bi'm|\bi’m|\bcall me|\bcalled|\bnamed|\bname:|\bname\?|\bdear|\bhi|\bhello|\bhey|\bthanks,|\bregards,|\bsincerely,|\bcheers,|\bsigned,?|\bsurname is|\bfirst name is|\blast name is|\bspeak to|\bspoke to|\bspoke with|\bspeak with|\btalk to|\btalked to|\bask|\basked)[\s:]*$/;

/** Nearby words that make a capitalised word more likely to be a person (Presidio-style +0.35). */
export const PERSON_CONTEXT = [
  'name', 'named', 'called', 'says', 'said', 'told', 'tell', 'asked', 'ask', 'wrote', 'met', 'meet', 'meeting',
  'contact', 'spoke', 'speak', 'talk', 'talked', 'patient', 'client', 'customer', 'employee', 'colleague', 'manager',
  'boss', 'friend', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'brother', 'sister',
  'uncle', 'aunt', 'grandmother', 'grandfather', 'cousin', 'nephew', 'niece', 'doctor', 'nurse', 'author',
  'director', 'directed', 'producer', 'songwriter', 'starring', 'singer', 'actor', 'actress', 'ceo', 'founder',
  'president', 'dear', 'hi', 'hello', 'hey', 'thanks', 'regards', 'sincerely', 'cc', 'attn', 'assistant',
  'beneficiary', 'member', 'student', 'teacher', 'professor', 'mr', 'mrs', 'ms', 'dr', 'sir', 'madam', 'user',
  'who', 'whom', 'his', 'her', 'she', 'he',
];

/** Endings typical of family names in many languages, for names no list has. */
export const SURNAME_ENDING =
  /(?:ski|ska|sky|ský|ská|czyk|wicz|owicz|ewicz|ov|ova|ová|ev|eva|enko|chuk|yuk|yan|ian|ić|vić|ović|sson|ssen|sen|dóttir|dottir|poulos|opoulos|idis|akis|escu|oglu|oğlu|inen|ainen|nen|berg|stein|mann|feld|baum|ez|quez|shvili|dze|ishvili|yev|yeva|ovich|evich|ovna|evna)$/;
