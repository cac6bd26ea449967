import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const B64 = `${ALNUM}+/`;

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const pemBody = (lines: number, seed: number): string =>
  Array.from({ length: lines }, (_, i) => random(B64, 64, seed + i)).join('\n');

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const secretsOf = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('secrets scanner: private keys', () => {
  it.each(['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED '])('finds %sPRIVATE KEY blocks, BEGIN to END', (kind) => {
    const block = `-----BEGIN ${kind}PRIVATE KEY-----\n${pemBody(8, 1)}\n-----END ${kind}PRIVATE KEY-----`;
    const text = `here is my key:\n${block}\nthanks`;
    expect(secretsOf(text)).toEqual([block]);
  });

  it('finds a key whose paste was cut before the END line', () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(5, 2)}`;
    expect(types(text)).toEqual(['private-key']);
  });

  it('ignores headers without a body, placeholders and public keys', () => {
    expect(types('-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----')).toEqual([]);
    expect(types('-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----')).toEqual([]);
    expect(types(`-----BEGIN PRIVATE KEY-----\n${'x'.repeat(64)}\n...\n-----END PRIVATE KEY-----`)).toEqual([]);
    expect(types(`-----BEGIN PUBLIC KEY-----\n${pemBody(4, 3)}\n-----END PUBLIC KEY-----`)).toEqual([]);
  });
});

describe('secrets scanner: JWT', () => {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const payload = b64url({ sub: '42', name: 'Ada', iat: 1700000000 });
  const jwt = `${header}.${payload}.${random(ALNUM + '-_', 43, 4)}`;

  it('finds signed tokens whose header decodes to JSON with alg', () => {
    expect(secretsOf(`Authorization header was Bearer ${jwt} yesterday`)).toEqual([jwt]);
    expect(types(`{"id_token":"${jwt}"}`)).toEqual(['jwt']);
  });

  it('finds unsigned header.payload pairs when both halves are JSON', () => {
    expect(types(`${header}.${payload}`)).toEqual(['jwt']);
  });

  it('ignores lookalikes: non-JSON parts, a lone header, raw JSON', () => {
    const notJson = Buffer.from('not_valid_json_at_all').toString('base64url');
    expect(types(`eyJ${random(ALNUM, 20, 5)}.${notJson}.${random(ALNUM, 43, 6)}`)).toEqual([]);
    expect(types(header)).toEqual([]);
    expect(types(`${b64url({ typ: 'JWT' })}.${payload}.${random(ALNUM, 43, 7)}`)).toEqual([]);
    expect(types('{"alg":"HS256"}.{"name":"x"}.abc')).toEqual([]);
  });
});

describe('secrets scanner: credentials in URLs', () => {
  const pw = random(ALNUM, 14, 8);

  it.each(['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'amqp'])(
    'finds the password of %s:// URLs, and only the password',
    (scheme) => {
      const text = `DATABASE_URL=${scheme}://app:${pw}@db.internal:5432/app`;
      const findings = scanner.scan(text);
      expect(findings.map((f) => f.type)).toEqual(['database-url-password']);
      expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(pw);
    },
  );

  it('finds basic-auth URLs and curl -u credentials', () => {
    expect(types(`git remote add origin https://deploy:${pw}@git.example.org/repo.git`)).toEqual(['basic-auth-url']);
    expect(secretsOf(`curl -s -u admin:${pw} https://api.example.org/v1`)).toEqual([pw]);
    expect(types(`curl -X POST \\\n  --user "admin:${pw}" https://x.example`)).toEqual(['curl-basic-auth']);
  });

  it('finds Authorization headers', () => {
    const token = random(ALNUM, 40, 9);
    expect(types(`curl -H "Authorization: Bearer ${token}" https://api.example.org`)).toEqual(['http-authorization-header']);
  });

  it('ignores placeholders, templates, ports and identical defaults', () => {
    expect(types('postgres://user:password@localhost/db')).toEqual([]);
    expect(types('mysql://root:${DB_PASSWORD}@localhost/db')).toEqual([]);
    expect(types('postgres://postgres:postgres@localhost:5432/db')).toEqual([]);
    expect(types('mongodb://<user>:<password>@cluster0.example.net')).toEqual([]);
    expect(types('"https://url:8000";@something else')).toEqual([]);
    expect(types('curl -u "$USER:$PASS" https://x.example')).toEqual([]);
    expect(types('curl -H "Authorization: Bearer $TOKEN" https://x.example')).toEqual([]);
    expect(types('Authorization: Bearer <your token>')).toEqual([]);
  });
});

