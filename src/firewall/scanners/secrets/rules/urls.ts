import { shannonEntropy } from '../entropy.js';
import { isPlaceholder, startsWithReference } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';

const DB_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'clickhouse', 'cockroachdb', 'neo4j', 'neo4j+s', 'bolt', 'couchdb', 'cassandra',
  'memcached', 'influxdb', 'elasticsearch', 'kafka', 'nats', 'ldap', 'ldaps', 'snowflake', 'db2', 'jdbc',
]);

/** Longest authority ([user[:password]@]host[:port]) read after "://". */
const MAX_AUTHORITY = 400;

/**
 * Characters that end a URL's authority as people paste it: blanks, "/", "?", quotes, markup and escapes. "#" and
 * "@" do not: unencoded, they are characters of the password (postgres://user:p@ss#word@host).
 */
function endsAuthority(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 63 || c === 34 || c === 39 || c === 96 ||
    c === 60 || c === 62 || c === 92 || Number.isNaN(c)
  );
}

function startsHost(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 91 || c === 46 || c === 95 || c === 45;
}

interface Userinfo {
  user: string;
  /** Start of the password in the text. */
  start: number;
  end: number;
}

/**
 * [user]:password@ right after "://" (redis://:password@ has no user). The host starts after the last "@" of the
 * authority, the user name ends at its first ":", and the password is everything between, so an unencoded "@" or
 * "#" stays inside it (mongodb+srv://svc:R1@Tb*q@cluster0…).
 */
function userinfoAt(text: string, from: number): Userinfo | undefined {
  const limit = Math.min(text.length, from + MAX_AUTHORITY);
  let at = -1;
  let colon = -1;
  let j = from;
  for (; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (endsAuthority(c)) break;
    if (c === 64) at = j;
    else if (c === 58 && colon === -1) colon = j;
  }
  if (j === limit && j < text.length) return undefined; // too long for an authority
  if (at === -1 || colon === -1 || colon > at || !startsHost(text.charCodeAt(at + 1))) return undefined;
  const user = text.slice(from, colon);
  if (user.length > 128 || /[\s[\]{}()]/.test(user)) return undefined;
  return { user, start: colon + 1, end: at };
}

function schemeBefore(text: string, colon: number): string {
  let i = colon;
  while (i > 0 && colon - i < 24) {
    const c = text.charCodeAt(i - 1);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
    if (!ok) break;
    i--;
  }
  return text.slice(i, colon).toLowerCase();
}

/**
 * The password of a user:password pair is real unless it is a port, a placeholder, a template or a default that
 * repeats the user name (postgres:postgres, admin:admin, guest:guest).
 */
function userinfoPasswordLooksReal(user: string, password: string): boolean {
  if (password.length < 4 || /^\d{1,5}$/.test(password)) return false; // host:port@ — not a password
  if (isPlaceholder(password) || startsWithReference(password) || password.charCodeAt(0) === 123) return false;
  if (password === user || /passw(?:or)?d/i.test(password)) return false; // postgres:postgres@, user:mypassword@
  return !(/^(?:user(?:name)?|login|name|\$.*|<.*>|\{.*\})$/i.test(user) && password.length < 6);
}

/**
 * Credentials inside URLs: database connection strings (postgres://user:pass@host) and basic-auth URLs
 * (https://user:pass@host). Only the password is reported, so redaction keeps the rest of the URL readable.
 */
export const urlCredentialRule: SecretRule = {
  id: 'basic-auth-url',
  types: ['database-url-password', 'basic-auth-url'],
  keywords: ['://'],
  priority: 2,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    for (const hit of hits) {
      const u = userinfoAt(text, hit + 3);
      if (u === undefined || !userinfoPasswordLooksReal(u.user, text.slice(u.start, u.end))) continue;
      const scheme = schemeBefore(text, hit);
      if (scheme.length === 0) continue;
      const type = DB_SCHEMES.has(scheme.replace(/^jdbc:/, '')) ? 'database-url-password' : 'basic-auth-url';
      out.push({ start: u.start, end: u.end, score: type === 'database-url-password' ? 0.9 : 0.8, type });
    }
    return out;
  },
};

/** Characters that end a DSN read backwards from its "@": blanks, quotes and markup. */
function endsDsn(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62;
}

