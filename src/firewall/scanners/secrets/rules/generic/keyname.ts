/**
 * Decides whether an identifier names a credential (DB_PASSWORD, apiKey, client_secret) and of which kind, from
 * its words: split on separators and camelCase, lowercased.
 */

export type KeyKind = 'password' | 'secret';

export interface KeyName {
  kind: KeyKind;
  words: readonly string[];
  /** The last word is itself a credential noun (…_TOKEN, …Password), not a qualifier after it. */
  strongTail: boolean;
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode', 'pswd', 'passwort']);
const SECRET_WORDS = new Set([
  'secret', 'token', 'apikey', 'credential', 'credentials', 'creds', 'cred', 'privatekey', 'secretkey', 'accesskey',
  'authtoken', 'accesstoken', 'refreshtoken', 'bearer', 'clientsecret', 'apisecret', 'apitoken', 'authkey',
  'masterkey', 'signingkey', 'encryptionkey', 'licensekey', 'appkey', 'appsecret', 'sessionkey', 'hmackey',
  'webhooksecret', 'bottoken',
]);
/** Credential nouns that only count as the last word: "db_pass", "aws_key", but not "key_down_event". */
const TAIL_WORDS = new Set(['key', 'auth', 'pass', 'pw', 'pat']);
/** Words that make "key" before them a credential: api_key_prod, secret_key_base. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'auth', 'app', 'master', 'client', 'encryption', 'signing', 'license',
  'account', 'service', 'shared', 'admin', 'root', 'session', 'hmac', 'webhook', 'subscription', 'storage',
]);
const COMPOUND_ENDINGS = [
  'password', 'passwd', 'passphrase', 'token', 'secret', 'apikey', 'secretkey', 'accesskey', 'privatekey',
];

/** Any of these words means the identifier is about something else. */
const DENY_ANY = new Set([
  'public', 'pub', 'publishable', 'primary', 'foreign', 'sort', 'partition', 'unique', 'hotkey', 'keyboard',
  'keyframe', 'keyframes', 'keypress', 'keydown', 'keyup', 'keycode', 'keystroke', 'keystore', 'keytab', 'keymap',
  'keyword', 'keywords', 'keyspace', 'keychain', 'monkey', 'donkey', 'turkey', 'hockey', 'whiskey', 'jockey',
  'tokenizer', 'tokenize', 'tokenized', 'tokens', 'csrf', 'xsrf', 'bypass', 'compass', 'surpass', 'passage',
  'passenger', 'passive', 'passthrough', 'passthru', 'overpass', 'trespass', 'passport', 'author', 'authority',
  'authors', 'authenticity', 'jsonwebtoken', 'bucket', 'cache', 'idempotency', 'dedup', 'lookup', 'composite',
  'max', 'min', 'mock', 'fake', 'example', 'sample', 'dummy', 'placeholder', 'keys', 'secrets', 'passwords', 'nonce', 'sitekey',
  'publishablekey', 'publickey', 'websocket', 'socket',
]);
/** A last word that makes the identifier name metadata about the credential, not the credential itself. */
const DENY_TAIL = new Set([
  'id', 'ids', 'name', 'names', 'url', 'uri', 'urls', 'endpoint', 'endpoints', 'host', 'hostname', 'domain', 'port',
  'path', 'paths', 'file', 'files', 'filename', 'filepath', 'dir', 'directory', 'folder', 'length', 'len', 'size',
  'count', 'type', 'types', 'format', 'field', 'fields', 'prefix', 'suffix', 'header', 'headers', 'param', 'params',
  'parameter', 'policy', 'mode', 'version', 'expiry', 'expires', 'expiration', 'expire', 'expiresin', 'ttl',
  'timeout', 'lifetime', 'ref', 'reference', 'label', 'description', 'desc', 'hint', 'provider', 'store', 'manager',
  'arn', 'region', 'algorithm', 'alg', 'algo', 'enabled', 'enable', 'disabled', 'required', 'pattern', 'regex',
  'hash', 'hashed', 'digest', 'env', 'var', 'variable', 'template', 'index', 'idx', 'column', 'col', 'style',
  'class', 'mapping', 'map', 'spec', 'schema', 'kind', 'usage', 'location', 'source', 'src', 'event', 'events',
  'handler', 'listener', 'callback', 'fn', 'func', 'function', 'method', 'changed', 'change', 'reset', 'input',
  'text', 'message', 'msg', 'error', 'err', 'prompt', 'rotation', 'strength', 'limit', 'attempts', 'retries',
  'generator', 'validator', 'validation', 'visible', 'visibility', 'show', 'toggle', 'created', 'updated', 'at',
  'date', 'time', 'timestamp', 'rules', 'rule', 'requirements', 'encoder', 'encoding', 'selector', 'item', 'items',
  'list', 'entry', 'dict', 'table', 'level', 'status', 'state', 'flag', 'bits', 'bytes', 'block', 'offset', 'valid',
  'check', 'chars', 'charset', 'str', 'pair', 'pairs', 'set', 'service', 'server', 'user', 'username', 'login',
  'email', 'account', 'owner', 'issuer', 'audience', 'scope', 'scopes', 'grant', 'request', 'response', 'result',
  'nr', 'no', 'num', 'number',
]);

/** Splits an identifier into lowercase words: AWS_SECRET_ACCESS_KEY, apiKey, X-Api-Key, db.password, HTTPAuth. */
export function splitWords(ident: string): string[] {
  const words: string[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur.length > 0) words.push(cur.toLowerCase());
    cur = '';
  };
  for (let i = 0; i < ident.length; i++) {
    const c = ident.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit) {
      flush();
      continue;
    }
    if (upper && cur.length > 0) {
      const prev = ident.charCodeAt(i - 1);
      const prevLower = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const next = ident.charCodeAt(i + 1);
      const nextLower = next >= 97 && next <= 122;
      const prevUpper = prev >= 65 && prev <= 90;
      if (prevLower || (prevUpper && nextLower)) flush();
    }
    cur += ident[i];
  }
  flush();
  return words;
}