describe('secrets scanner: DSNs and connection strings', () => {
  const pw = random(ALNUM, 12, 20);
  const pwSym = random(ALNUM, 6, 21) + '!' + random(ALNUM, 5, 22);

  it.each([
    ['Go MySQL DSN over tcp', `dsn := "app:${pw}@tcp(127.0.0.1:3306)/shop?parseTime=true"`, pw],
    ['Go MySQL DSN over a socket', `db, err := sql.Open("mysql", "app:${pw}@unix(/tmp/mysql.sock)/shop")`, pw],
    ['Go MySQL DSN in an env file', `MYSQL_DSN=app:${pwSym}@tcp(db.internal:3306)/shop?charset=utf8mb4`, pwSym],
    ['Go MySQL DSN in YAML', `database:\n  dsn: root:${pw}@tcp(mysql:3306)/app`, pw],
    ['Go MySQL DSN with an @ in the password', `"app:${pw}@x@tcp(db:3306)/shop"`, `${pw}@x`],
    ['redis URL without a user', `REDIS_URL=redis://:${pw}@cache.internal:6379/0`, pw],
    ['rediss URL without a user', `rediss://:${pw}@cache.internal:6380`, pw],
    ['mongodb+srv', `mongodb+srv://app:${pw}@cluster0.ab1cd.mongodb.net/test?retryWrites=true&w=majority`, pw],
    ['amqp', `amqp://app:${pw}@mq.internal:5672/`, pw],
  ])('finds the password of a %s', (_form, text, secret) => {
    const findings = scanner.scan(text);
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['database-url-password', secret]]);
  });

  it.each([
    ['JDBC URL parameters', `jdbc:mysql://db.internal:3306/shop?user=app&password=${pw}&useSSL=true`, pw],
    ['JDBC SQL Server properties', `jdbc:sqlserver://sql:1433;databaseName=shop;user=app;password=${pwSym};encrypt=true`, pwSym],
    ['ADO.NET', `Server=tcp:sql.internal,1433;Database=shop;User Id=sa;Password=${pwSym};`, pwSym],
    ['ADO.NET, spaced and quoted', `Data Source=sql01; User ID=app; Password = "${pwSym}";`, pwSym],
    ['ADO.NET, password first', `"Password=${pw};Server=sql01;Database=shop"`, pw],
    ['ODBC, braced', `Driver={ODBC Driver 18 for SQL Server};Server=x;Uid=sa;Pwd={${pw};x};`, `${pw};x`],
    ['a weak password the keyword rule would let pass', 'Server=sql01;Database=shop;User Id=sa;Password=Welcome1;', 'Welcome1'],
    ['a weak JDBC password', 'jdbc:postgresql://db:5432/shop?user=app&password=hunter2', 'hunter2'],
  ])('finds the password of a connection string: %s', (_form, text, secret) => {
    const findings = scanner.scan(text);
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([['connection-string-password', secret]]);
  });

  it.each([
    'Server=myServerAddress;Database=myDataBase;Uid=myUsername;Pwd=myPassword;',
    'Host=your_host; Port=5432; Database=your_database; Username=your_username; Password=your_password;',
    'jdbc:sqlserver://x:1433;databaseName=MY-DB;user=MY-USER;password=MY-PASSWORD;encrypt=false',
    'Server=sql01;Database=shop;User Id=sa;Password=${DB_PASSWORD};',
    'Server=sql01;Database=shop;User Id=sa;Password=<password>;',
    'Server=sql01;Database=shop;User Id=sa;Password=sa;',
    'Server=sql01;Database=shop;User Id=sa;Password=;',
    'https://shop.example.com/login?next=/cart&password=Welcome1',
    'password=Welcome1',
  ])('ignores placeholders, defaults and passwords outside connection strings: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it.each([
    'dsn := "user:password@tcp(localhost:3306)/db"',
    'dsn := "root:root@tcp(localhost:3306)/db"',
    'dsn := "user:pass@tcp(localhost:3306)/db"',
    'dsn := "admin:admin@unix(/var/run/mysqld/mysqld.sock)/db"',
    'dsn := "app:changeme@tcp(db:3306)/app"',
    'dsn := "app:xxxx@tcp(db:3306)/app"',
    'dsn := "app:<password>@tcp(db:3306)/app"',
    'DATABASE_URL=mysql://app:<password>@db:3306/app',
    'dsn := "${DB_USER}:${DB_PASS}@tcp(${DB_HOST})/app"',
    'dsn := fmt.Sprintf("%s:%s@tcp(%s)/%s", user, pass, host, name)',
    'dsn := "app:@tcp(db:3306)/app"',
    'dsn := "app@tcp(db:3306)/app"',
    `mail me at ops:${pw}@tcp-relay.example.org`,
    'REDIS_URL=redis://:password@cache:6379',
    'REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379',
    'http://:8080@proxy',
  ])('ignores %s', (text) => {
    expect(types(text)).toEqual([]);
  });
});

