import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const found = (text: string): [string, string][] => scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);

// Passwords as password managers generate them: letters and digits around the symbols people are told to add.
const a = random(ALNUM, 6, 41);
const b = random(ALNUM, 6, 42);
const withDollar = `${a}$o*`;
const withPercent = `%${a}&${b}`;
const withAt = `${a.slice(0, 2)}@${b}*${a.slice(2)}`;
const withHash = `${a}@ss#${b}`;

describe('secrets scanner: passwords with special characters where the rules already look', () => {
  it.each([
    ['redis-cli -a, "$" inside', `redis-cli -h cache.internal -p 6379 -a ${withDollar} --tls ping`, withDollar],
    ['mysql -p, "$" and "%" inside', `mysql -uroot -p${a}$x${b}%q`, `${a}$x${b}%q`],
    ['sshpass, "$" inside a double-quoted value', `sshpass -p "${a}$${b}" ssh deploy@host`, `${a}$${b}`],
    ['docker login, "^ ~ + =" inside', `docker login -u bob -p ${a}^~+=${b} registry.io`, `${a}^~+=${b}`],
  ])('cli-password: %s', (_form, text, secret) => {
    expect(found(text)).toEqual([['cli-password', secret]]);
  });

  it.each([
    ['a Go DSN whose password starts with "%"', `sql.Open("mysql", "app_rw:${withPercent}@tcp(mysql-primary:3306)/billing?parseTime=true")`, withPercent],
    ['a Go DSN whose password is URL-encoded', `DSN="app:%40${a}@tcp(db:3306)/app"`, `%40${a}`],
    ['a Go DSN with "! # * ^ ~ + =" in the password', `app:!${a}#*^~+=${b}@tcp(db:3306)/app`, `!${a}#*^~+=${b}`],
    ['mongodb+srv with an unencoded "@"', `mongosh "mongodb+srv://inventory-svc:${withAt}@cluster0.k3v9x.mongodb.net/inventory?retryWrites=true"`, withAt],
    ['postgres with "@" and "#"', `postgres://user:${withHash}@host:5432/db`, withHash],
    ['postgres whose password starts with "%"', `postgres://app:${withPercent}@db.internal:5432/app`, withPercent],
    ['redis without a user, "$ ! %" inside', `redis://:${a}$x!9%Q@cache:6379/0`, `${a}$x!9%Q`],
    ['amqp whose password ends with "@"', `amqp://guest:${a}!k@@rabbit:5672/`, `${a}!k@`],
  ])('database-url-password: %s', (_form, text, secret) => {
    expect(found(text)).toEqual([['database-url-password', secret]]);
  });

  it('keeps the whole password of a basic-auth URL with an "@" in it, and the host out of it', () => {
    expect(found(`git clone https://deploy:${withAt}@git.example.org/repo.git`)).toEqual([['basic-auth-url', withAt]]);
  });

  it.each([
    ['an "&" in an ADO.NET password', `Server=db;User Id=sa;Password=${a}$x!9%Q&z;`, `${a}$x!9%Q&z`],
    ['an "&" in an ADO.NET password, password first', `Password=${a}&z;Server=db;User Id=sa`, `${a}&z`],
    ['an "&" that separates JDBC parameters', `jdbc:mysql://db:3306/shop?password=${a}&user=app`, a],
  ])('connection-string-password: %s', (_form, text, secret) => {
    expect(found(text)).toEqual([['connection-string-password', secret]]);
  });

  it.each([
    ['unquoted, starting with "%", with an "&"', `DB_PASSWORD=${withPercent}`],
    ['after export', `export DB_PASSWORD=${withPercent}\nLOG_LEVEL=debug`],
  ])('generic-password in an env file: %s', (_form, text) => {
    expect(found(text)).toEqual([['generic-password', withPercent]]);
  });

  it.each([
    ['an env reference', 'redis-cli -a $REDIS_PASSWORD ping'],
    ['a braced env reference', 'redis-cli -a "${REDIS_PASSWORD}" ping'],
    ['a command substitution', 'mysql -uroot -p"$(cat /run/secrets/db)"'],
    ['an expansion inside a longer word', 'sshpass -p "${PREFIX}-2024" ssh host'],
    ['a cmd.exe variable', 'mysql -uroot -p%MYSQL_PWD%'],
    ['a cmd.exe variable in a DSN', '"app:%DB_PASS%@tcp(db:3306)/app"'],
    ['printf verbs in a DSN', 'dsn := fmt.Sprintf("%s:%s@tcp(%s)/%s", user, pass, host, name)'],
    ['printf verbs in a URL', 'url := fmt.Sprintf("postgres://%s:%s@%s/%s", u, p, h, d)'],
    ['a URL whose "@" is after the path', 'https://example.com:8443/users/@alice'],
    ['a port before an "@" in the query', 'https://example.com:8443?mail=a@b.example'],
    ['a quoted URL followed by an "@"', '"https://url:8000";@something else'],
    ['a mail address in a path', 'see https://lists.example.org/archives/dev@example.org'],
    ['an env reference in a URL', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['a cmd.exe variable in a URL', 'postgres://app:%DB_PASSWORD%@db:5432/app'],
    ['a placeholder in a URL with an "@" after it', 'mongodb+srv://user:<password>@cluster0.example.net/db?authSource=admin@x'],
    ['a percent-encoded env file reference', 'DB_PASSWORD=%DB_PASSWORD%'],
    ['a Python format in an env file', 'DB_PASSWORD=%(db_password)s'],
    ['a query string in an env file', 'CALLBACK_URL=https://x.example/cb?a=1&b=2'],
  ])('ignores %s', (_form, text) => {
    expect(types(text)).toEqual([]);
  });
});
