import type { Hit } from './rules.js';

/**
 * Sexual content involving minors, read on the raw text because the tokenizer drops digits ("a 14 year old", "a
 * 12yo", "she's only 13"): a mark of a minor (an age under 18, "underage", "preteen", "middle schooler", "kid",
 * "little girl") with a sexual word or frame ("naked", "sex", "undress", "what you'd do to her", "describe her body")
 * within WINDOW characters either side. Harmless neighbours (puberty talks, paediatric questions, reporting abuse,
 * sex education, protection) in the same window keep it apart. Always scored high: it must block.
 */
const AGE = '(?:1[0-7]|[1-9])';
const MINOR = new RegExp(
  String.raw`\b(?:${AGE}\s*-?\s*(?:years?|yrs?|y\.?\s?o\.?)(?:\s*-?\s*old)?\b|(?:aged?|only|just|barely|(?:she|he)(?:'s|\s+is))\s+${AGE}\b(?!\s*(?:%|percent|minutes?|hours?|days?|weeks?|months?|dollars?|\$|am|pm|o'?clock))|${AGE}yo\b|` +
    String.raw`under-?age(?:d)?|pre-?teens?|tweens?|minors\b|(?:a|the|with|of|about|involving|underage)\s+minor\b(?!\s+(?:character|characters|change|changes|edit|edits|issue|issues|key|role|roles|detail|details|injur\w*|league|scale|chord|point|points|update|bug|fix|typo|tweak|tweaks|plot))|kids?\b|kiddos?|child(?:ren)?\b|little\s+(?:girls?|boys?|ones?)|young\s+(?:girls?|boys?)|` +
    String.raw`(?:middle|elementary|grade|primary)\s*-?\s*school(?:ers?|\s+(?:girls?|boys?|kids?|students?))|(?:[1-8](?:st|nd|rd|th))\s*-?\s*graders?|` +
    String.raw`toddlers?|loli(?:s|con)?\b|jailbait|schoolgirls?\b|schoolboys?\b)`,
  'gi',
);
const SEXUAL = new RegExp(
  String.raw`\b(?:jailbait|loli(?:s|con)?|(?:is\s+)?(?:she|he)\s+(?:is\s+|'?s\s+)?(?:so\s+)?(?:hot|fuckable|doable)|hot\s+body|rate\s+(?:her|his|this|the)\b[^.?!]{0,40}\bbody|sex(?:y|ual(?:ly)?|ting|ted|t|ts)?\b|erotic\w*|porn\w*|naked|nude\w*|undress\w*|strip(?:s|ping|ped)?\s+(?:for|naked|down|off|her|him)|stripping|striptease|horny|arous\w*|` +
    String.raw`fuck(?:s|ed|ing)?\s+(?:a|an|the|her|him|them|this|that|my|your|little|young)\b|orgasm\w*|masturbat\w*|jerk(?:ing)?\s+off|lewd\w*|lingerie|panties|bra\b|breasts?|boobs?|tits|titties|genitals?|` +
    String.raw`(?:my|his|your|her|their)\s+(?:\w+\s+)?(?:dick|cock|pussy|penis|vagina)|nipples?|seduc\w*|molest\w*|fondl\w*|grop\w*|rape\w*|raping|` +
    String.raw`hook(?:ing)?\s+up|make\s+out|making\s+out|sleep(?:ing)?\s+with\s+(?:her|him)\b|turn(?:s|ed)?\s+(?:me|you)\s+on|` +
    String.raw`touch(?:es|ing|ed)?\s+(?:him|her|them)sel(?:f|ves)|touch(?:es|ing|ed)?\s+(?:her|him|them)\s+(?:there|down|inappropriately|between|under)|` +
    String.raw`(?:want|wanna|love|like|going|gonna)\s+(?:to\s+)?touch\b|` +
    String.raw`what\s+(?:(?:you|u|i|we)(?:'?d|\s+would|\s+will|'?ll)|would\s+(?:you|u|i)|will\s+(?:you|u|i))\s+do\s+to\s+(?:her|him|them|a|an|the|this|that|my|your|such)\b|` +
    String.raw`describe\s+(?:her|his|their|the)\s+(?:\w+\s+){0,2}(?:body|bodies|chest|legs|thighs|lips|skin)|(?:her|his)\s+(?:little\s+|young\s+|tiny\s+)?body\b)(?![a-z])`,
  'gi',
);
const BENIGN = new RegExp(
  String.raw`\b(?:pubert\w*|paediatric\w*|pediatric\w*|doctor|nurse|gp|clinic|rash|report\w*|protect\w*|prevent\w*|educat\w*|sex\s*ed\b|` +
    String.raw`talk\s+to|explain\w*|teach\w*|signs?\s+of|warning\s+signs|therap\w*|counsel\w*|survivors?|police|safeguard\w*|` +
    String.raw`age-?appropriate|content\s+(?:rules?|policy|policies)|health\w*|vaccin\w*|developmental|hormones?|consent\s+education|` +
    String.raw`how\s+do\s+i\s+(?:talk|explain|tell|handle)|parental|block\w*|filter\w*|found|saw|exposed|museum|statues?|art\s+class|breastfe\w*|my\s+(?:son|daughter|kid|child)\s+(?:asked|is\s+asking))`,
  'i',
);
/** Characters either side of a minor's mark in which a sexual word makes the pair. */
const WINDOW = 160;

export function minorSexual(text: string): Hit[] {
  MINOR.lastIndex = 0;
  if (!MINOR.test(text)) return [];
  MINOR.lastIndex = 0;
  const hits: Hit[] = [];
  let m: RegExpExecArray | null;
  let covered = -1;
  while ((m = MINOR.exec(text)) !== null) {
    if (m.index < covered) continue;
    const from = Math.max(0, m.index - WINDOW);
    const to = Math.min(text.length, m.index + m[0].length + WINDOW);
    const around = text.slice(from, to);
    SEXUAL.lastIndex = 0;
    const s = SEXUAL.exec(around);
    if (s === null || BENIGN.test(around)) continue;
    const a = Math.min(m.index, from + s.index);
    const b = Math.max(m.index + m[0].length, from + s.index + s[0].length);
    hits.push({ cat: 'sexual', score: 0.95, start: a, end: b });
    covered = to;
  }
  return hits;
}
