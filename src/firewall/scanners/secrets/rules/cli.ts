import { charClasses, classCount } from '../entropy.js';
import { hasExpansion, isPlaceholder } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';

/**
 * Passwords given on a command line: mysql -pS3cr3t, sshpass -p 'x' ssh …, docker login -p x, sqlcmd -P x,
 * redis-cli -a x. The flag alone says nothing (mkdir -p, ssh -p 2222, docker run -p 8080:80, grep -P), so it only
 * counts after a command known to take a password with it, within the same shell command (not across |, ;, &&).
 */

interface PasswordFlag {
  /** The flag letter, case-sensitive: mysql's -P is the port, sqlcmd's -P the password. */
  letter: string;
  /** -pVALUE */
  attached: boolean;
  /** -p VALUE (for mysql the next word is the database: "mysql -p shop" prompts for the password). */
  separated: boolean;
}

interface CommandSpec {
  flags: readonly PasswordFlag[];
  /** The flag only means a password after this subcommand: docker login -p, not docker run -p. */
  subcommand?: string;
}

const attachedOnly = (letter: string): CommandSpec => ({ flags: [{ letter, attached: true, separated: false }] });
const either = (letter: string, subcommand?: string): CommandSpec => ({
  flags: [{ letter, attached: true, separated: true }],
  subcommand,
});

const MYSQL = attachedOnly('p');
const MONGO = either('p');
const REGISTRY_LOGIN = either('p', 'login');
const SQLSERVER = either('P');
const LDAP = either('w');
const ZIP = either('P');
const ARCHIVER = attachedOnly('p');

const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map([
  ...[
    'mysql', 'mysqldump', 'mysqladmin', 'mysqlimport', 'mysqlcheck', 'mysqlshow', 'mysqlpump', 'mysqlbinlog',
    'mysqlslap', 'mysqlsh', 'mariadb', 'mariadb-dump', 'mariadb-admin', 'mariadb-import', 'mariadb-check',
    'mariadb-show', 'mariadb-binlog', 'mariadb-slap',
  ].map((c): [string, CommandSpec] => [c, MYSQL]),
  ...['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'mongostat', 'mongotop', 'mongofiles']
    .map((c): [string, CommandSpec] => [c, MONGO]),
  ...['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'helm', 'oras'].map((c): [string, CommandSpec] => [c, REGISTRY_LOGIN]),
  ...['sqlcmd', 'bcp', 'osql'].map((c): [string, CommandSpec] => [c, SQLSERVER]),
  ...['ldapsearch', 'ldapadd', 'ldapmodify', 'ldapdelete', 'ldapwhoami', 'ldappasswd', 'ldapcompare', 'ldapmodrdn']
    .map((c): [string, CommandSpec] => [c, LDAP]),
  ...['zip', 'unzip', 'zipcloak'].map((c): [string, CommandSpec] => [c, ZIP]),
  ...['7z', '7za', '7zz', '7zr', 'rar', 'unrar'].map((c): [string, CommandSpec] => [c, ARCHIVER]),
  ['sshpass', either('p')],
  ['redis-cli', { flags: [{ letter: 'a', attached: false, separated: true }] }],
]);

const LONGEST_COMMAND = Math.max(...[...COMMANDS.keys()].map((c) => c.length)) + 4; // + ".exe"

/** A flag is a blank or the quote opening an argv element ("-pX" in a JSON array), a dash and the letter. */
const KEYWORDS = [' -p', '"-p', "'-p", ' -a', '"-a', "'-a", ' -w', '"-w', "'-w"];

/** How far back the command may stand from its flag. */
const LOOKBACK = 512;
const MAX_VALUE = 128;

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 95 || c === 46 || c === 45 || c === 47 || c === 92 || c === 43
  );
}

/** Characters that end one shell command and start another: ; | & ` ( ) and a line end without a backslash. */
function isCommandBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 10) {
    let j = i - 1;
    if (text.charCodeAt(j) === 13) j--;
    return text.charCodeAt(j) !== 92;
  }
  return c === 59 || c === 124 || c === 38 || c === 96 || c === 40 || c === 41;
}

/** The command whose arguments are being read, as the text is folded in from left to right. */
interface CommandState {
  spec: CommandSpec | undefined;
  /** The subcommand the spec needs was seen (always true when it needs none). */
  ready: boolean;
}

function onWord(text: string, s: number, e: number, state: CommandState): void {
  if (e - s > 200) return;
  let base = s;
  for (let i = e - 1; i >= s; i--) {
    const c = text.charCodeAt(i);
    if (c === 47 || c === 92) {
      base = i + 1; // /usr/bin/mysql, C:\tools\mysql.exe
      break;
    }
  }
  if (e - base > LONGEST_COMMAND) return;
  let word = text.slice(base, e).toLowerCase();
  if (word.endsWith('.exe')) word = word.slice(0, -4);
  const spec = COMMANDS.get(word);
  if (spec !== undefined) {
    state.spec = spec;
    state.ready = spec.subcommand === undefined;
  } else if (state.spec?.subcommand === word) {
    state.ready = true;
  }
}

