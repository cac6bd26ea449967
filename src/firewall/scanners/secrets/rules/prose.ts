import { charClasses, classCount, shannonEntropy } from '../entropy.js';
import { hasExpansion, isPlaceholder, isTemplateOrReference } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';
import { isNameLike, isPathUrlVersionOrDate, looksLikeCode } from './generic/shapes.js';

/**
 * Passwords written into chat prose: "user siteadmin / pass yS0QJ-#XAl2ugE at https://…", "pw is hunter2x!Q9",
 * "the password is \"Tr0ub4dor&3\"", "username bob pwd S3cure!Pass", "Kennwort: …", "mot de passe : …".
 *
 * A cue word (password, passwd, pass, pwd, pw, passcode, Passwort, Kennwort, mot de passe, contraseña, senha,
 * wachtwoord) standing as a word of its own, a short separator after it (":", "=", "is", "was set to", " - ",
 * a quote, or only a blank), and ONE token that reads as a password: 6 to 64 characters without blanks that mix
 * character classes and are no word, name, path, version, date, number, code or placeholder.
 *
 * The assignment parser (generic-secret) already reads "password: x" and "my password is x" when the value is
 * strong; this rule adds the looser forms of chat and is kept on the safe side, since the words are everyday
 * English: "pass" and "pw" are verbs and abbreviations ("pass the tests", "pass it to", "PASS src/app.test.ts"),
 * so with only a blank after them a user name must come before ("user bob / pass …"). Its scores sit below the
 * keyword rule's, so where both read the same value the keyword rule's finding is the one kept.
 *
 * Common weak passwords (password123, Welcome1, qwerty) are reported when the text says they are someone's
 * password ("my password is password123", "I set the password to letmein"): stated that way they are the
 * credential, however guessable. Without such a first-person or assignment cue they read as examples.
 */

const KEYWORDS = ['pass', 'pwd', 'pw:', 'pw ', 'pw=', 'kennwort', 'contrase', 'senha', 'wachtwoord'];

/** Cue words, lowercase; "pass" and "pw" are also everyday words and need more around them. */
const STRONG_CUES = new Set([
  'password', 'passwd', 'pwd', 'passcode', 'passwort', 'kennwort', 'contraseña', 'contrasena', 'senha', 'wachtwoord',
]);
const WEAK_CUES = new Set(['pass', 'pw']);

/** How far the parser looks back for a user name or "my", and the longest value. */
const LOOKBACK = 64;
const MAX_VALUE = 64;

/** Guessable passwords that are still the password when the text says so (first person, assignment). */
const WEAK_COMMON = new Set([
  'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@ssw0rd1',
  'letmein', 'letmein1', 'letmein123', 'qwerty', 'qwerty1', 'qwerty123', 'qwertyuiop', 'iloveyou', 'welcome1',
  'welcome123', 'admin123', 'admin1234', 'root123', 'abc123', 'abc12345', 'abcd1234', '123456', '1234567',
  '12345678', '123456789', '1234567890', '111111', '000000', '123123', '654321', 'trustno1', 'monkey123',
  'dragon123', 'football1', 'baseball1', 'sunshine1', 'princess1', 'master123', 'secret123', 'test1234',
]);

/** Leetspeak spellings of "password" inside a value (MyPassword1, P@ssw0rd!, Pa$$w0rd): examples, not passwords. */
const PASSWORD_WORD = /p[a@4][s$5][s$5]w[o0]r?d/i;

/** Words with digits that name technology, not passwords: sha256, utf8, base64, http2, ipv6, python3, win32… */
const TECH_TERM =
  /^(?:sha|md|utf|ucs|base|http|ipv|python|py|php|node|es|ecma|win|x|arm|amd|aarch|h|vp|av|aes|rsa|ec|ed|pbkdf|argon|bcrypt|scrypt|tls|ssl|ssh|rfc|iso|cve|pep|jsr|gpt|claude|llama|mp|ogg|oauth|html|css|s|v|ext|fat|ntfs|ddr|usb|pci|wifi|gen|level|step|phase|round|test|stage|pass|try|version|build|sprint|week|day|q|fy)\d+[a-z]?$/i;

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 0xf1 || c === 0xd1; // ñ Ñ (contraseña)
}

