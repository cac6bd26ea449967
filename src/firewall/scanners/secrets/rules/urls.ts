import { isPlaceholder } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';

const DB_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'clickhouse', 'cockroachdb', 'neo4j', 'neo4j+s', 'bolt', 'couchdb', 'cassandra',
  'memcached', 'influxdb', 'elasticsearch', 'kafka', 'nats', 'ldap', 'ldaps', 'snowflake', 'db2', 'jdbc',
]);

/** user:password@ right after "://"; the password stops at characters that cannot appear unescaped in userinfo. */
const USERINFO = /([^\s:/?#@"'`<>\\[\]{}()]{1,128}):([^\s/?#@"'`<>\\]{1,256})@(?=[A-Za-z0-9[._-])/y;

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
      USERINFO.lastIndex = hit + 3;
      const m = USERINFO.exec(text);
      if (m === null) continue;
      const user = m[1]!;
      const password = m[2]!;
      if (password.length < 4 || /^\d{1,5}$/.test(password)) continue; // host:port@ — not a password
      if (isPlaceholder(password) || /^\$|^%|^\{/.test(password)) continue;
      if (password === user || /passw(?:or)?d/i.test(password)) continue; // postgres:postgres@, user:mypassword@
      if (/^(?:user(?:name)?|login|name|\$.*|<.*>|\{.*\})$/i.test(user) && password.length < 6) continue;
      const scheme = schemeBefore(text, hit);
      if (scheme.length === 0) continue;
      const start = hit + 3 + user.length + 1;
      const type = DB_SCHEMES.has(scheme.replace(/^jdbc:/, '')) ? 'database-url-password' : 'basic-auth-url';
      out.push({ start, end: start + password.length, score: type === 'database-url-password' ? 0.9 : 0.8, type });
    }
    return out;
  },
};