/** Reads text[from, to) into the state: command words set it, command breaks clear it. */
function fold(text: string, from: number, to: number, state: CommandState): void {
  let i = from;
  while (i < to) {
    if (isWordChar(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < to && isWordChar(text.charCodeAt(j))) j++;
      onWord(text, i, j, state);
      i = j;
      continue;
    }
    if (isCommandBreak(text, i)) {
      state.spec = undefined;
      state.ready = false;
    }
    i++;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** End of an unquoted shell word: blanks, line ends, quotes, and the characters that end a command. */
function endsWord(c: number): boolean {
  return (
    isBlank(c) || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 59 || c === 124 || c === 38 ||
    c === 41 || c === 60 || c === 62 || Number.isNaN(c)
  );
}

interface Value {
  start: number;
  end: number;
  /** The quote around the value, or 0. */
  quote: number;
}

function readValue(text: string, p: number): Value | undefined {
  const q = text.charCodeAt(p);
  if (q === 34 || q === 39) {
    const limit = Math.min(text.length, p + 1 + MAX_VALUE + 1);
    for (let j = p + 1; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === q) return { start: p + 1, end: j, quote: q };
      if (c === 10 || c === 13) return undefined;
    }
    return undefined;
  }
  const limit = Math.min(text.length, p + MAX_VALUE + 1);
  let j = p;
  while (j < limit && !endsWord(text.charCodeAt(j))) j++;
  if (j === limit && j < text.length) return undefined; // too long for a password
  return j > p ? { start: p, end: j, quote: 0 } : undefined;
}

/** Port numbers and mappings (-p 8080:80, -p127.0.0.1:5432:5432/tcp), never passwords. */
const PORT_LIKE = /^[\d.:/-]+(?:\/(?:tcp|udp|sctp))?$/i;

function looksLikePassword(value: string, quote: number, separated: boolean): boolean {
  if (value.length < 4 || PORT_LIKE.test(value)) return false;
  if (isPlaceholder(value) || /passw|assword/i.test(value)) return false;
  // $VAR, ${VAR}, $(cmd), $$VAR (compose files) are expanded by the shell unless single-quoted; a "$" inside a
  // password (-a VPIH802IfWnk$o*) is only a character of it.
  if (quote !== 39 && hasExpansion(value)) return false;
  // -prefix, -print, -preserve after a mysql on the line: a short lowercase word is an option name, not a password.
  if (quote === 0 && value.length < 10 && /^[a-z]+$/.test(value)) return false;
  if (separated) {
    // "sshpass -p with your password": a separate argument must read as more than a word.
    if (value.charCodeAt(0) === 45) return false; // the next flag
    if (quote === 0 && classCount(charClasses(value)) < 2) return false;
  }
  return true;
}

/** The password after the flag at `hit` (which is the blank or quote before the dash), if the command takes one. */
function flagValue(text: string, hit: number, spec: CommandSpec): RawMatch | undefined {
  const letter = text[hit + 2];
  const flag = spec.flags.find((f) => f.letter === letter);
  if (flag === undefined) return undefined;
  const argQuote = text.charCodeAt(hit) === 32 ? 0 : text.charCodeAt(hit);
  let p = hit + 3;
  const next = text.charCodeAt(p);
  const endOfArg = isBlank(next) || (argQuote !== 0 && next === argQuote);
  let value: Value | undefined;
  if (!endOfArg) {
    if (!flag.attached || (endsWord(next) && next !== 34 && next !== 39)) return undefined;
    value = readValue(text, p);
    if (value !== undefined && argQuote !== 0 && value.quote === 0) {
      // "-pS3cr3t" inside an argv array: the value ends at the element's closing quote.
      if (text.charCodeAt(value.end) !== argQuote) return undefined;
    }
  } else {
    if (!flag.separated) return undefined;
    if (argQuote !== 0) {
      p++; // "-p", "S3cr3t"
      if (text.charCodeAt(p) === 44) p++;
    }
    const stop = p + 8;
    while (p < stop && isBlank(text.charCodeAt(p))) p++;
    value = readValue(text, p);
  }
  if (value === undefined) return undefined;
  const secret = text.slice(value.start, value.end);
  if (!looksLikePassword(secret, value.quote, endOfArg)) return undefined;
  return { start: value.start, end: value.end, score: 0.85 };
}

export const cliPasswordRule: SecretRule = {
  id: 'cli-password',
  keywords: KEYWORDS,
  priority: 1,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    const state: CommandState = { spec: undefined, ready: false };
    // Text before `folded` is already in the state, so each character is read once however many flags there are.
    let folded = 0;
    let lastEnd = -1;
    for (const hit of hits) {
      if (hit < lastEnd) continue;
      const from = Math.max(folded, hit - LOOKBACK);
      if (from > folded) {
        state.spec = undefined; // the command, if any, is out of reach
        state.ready = false;
      }
      fold(text, from, hit, state);
      folded = hit;
      if (state.spec === undefined || !state.ready) continue;
      const m = flagValue(text, hit, state.spec);
      if (m !== undefined) {
        out.push(m);
        lastEnd = m.end;
      }
    }
    return out;
  },
};