function isWordCode(c: number): boolean {
  return isLetterCode(c) || (c >= 48 && c <= 57) || c === 95 || (c > 127 && /\p{L}/u.test(String.fromCharCode(c)));
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

function closingQuoteOf(q: number): number {
  if (q === 0x201c) return 0x201d;
  if (q === 0x2018) return 0x2019;
  return q;
}

interface Cue {
  word: string;
  start: number;
  end: number;
}

/** The cue word at `hit`, standing alone: not inside bypass, compass, passport, db_pass, user.password, PW-2033. */
function cueAt(text: string, hit: number): Cue | undefined {
  const before = hit > 0 ? text.charCodeAt(hit - 1) : 32;
  if (isWordCode(before) || before === 46 || before === 45 || before === 36 || before === 64 || before === 92) {
    return undefined;
  }
  // user/pass: …, but not /etc/passwd
  if (before === 47 && !/(?:^|[^\p{L}])(?:user(?:name)?|login|usr|u)\/$/iu.test(text.slice(Math.max(0, hit - 10), hit))) {
    return undefined;
  }
  let e = hit;
  while (e < text.length && e - hit < 12 && isLetterCode(text.charCodeAt(e))) e++;
  const after = text.charCodeAt(e);
  if (isWordCode(after)) return undefined;
  // password-protected, pass-through, PW-2033, password.length, pass/fail
  const next = text.charCodeAt(e + 1);
  if ((after === 45 || after === 46 || after === 47) && !isBlank(next) && !Number.isNaN(next)) return undefined;
  const word = text.slice(hit, e).toLowerCase();
  if (STRONG_CUES.has(word) || WEAK_CUES.has(word)) return { word, start: hit, end: e };
  // "mot de passe" (the keyword hit is on "passe")
  if (word === 'passe' && /mot\s+de\s+$/i.test(text.slice(Math.max(0, hit - 8), hit))) {
    return { word: 'mot de passe', start: hit, end: e };
  }
  return undefined;
}

/** The part of the line before `pos`, at most LOOKBACK characters. */
function lineBefore(text: string, pos: number): string {
  let s = pos;
  while (s > 0 && pos - s < LOOKBACK) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    s--;
  }
  return text.slice(s, pos);
}

