import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const found = (text: string): [string, string][] => scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);

const pw = random(ALNUM, 11, 61) + '#@' + random(ALNUM, 6, 62);
const plain = random(ALNUM, 12, 63);

describe('secrets scanner: PowerShell plain-text passwords', () => {
  it.each([
    ['positional, double-quoted', `$secpw = ConvertTo-SecureString "${pw}" -AsPlainText -Force`, pw],
    ['-String, single-quoted', `ConvertTo-SecureString -String '${pw}' -AsPlainText`, pw],
    ['-AsPlainText first', `ConvertTo-SecureString -AsPlainText -Force -String "${pw}"`, pw],
    ['abbreviated parameters', `ConvertTo-SecureString -Str "${plain}" -AsPlain -Force`, plain],
    ['parameter values glued with a colon', `ConvertTo-SecureString -String:"${plain}" -AsPlainText:$true -Force`, plain],
    ['after -Key', `ConvertTo-SecureString -Key (1..16) -String "${plain}" -AsPlainText`, plain],
    ['inside New-Object PSCredential', `$cred = New-Object PSCredential("svc", (ConvertTo-SecureString "${pw}" -AsPlainText -Force))`, pw],
    [
      'inside System.Management.Automation.PSCredential',
      `New-Object System.Management.Automation.PSCredential ('CORP\\svc', (ConvertTo-SecureString '${pw}' -AsPlainText -Force))`,
      pw,
    ],
    ['as -Password', `New-LocalUser -Name bob -Password (ConvertTo-SecureString "${pw}" -AsPlainText -Force)`, pw],
    ['down the pipeline', `"${pw}" | ConvertTo-SecureString -AsPlainText -Force`, pw],
    ['over continued lines', `$s = ConvertTo-SecureString \`\n  -String "${plain}" \`\n  -AsPlainText \`\r\n  -Force`, plain],
    ['with a doubled quote inside', `ConvertTo-SecureString '${plain}''s' -AsPlainText -Force`, `${plain}''s`],
    ['with a "$" that names no variable', `ConvertTo-SecureString '${plain}$' -AsPlainText -Force`, `${plain}$`],
    ['lowercase', `convertto-securestring "${pw}" -asplaintext -force`, pw],
  ])('finds %s', (_form, text, secret) => {
    expect(found(text)).toEqual([['powershell-password', secret]]);
  });

  it('leaves $password = "…" to the keyword rule', () => {
    expect(found(`$password = "${pw}"`)).toEqual([['generic-password', pw]]);
  });

  it('finds the literal and leaves the user name alone', () => {
    const text = `$c = [pscredential]::new('admin', (ConvertTo-SecureString '${pw}' -AsPlainText -Force))`;
    expect(found(text)).toEqual([['powershell-password', pw]]);
  });

  it.each([
    ['an environment variable', 'ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force'],
    ['a variable after -String', 'ConvertTo-SecureString -String $password -AsPlainText -Force'],
    ['a subexpression', 'ConvertTo-SecureString (Get-Content .\\pw.txt) -AsPlainText -Force'],
    ['an interpolated environment variable', 'ConvertTo-SecureString "$env:DB_PASSWORD" -AsPlainText -Force'],
    ['an interpolated subexpression', 'ConvertTo-SecureString "$($cfg.Password)" -AsPlainText -Force'],
    ['a variable down the pipeline', '$plain | ConvertTo-SecureString -AsPlainText -Force'],
    ['Read-Host', '$pw = Read-Host -Prompt "Password" -AsSecureString'],
    ['an encrypted standard string', `ConvertTo-SecureString "01000000d08c9ddf0115d1118c7a00c04fc297eb${random('0123456789abcdef', 32, 64)}"`],
    ['an encrypted string with a key', `ConvertTo-SecureString "${random('0123456789abcdef', 48, 65)}" -Key $key`],
    ['a placeholder', 'ConvertTo-SecureString "<your-password>" -AsPlainText -Force'],
    ['a documentation example', 'ConvertTo-SecureString "P@ssw0rd!" -AsPlainText -Force'],
    ['another documentation example', 'ConvertTo-SecureString "MyPlainTextPassword" -AsPlainText -Force'],
    ['a masked value', "ConvertTo-SecureString '********' -AsPlainText -Force"],
    ['the cmdlet in prose', 'Use ConvertTo-SecureString with -AsPlainText only for testing.'],
    ['help for the cmdlet', 'Get-Help ConvertTo-SecureString -Examples'],
    ['a string in the next statement', `$x = ConvertTo-SecureString $y -AsPlainText; $z = "${plain}"`],
    ['a literal in the next statement', `$s = ConvertTo-SecureString $y\n$t = "${plain}" -AsPlainText`],
    ['another cmdlet', `ConvertTo-SecureStringX "${pw}" -AsPlainText`],
  ])('ignores %s', (_form, text) => {
    expect(types(text)).toEqual([]);
  });
});