function wordKind(w: string): KeyKind | undefined {
  if (PASSWORD_WORDS.has(w)) return 'password';
  if (SECRET_WORDS.has(w)) return 'secret';
  for (const e of COMPOUND_ENDINGS) {
    if (w.length > e.length && w.endsWith(e)) return e.startsWith('pass') ? 'password' : 'secret';
  }
  return undefined;
}

export function classifyKeyName(ident: string): KeyName | undefined {
  const words = splitWords(ident);
  const n = words.length;
  if (n === 0 || n > 10) return undefined;
  let kind: KeyKind | undefined;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (DENY_ANY.has(w)) return undefined;
    const k = wordKind(w) ?? (TAIL_WORDS.has(w) && isTailPosition(words, i) ? tailKind(w) : undefined);
    if (k === 'password' || (k === 'secret' && kind === undefined)) kind = k;
    if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!) && kind === undefined) kind = 'secret';
  }
  if (kind === undefined) return undefined;
  const last = words[n - 1]!;
  if (DENY_TAIL.has(last)) return undefined;
  const strongTail = wordKind(last) !== undefined || (TAIL_WORDS.has(last) && last !== 'pw');
  return { kind, words, strongTail };
}

function tailKind(w: string): KeyKind {
  return w === 'pass' || w === 'pw' ? 'password' : 'secret';
}

/** The word is last, or only numbers and environment qualifiers follow it (API_KEY_PROD, token_2). */
function isTailPosition(words: readonly string[], i: number): boolean {
  for (let j = i + 1; j < words.length; j++) {
    if (!/^(?:\d+|prod|production|dev|development|staging|stage|test|live|local|v\d+|old|new|main|backup)$/.test(words[j]!)) {
      return false;
    }
  }
  return true;
}