/** "my password", "our wifi pass", "my new db password": the speaker's own password. */
const FIRST_PERSON = /(?:^|[^\p{L}\d_])(?:my|our)\s+(?:[\p{L}\d'’._-]{1,20}\s+){0,3}$/iu;
/** "I set the password to", "changed the admin password to", "reset his password to". */
const ASSIGNING = /(?:^|[^\p{L}])(?:set|changed?|reset|updated?|made)\s+(?:(?:the|my|our|his|her|their|your|its|a|an|new|[\p{L}\d._-]{1,20})\s+){0,3}$/iu;
/** A user name just before: "user bob /", "login: admin,", "username siteadmin", "u: root |". */
const USER_BEFORE =
  /(?:^|[^\p{L}\d_])(?:user(?:name)?|login|usr|uid|account|acct|e-?mail|benutzer(?:name)?|utilisateur|usuario|usu[aá]rio)(?:\s*[:=]\s*|\s+)([^\s,;/|]{1,64})[\s,;/|]*$/iu;
/** Words that follow "user" in a sentence, where a user name would stand in a credential pair. */
const NOT_A_USER_NAME =
  /^(?:to|is|are|can|and|or|the|a|an|has|have|had|must|should|will|would|may|might|of|for|with|in|on|at|by|from|name|names|id|ids|account|who|that|which|not|needs?|wants?|could|does|did|was|were|be|gets?|sets?|enters?|types?|provides?|supplies|data|input|interface|experience|agent|guide|manual|role|group|profile|settings?|level|mode)$/i;

function userNameBefore(prefix: string): boolean {
  const m = USER_BEFORE.exec(prefix);
  return m !== null && !NOT_A_USER_NAME.test(m[1]!) && /[\p{L}\d]/u.test(m[1]!);
}

/** "pass" as a ticket or an iteration: boarding pass, season pass, day pass, first pass, second pass. */
const PASS_NOUN_BEFORE =
  /(?:^|[^\p{L}])(?:boarding|bus|train|rail|transit|metro|season|day|week|weekly|month|monthly|annual|hall|ski|guest|visitor|press|backstage|free|park|museum|gym|festival|vip|access|hiking|fishing|toll|parking|ticket|travel|first|second|third|fourth|final|last|next|previous|each|every|one|single|two|double|multi|another|this|that|hail|mary|forward|lateral|screen|no)\s+$/iu;

/** The word "pass" at `start` is a ticket or an iteration (boarding pass: 3F), not a password. */
export function passIsNoun(text: string, start: number): boolean {
  return PASS_NOUN_BEFORE.test(lineBefore(text, start));
}

type Strength = 'strong' | 'weak' | 'equals';

interface Separator {
  /** Where the value (or its opening quote) starts. */
  at: number;
  strength: Strength;
  /**
   * "own": the separator says the value was assigned ("is set to", "has been changed to"); "to": a bare "to" that
   * only assigns after a change verb before the cue ("I set the password to …", not "pass it to").
   */
  assignment: 'none' | 'own' | 'to';
}

/** is, was, est, es, ist, é, war, era (+ now/still/currently) (+ set/changed/reset/updated to) (+ ":") */
const COPULA =
  /(?:is|was|are|est|es|ist|é|war|era)(?:[ \t]{1,4}(?:now|still|currently|also|just|simply|always))?(?:[ \t]{1,4}(?:set|changed|reset|updated)[ \t]{1,4}to)?[ \t]{0,4}:?(?=\s|["'`“‘])/iy;
/** has been set to, got changed to, was set to (already covered), set to */
const CHANGED_TO = /(?:(?:has|have)[ \t]{1,4}been[ \t]{1,4}|got[ \t]{1,4})?(?:set|changed|reset|updated)[ \t]{1,4}to(?=\s|["'`“‘])/iy;
/** for root, for the admin account, of the VPN, on staging, at work: a qualifier before the real separator. */
const QUALIFIER = /(?:for|of|on|at|to)[ \t]{1,4}(?:[\p{L}\d@._'’-]{1,32}[ \t]{1,4}){0,3}?[\p{L}\d@._'’-]{1,32}[ \t]{0,4}(?=:|[ \t](?:is|was)[ \t])/iuy;

function skipBlanks(text: string, p: number, max: number): number {
  const stop = p + max;
  while (p < stop && isBlank(text.charCodeAt(p))) p++;
  return p;
}

/** Reads what joins the cue to its value; undefined when there is no value on this line. */
function separatorAfter(text: string, cue: Cue): Separator | undefined {
  let p = cue.end;
  // "password": "…", 'pass' => '…': a quoted key.
  const before = text.charCodeAt(cue.start - 1);
  const quotedKey = isQuote(before) && text.charCodeAt(p) === closingQuoteOf(before);
  if (quotedKey) p++;
  let q = skipBlanks(text, p, 8);
  // A quoted name is a key or a label ({ name: 'Password' }).fill(…)): only ":" or "=" give it a value.
  if (quotedKey) {
    const c = text.charCodeAt(q);
    const d = text.charCodeAt(q + 1);
    if (c === 58 && d !== 58) return { at: skipBlanks(text, q + 1, 8), strength: 'strong', assignment: 'none' };
    if (c === 61 && d !== 61) return { at: skipBlanks(text, q + 1, 8), strength: 'equals', assignment: 'none' };
    return undefined;
  }
  // password (staging): …, pass [root]: …
  const open = text.charCodeAt(q);
  if (open === 40 || open === 91) {
    const shut = open === 40 ? 41 : 93;
    let close = q + 1;
    while (close < text.length && close - q <= 40 && text.charCodeAt(close) !== shut && text.charCodeAt(close) !== 10) close++;
    if (text.charCodeAt(close) !== shut) return undefined;
    q = skipBlanks(text, close + 1, 8);
    if (text.charCodeAt(q) !== 58 && !/^(?:is|was)\s/i.test(text.slice(q, q + 4))) return undefined;
  }
  QUALIFIER.lastIndex = q;
  const qm = q > p || open === 40 || open === 91 ? QUALIFIER.exec(text) : null;
  if (qm !== null) q = skipBlanks(text, q + qm[0].length, 8);
  const c = text.charCodeAt(q);
  const d = text.charCodeAt(q + 1);
  if (c === 58 && d !== 58 && d !== 47) return { at: skipBlanks(text, q + 1, 8), strength: 'strong', assignment: 'none' };
  if (c === 58 && d === 61) return { at: skipBlanks(text, q + 2, 8), strength: 'equals', assignment: 'none' };
  if (c === 61 && d !== 61 && d !== 62) return { at: skipBlanks(text, q + 1, 8), strength: 'equals', assignment: 'none' };
  if (q === p && !isQuote(c)) return undefined; // "password" glued to something else
  COPULA.lastIndex = q;
  const cm = COPULA.exec(text);
  if (cm !== null) {
    const own = /to:?$/i.test(cm[0].trim());
    return { at: skipBlanks(text, q + cm[0].length, 8), strength: 'strong', assignment: own ? 'own' : 'none' };
  }
  if (qm !== null) return undefined; // a qualifier must lead to ":" or "is"
  CHANGED_TO.lastIndex = q;
  const tm = CHANGED_TO.exec(text);
  if (tm !== null) return { at: skipBlanks(text, q + tm[0].length, 8), strength: 'strong', assignment: 'own' };
  // " - ", " – ", " / ", " -> ", " => "
  if ((c === 45 || c === 0x2013 || c === 0x2014 || c === 47) && isBlank(text.charCodeAt(q - 1)) && isBlank(d)) {
    return { at: skipBlanks(text, q + 1, 8), strength: 'weak', assignment: 'none' };
  }
  if ((c === 45 || c === 61) && d === 62 && isBlank(text.charCodeAt(q + 2))) {
    return { at: skipBlanks(text, q + 2, 8), strength: 'strong', assignment: 'none' };
  }
  // "… password to X" after a change verb
  if (/^to\s/i.test(text.slice(q, q + 3))) {
    return { at: skipBlanks(text, q + 3, 8), strength: 'weak', assignment: 'to' };
  }
  return { at: q, strength: 'weak', assignment: 'none' };
}

interface Value {
  start: number;
  end: number;
  quoted: boolean;
}

/** Characters that end an unquoted value: blanks, line ends, quotes, markup. */
function endsValue(c: number): boolean {
  return c <= 32 || c === 127 || c === 0xa0 || isQuote(c) || c === 60 || c === 62 || Number.isNaN(c);
}

function valueAt(text: string, p: number, strength: Strength): Value | undefined {
  const q = text.charCodeAt(p);
  if (isQuote(q)) {
    const close = closingQuoteOf(q);
    const limit = Math.min(text.length, p + 1 + MAX_VALUE + 1);
    for (let j = p + 1; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === close) return j > p + 1 ? { start: p + 1, end: j, quoted: true } : undefined;
      if (c <= 32 || c === 0xa0) return undefined; // a phrase, not one token
    }
    return undefined;
  }
  const limit = Math.min(text.length, p + MAX_VALUE + 8);
  let j = p;
  while (j < limit && !endsValue(text.charCodeAt(j)) && !escapeAt(text, j)) j++;
  if (j === limit && j < text.length && !endsValue(text.charCodeAt(j))) return undefined;
  let end = j;
  // Sentence punctuation after the value: "… is hunter2x!Q9." "(pass: Xk9#mQ2!vL)"
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (end > p && (c === 46 || c === 44 || c === 59 || c === 58 || c === 63)) end--;
    else if (end > p && (c === 41 || c === 93 || c === 125) && !hasOpener(text, p, end - 1, c)) end--;
    else break;
  }
  if (strength === 'equals') {
    // pass=Xk9&user=bob: a query string goes on after the value
    const m = /[&;,][A-Za-z_][\w.-]{0,31}=/.exec(text.slice(p, end));
    if (m !== null) end = p + m.index;
  }
  return end > p ? { start: p, end, quoted: false } : undefined;
}

/**
 * A backslash (the "\n" of a JSON or C string, roff's \fR and \-, Markdown's \_) or an HTML entity (&quot; &#39;):
 * the text around the value is escaped, and the value ends there.
 */
function escapeAt(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (c === 92) return true;
  return c === 38 && /^&(?:[a-z]{2,6}|#\d{1,5}|#x[0-9a-f]{1,4});/i.test(text.slice(j, j + 9));
}

function hasOpener(text: string, from: number, to: number, closer: number): boolean {
  const opener = closer === 41 ? 40 : closer === 93 ? 91 : 123;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === opener) return true;
  return false;
}

interface Context {
  weakCue: boolean;
  strength: Strength;
  /** The text says it is someone's password: "my password is", "set the password to". */
  stated: boolean;
  quoted: boolean;
  after: number;
}

/** Letters of values that are examples whatever digits and symbols surround them. */
const PLACEHOLDER_CORE = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'test', 'testing', 'example', 'sample', 'demo', 'dummy',
  'changeme', 'foo', 'bar', 'foobar', 'baz', 'qwerty', 'letmein', 'admin', 'root', 'user', 'username', 'guest',
  'default', 'mypass', 'mypassword', 'yourpassword', 'abc', 'abcd', 'xyz', 'asdf', 'hello', 'helloworld',
]);

function bracketsBalance(s: string): boolean {
  let round = 0;
  let square = 0;
  let curly = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) round++;
    else if (c === 41 && --round < 0) return false;
    else if (c === 91) square++;
    else if (c === 93 && --square < 0) return false;
    else if (c === 123) curly++;
    else if (c === 125 && --curly < 0) return false;
  }
  return round === 0 && square === 0 && curly === 0;
}

function isLettersOnly(s: string): boolean {
  return /^[\p{L}]+$/u.test(s);
}

/** Decides whether the token after a cue reads as a password; returns the score or 0. */
function judge(value: string, ctx: Context): number {
  const len = value.length;
  if (len < 6 || len > MAX_VALUE) return 0;
  const lower = value.toLowerCase();
  if (WEAK_COMMON.has(lower)) return ctx.stated && ctx.strength !== 'weak' ? 0.5 : 0;
  if (isPlaceholder(value) || isTemplateOrReference(value) || hasExpansion(value)) return 0;
  // <your-password>, [hidden], (redacted), {pw}, -flag, ~/path, =value, and code: }).fill(, ).toString(
  if (/^[<[({})\]\-~=,;|/\\]/.test(value) || !bracketsBalance(value)) return 0;
  // secret!, Test1234!, example-1: a placeholder word dressed up with digits and symbols.
  if (!ctx.stated && PLACEHOLDER_CORE.has(value.replace(/[^\p{L}]/gu, '').toLowerCase())) return 0;
  if (isPathUrlVersionOrDate(value) || value.includes('://') || /^www\./i.test(value)) return 0;
  if (looksLikeCode(value, ctx.after)) return 0;
  if (!ctx.stated && PASSWORD_WORD.test(value)) return 0;
  if (/^[\p{L}\d]+@[\p{L}\d.-]+$/u.test(value) && value.includes('.')) return 0; // a mail address or a host
  const cls = charClasses(value);
  const letters = cls.lower || cls.upper;
  // echoed!, anonymous@, "correct.": a word with punctuation around it is still the word.
  const core = value.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
  if (core.length < value.length && core.length > 0 && isLettersOnly(core)) return 0;
  if (!letters) {
    // A PIN or a numeric password, only under an unambiguous cue: "passcode: 482913". Not "pass: 42/42".
    if (!/^\d+$/.test(value) || len > 12 || ctx.weakCue || ctx.strength === 'weak') return 0;
    return 0.5;
  }
  if (isLettersOnly(value)) {
    // Only random-looking mixed case: "password: gQmTzRkWbHxP", not "password: Required".
    return len >= 12 && !isNameLike(value) && shannonEntropy(value) >= 3.5 ? 0.55 : 0;
  }
  if (isNameLike(core)) {
    // hunter2, Summer2024!, Welcome1: one word with digits is a (weak) password when the text states it is one.
    const oneWord = /^[\p{L}]+\d{1,6}$|^\d{1,4}[\p{L}]+$/u.test(core);
    // Joined words with digits (Vpn-2024-Rotated) only when stated: "our vpn password was changed to …".
    if (!oneWord) return ctx.stated && ctx.strength === 'strong' && cls.digit && len >= 8 ? 0.5 : 0;
    if (TECH_TERM.test(core) || ctx.strength === 'weak' || ctx.strength === 'equals') return 0;
    return ctx.stated || (!ctx.weakCue && ctx.quoted) || (!ctx.weakCue && ctx.strength === 'strong') ? 0.5 : 0;
  }
  if (classCount(cls) < 2) return 0;
  return 0.55;
}

export const prosePasswordRule: SecretRule = {
  id: 'prose-password',
  keywords: KEYWORDS,
  priority: 0,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let next = 0;
    for (const hit of hits) {
      if (hit < next) continue;
      const cue = cueAt(text, hit);
      if (cue === undefined) continue;
      const weakCue = WEAK_CUES.has(cue.word);
      // PASS and FAIL of test runners: "PASS src/app.test.ts", "--- PASS: TestParse (0.00s)".
      if (cue.word === 'pass' && text.slice(cue.start, cue.end) === 'PASS') continue;
      const prefix = lineBefore(text, cue.start);
      if (cue.word === 'pass' && PASS_NOUN_BEFORE.test(prefix)) continue;
      const sep = separatorAfter(text, cue);
      if (sep === undefined) continue;
      const v = valueAt(text, sep.at, sep.strength);
      if (v === undefined) continue;
      const firstPerson = FIRST_PERSON.test(prefix);
      const assigning =
        sep.assignment === 'own' || (sep.assignment === 'to' && (firstPerson || ASSIGNING.test(prefix)));
      if (sep.assignment === 'to' && !assigning) continue; // "pass it to", "the password to the vault"
      // With only a blank after it, "pass" needs a user name before ("user bob / pass X": a bare "pass X" is the
      // verb), and the other cues a value of a strong shape ("ssid HomeNet, pw Xk9#mQ2!vL").
      if (sep.strength === 'weak' && !assigning && (weakCue || !v.quoted) && !userNameBefore(prefix)) {
        if (cue.word === 'pass' || !strongShape(text.slice(v.start, v.end))) continue;
      }
      const ctx: Context = {
        weakCue,
        strength: assigning ? 'strong' : sep.strength,
        stated: firstPerson || assigning,
        quoted: v.quoted,
        after: v.end < text.length ? text.charCodeAt(v.end) : 0,
      };
      const score = judge(text.slice(v.start, v.end), ctx);
      next = v.end;
      if (score > 0) out.push({ start: v.start, end: v.end, score });
    }
    return out;
  },
};

/**
 * A value that reads as a password with nothing but a blank before it ("password Xk9#mQ2!vL"): letters with one of
 * the symbols password rules ask for, or lower case, upper case and digits in one run. Hyphenated terms and units
 * (2FA-enabled, 10W-20W) are neither.
 */
function strongShape(value: string): boolean {
  const cls = charClasses(value);
  if (!(cls.lower || cls.upper) || isNameLike(value)) return false;
  if (/[!@#$%^&*+=?~]/.test(value)) return true;
  return cls.lower && cls.upper && cls.digit && !/[-_./:]/.test(value);
}