/** What follows the "@" of a Go MySQL DSN: tcp(host:port)/db or unix(/path/mysql.sock)/db. */
const DSN_ADDRESS = /@(?:tcp6?|unix)\([^()\s"'`]{0,255}\)\//y;

/**
 * Go MySQL driver DSNs, which have no scheme: user:password@tcp(host:3306)/db?parseTime=true,
 * user:password@unix(/tmp/mysql.sock)/db. The userinfo is read backwards from the "@"; the user name ends at the
 * first ":" (the driver splits there too), the password may hold ":", "@" or "=".
 */
export const goDsnRule: SecretRule = {
  id: 'database-dsn-password',
  types: ['database-url-password'],
  keywords: ['@tcp(', '@tcp6(', '@unix('],
  priority: 2,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    for (const hit of hits) {
      DSN_ADDRESS.lastIndex = hit;
      if (!DSN_ADDRESS.test(text)) continue;
      let s = hit;
      while (s > 0 && hit - s < 300 && !endsDsn(text.charCodeAt(s - 1))) s--;
      const userinfo = text.slice(s, hit);
      const colon = userinfo.indexOf(':');
      if (colon <= 0) continue;
      // DSN=app:pw@tcp(…), --dsn=app:pw@…: the user starts after the last "=" before the colon.
      const user = userinfo.slice(userinfo.lastIndexOf('=', colon) + 1, colon);
      const password = userinfo.slice(colon + 1);
      if (user.length === 0 || !userinfoPasswordLooksReal(user, password)) continue;
      out.push({ start: s + colon + 1, end: hit, score: 0.9, type: 'database-url-password' });
    }
    return out;
  },
};

/** Query parameters that carry a URL's signature: sig (Azure SAS), Signature (CloudFront), X-Amz-Signature… */
function isSignatureParam(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'sig' || n === 'signature' || n.endsWith('-signature') || n.endsWith('_signature');
}

const SIGNATURE_VALUE = /[A-Za-z0-9%+/_~.=-]{16,1024}(?![A-Za-z0-9%+/_~.=-])/y;

/**
 * Pre-signed URLs (S3 and GCS X-…-Signature, CloudFront Signature, SAS sig, OAuth 1 oauth_signature) grant access
 * to whoever holds them until they expire: the signature is reported. Only as a query parameter (after ? & or ;),
 * and only a high-entropy value.
 */
export const urlSignatureRule: SecretRule = {
  id: 'url-signature',
  keywords: ['sig=', 'signature='],
  priority: 1,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let lastEnd = -1;
    for (const hit of hits) {
      const eq = text.charCodeAt(hit + 3) === 61 ? hit + 3 : hit + 9;
      let s = hit;
      while (s > 0 && hit - s < 40 && /[A-Za-z0-9_-]/.test(text[s - 1]!)) s--;
      const before = text.charCodeAt(s - 1);
      if (before !== 63 && before !== 38 && before !== 59) continue; // ? & ;
      if (!isSignatureParam(text.slice(s, eq)) || eq + 1 < lastEnd) continue;
      SIGNATURE_VALUE.lastIndex = eq + 1;
      const m = SIGNATURE_VALUE.exec(text);
      if (m === null) continue;
      const value = m[0];
      const hex = /^[0-9a-fA-F]+$/.test(value);
      const h = shannonEntropy(value);
      if (isPlaceholder(value) || h < (hex ? 3.2 : 3.8) || (hex && value.length < 32)) continue;
      out.push({ start: eq + 1, end: eq + 1 + value.length, score: 0.8 });
      lastEnd = eq + 1 + value.length;
    }
    return out;
  },
};

/** Keys of the pairs around a password that make a key=value;… string a connection string. */
const CONNECTION_KEYS = new Set([
  'server', 'data source', 'datasource', 'host', 'hostname', 'address', 'addr', 'network address', 'database',
  'databasename', 'initial catalog', 'dbname', 'uid', 'user id', 'userid', 'user', 'username', 'user name', 'dsn',
  'driver', 'provider', 'port',
]);
const USER_KEYS = new Set(['uid', 'user id', 'userid', 'user', 'username', 'user name']);

interface Pair {
  key: string;
  value: string;
}