describe('secrets scanner: tokens and signatures in URL query strings', () => {
  const token = random(ALNUM, 32, 23);
  const b64sig = random(ALNUM, 43, 24) + '%3D';
  const hexSig = random('0123456789abcdef', 64, 25);

  it.each([
    ['access_token', `curl "https://api.x.com/v1/items?access_token=${token}"`],
    ['api_key', `GET https://api.x.com/v1/items?api_key=${token}&page=2`],
    ['token', `https://hooks.x.com/v1/notify?token=${token}`],
    ['key', `https://maps.x.com/api/js?key=${token}&callback=init`],
    ['client_secret', `https://auth.x.com/oauth/token?client_id=web&client_secret=${token}`],
  ])('finds %s', (_param, text) => {
    expect(secretsOf(text)).toEqual([token]);
  });

  it.each([
    ['sig', `https://cdn.x.com/f/report.pdf?exp=1700000000&sig=${b64sig}`, b64sig],
    ['S3 X-Amz-Signature', `https://b.s3.amazonaws.com/k.csv?X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=${hexSig}`, hexSig],
    ['GCS X-Goog-Signature', `https://storage.googleapis.com/b/o?X-Goog-Expires=900&X-Goog-Signature=${hexSig}`, hexSig],
    ['CloudFront Signature', `https://d1.cloudfront.net/v.mp4?Expires=1700000000&Signature=${b64sig}&Key-Pair-Id=K2JCJMDEHXQW5F`, b64sig],
  ])('finds the signature of a signed URL: %s', (_form, text, secret) => {
    const findings = scanner.scan(text);
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toContainEqual(['url-signature', secret]);
  });

  it.each([
    ['a short token', 'https://example.com/reset?token=abc123'],
    ['a templated signature', 'https://cdn.x.com/f?exp=1&sig={{signature}}'],
    ['an env signature', 'https://cdn.x.com/f?exp=1&sig=${SIG}'],
    ['a low-entropy signature', `https://cdn.x.com/f?exp=1&signature=${'ab'.repeat(20)}`],
    ['a short hex signature', `https://cdn.x.com/f?signature=${hexSig.slice(0, 20)}`],
    ['sig= outside a query string', `sig=${b64sig}`],
    ['a signature in code', `const signature=${token.slice(0, 20)}(payload)`],
  ])('ignores %s', (_form, text) => {
    expect(types(text)).toEqual([]);
  });
});

describe('secrets scanner: Kubernetes secrets', () => {
  it('finds data values of kind: Secret manifests only', () => {
    const v = Buffer.from(random(ALNUM, 18, 10)).toString('base64');
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  extra: ${v}\n`;
    expect(secretsOf(secret)).toEqual([v]);
    expect(types(secret.replace('kind: Secret', 'kind: ConfigMap'))).toEqual([]);
    expect(types(secret.replace(`extra: ${v}`, 'extra: {{ .Values.extra }}'))).toEqual([]);
  });
});
