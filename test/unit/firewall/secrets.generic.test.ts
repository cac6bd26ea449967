import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const secretsOf = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

const token = random(ALNUM, 32, 1);
const uuid = [8, 4, 4, 4, 12].map((n, i) => random('0123456789abcdef', n, 20 + i)).join('-');
const password = random(ALNUM, 10, 2) + '!#' + random(ALNUM, 4, 3);

describe('secrets scanner: keyword assignments', () => {
  it.each([
    ['env', `STRIPE_SECRET=${token}`],
    ['export', `export SERVICE_API_KEY="${token}"`],
    ['ini', `api_key = ${token}`],
    ['yaml', `auth:\n  token: ${token}\n`],
    ['yaml quoted', `client_secret: '${token}'`],
    ['json', `{"name": "svc", "apiKey": "${token}"}`],
    ['json in a string', `"{\\"access_token\\":\\"${token}\\"}"`],
    ['python kwarg', `client = Client(api_key="${token}", timeout=3)`],
    ['go', `secretKey := "${token}"`],
    ['makefile', `AUTH_TOKEN ?= ${token}`],
    ['php array', `$config['secret'] = '${token}';`],
    ['php arrow', `'credentials' => "${token}",`],
    ['cli flag', `deploy --token ${token} --verbose`],
    ['http header', `X-Api-Key: ${token}`],
    ['query string', `GET /v1/items?access_token=${token}&page=2`],
    ['comparison', `if (token == "${token}") {`],
    ['yoda comparison', `if ("${token}" === apiKey) {`],
    ['negated yoda comparison', `if ("${token}" != secret) {`],
  ])('finds %s', (_form, text) => {
    expect(secretsOf(text)).toEqual([token]);
  });

  it.each([
    ['env', `DB_PASSWORD=${password}`],
    ['yaml', `password: "${password}"`],
    ['xml element', `<password>${password}</password>`],
    ['nuget attribute', `<add key="ClearTextPassword" value="${password}" />`],
    ['prose', `my email password is: ${password}`],
    ['passphrase with spaces', `passphrase = "${random('abcdefghij', 6, 4)} horse ${random('klmnop', 7, 5)} staple"`],
  ])('finds passwords: %s', (_form, text) => {
    expect(types(text)).toEqual(['generic-password']);
  });

  it('finds a long opaque token (a service-account token runs to ~1 KB), whole', () => {
    const long = [random(ALNUM, 90, 31), random(ALNUM + '_-', 400, 32), random(ALNUM + '_-', 342, 33)].join('.');
    const kubeconfig = `users:\n- name: ci-deployer\n  user:\n    token: ${long}\n`;
    expect(secretsOf(kubeconfig)).toEqual([long]);
  });

  it('finds the seed example', () => {
    const text = 'AWS_KEY=' + 'AKIA' + '1234567890';
    expect(secretsOf(text)).toEqual(['AKIA1234567890']);
  });

  it('reports the value span, not the key name', () => {
    const text = `  "refresh_token": "${token}",`;
    const [f] = scanner.scan(text);
    expect(f).toMatchObject({ type: 'generic-secret', start: text.indexOf(token), end: text.indexOf(token) + 32 });
  });
});

describe('secrets scanner: placeholders and non-secrets are not flagged', () => {
  it.each([
    'API_KEY=EXAMPLE' + random('ABCDEFGHJK', 12, 6),
    'api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"',
    'token: <your-token>',
    'token: "<YOUR_API_TOKEN>"',
    'SECRET_KEY=${SECRET_KEY}',
    'password: {{ .Values.password }}',
    'password: "{{ db_password }}"',
    'api_key = process.env.API_KEY',
    'api_key = os.environ["API_KEY"]',
    "token = os.getenv('TOKEN')",
    'PASSWORD=changeme',
    'password = "password"',
    'password: ********',
    'client_secret = "0123456789abcdefghij"',
    'secret = "abcdefghijklmnopqrstuvwxyz"',
    'api_key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
    'api_key: "1111111111111111"',
    'token = "qwertyuiopasdfghjkl"',
    `clientId = "${uuid}"`,
    `credentialsId: "${uuid}"`,
    'password = var.db_password',
    'token = getToken()',
    'token = ACCESS_TOKEN',
    'password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]',
    'secret: your_secret_here',
    'api_key = ""',
    'max_tokens: 4096',
    'public_key = "' + random(ALNUM, 40, 7) + '"',
    'primaryKey=' + random(ALNUM, 30, 8),
    'password_hash = "' + random(ALNUM, 32, 9) + '"',
    'token_url = "https://auth.example.com/oauth/token"',
    'key_file = "/etc/ssl/private/server.key"',
    'keyboard = "' + random(ALNUM, 20, 10) + '"',
    'csrf-token=' + random(ALNUM, 40, 11),
    'version = "1.2.3"',
    'secret_length = 32',
    'DATABASE_URL=mysql://app:<password>@db:3306/app',
    'dsn: "app:<password>@tcp(db:3306)/app"',
  ])('%s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it.each([
    'function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number)',
    "export declare const isArrowToken: IsPunctuatorTokenWithValueFunction<'=>'>;",
    'type ArrowToken = ArrowToken$1;',
    'isArrowToken(token: CommentOrToken): token is ArrowToken$1;',
    'result[key] = lowerCaseHeadersSchema(value, true)',
    'const pass = !this.result.issues || this.result.issues.length === 0',
    'const buildKey = nextBuildKey++;',
    'const token = existing?.["access_token"]',
    'apiKey: `key-${i}-secret`,',
    "paths: ['password', 'user.secret'],",
    'For simple continuation, you can pass `previous_response_id` instead.',
    "headers: { authorization: 'Bearer secret-token' }",
    'Authorization: Basic ' + Buffer.from('username:password').toString('base64'),
    "const ssrDynamicImportKey = '__vite_ssr_dynamic_import__';",
    'Access-Control-Allow-Credentials: true',
  ])('code: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it('ignores the WebSocket handshake key', () => {
    expect(types(`Sec-WebSocket-Key: ${Buffer.from(random(ALNUM, 16, 12)).toString('base64')}`)).toEqual([]);
  });

  it('leaves ordinary prose alone, even with credential words', () => {
    const prose =
      'The key to a good password policy is length. Our token budget is small, so keep the secret sauce short. ' +
      'Authentication: we pass the request to the auth service. Credentials are rotated monthly by the team.';
    expect(types(prose)).toEqual([]);
  });
});