function isPairChar(c: number): boolean {
  return c !== 59 && c !== 38 && c !== 63 && c !== 10 && c !== 13 && c !== 34 && c !== 39 && !Number.isNaN(c);
}

/** The key=value pair that ends right before `end` (a ";" "&" or "?" separator), read backwards. */
function pairBefore(text: string, end: number): Pair | undefined {
  let s = end;
  while (s > 0 && end - s < 96 && isPairChar(text.charCodeAt(s - 1))) s--;
  const pair = text.slice(s, end);
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  return { key: pair.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' '), value: pair.slice(eq + 1).trim() };
}

/** The key=value pair that starts at `start`, right after a separator. */
function pairAfter(text: string, start: number): Pair | undefined {
  let e = start;
  while (e < text.length && e - start < 96 && isPairChar(text.charCodeAt(e))) e++;
  const pair = text.slice(start, e);
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  return { key: pair.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' '), value: pair.slice(eq + 1).trim() };
}

const CONNECTION_PASSWORD = /(?:password|pwd)\s{0,3}=\s{0,3}(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|\{([^{}\r\n]{1,256})\}|([^\s;&"'{][^\s;&"']{0,255}))(?=$|[\s;&"'])/diy;
/** The same in a ";"-separated string (ADO.NET, ODBC), where "&" is a character of the password, not a separator. */
const CONNECTION_PASSWORD_SEMICOLON = /(?:password|pwd)\s{0,3}=\s{0,3}(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|\{([^{}\r\n]{1,256})\}|([^\s;"'{][^\s;"']{0,255}))(?=$|[\s;"'])/diy;

/**
 * Password=… inside ADO.NET, ODBC and JDBC connection strings (Server=…;User Id=sa;Password=…;,
 * jdbc:…?user=app&password=…). The keyword rule already finds strong values there; in a connection string even a
 * weak-looking one (Welcome1) is a password, so it is enough that a neighbouring pair names a server, database
 * or user.
 */
/** A "&key=" of a connection pair follows the password that starts at `hit`. */
function ampersandPairFollows(text: string, hit: number): boolean {
  CONNECTION_PASSWORD.lastIndex = hit;
  const m = CONNECTION_PASSWORD.exec(text);
  if (m === null || text.charCodeAt(m.index + m[0].length) !== 38) return false;
  const next = pairAfter(text, m.index + m[0].length + 1);
  return next !== undefined && CONNECTION_KEYS.has(next.key);
}

export const connectionStringPasswordRule: SecretRule = {
  id: 'connection-string-password',
  keywords: ['password=', 'pwd=', 'password =', 'pwd ='],
  priority: 1,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    for (const hit of hits) {
      let b = hit;
      while (b > 0 && hit - b < 4 && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
      const sep = text.charCodeAt(b - 1);
      const first = b === 0 || sep === 34 || sep === 39 || sep === 10;
      if (!first && sep !== 59 && sep !== 38 && sep !== 63) continue; // ; & ?
      // After "&" or "?" the pairs are a query string; after ";" or at the start, "&" only separates when a known
      // pair follows it (password=…&user=app).
      const ampersandSeparates = sep === 38 || sep === 63 || (first && ampersandPairFollows(text, hit));
      const pattern = ampersandSeparates ? CONNECTION_PASSWORD : CONNECTION_PASSWORD_SEMICOLON;
      pattern.lastIndex = hit;
      const m = pattern.exec(text);
      if (m === null) continue;
      const group = [1, 2, 3, 4].find((g) => m[g] !== undefined)!;
      const [start, end] = m.indices![group]!;
      const after = end + (group === 4 ? 0 : 1);
      const neighbours = [
        first ? undefined : pairBefore(text, b - 1),
        text.charCodeAt(after) === 59 || text.charCodeAt(after) === 38 ? pairAfter(text, after + 1) : undefined,
      ].filter((p): p is Pair => p !== undefined && CONNECTION_KEYS.has(p.key));
      if (neighbours.length === 0) continue;
      const user = neighbours.find((p) => USER_KEYS.has(p.key))?.value ?? '';
      if (!userinfoPasswordLooksReal(user, text.slice(start, end))) continue;
      out.push({ start, end, score: 0.85 });
    }
    return out;
  },
};
