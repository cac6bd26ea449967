import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const secretsOf = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

// Passwords as people type them: letters, digits and a shell-safe symbol or two.
const pw = random(ALNUM, 8, 1) + '!' + random(ALNUM, 3, 2);
const plain = random(ALNUM, 11, 3); // no symbol: fine unquoted

describe('secrets scanner: passwords on command lines', () => {
  it.each([
    ['mysql, attached', `mysql -u root -p${plain} -h db.internal`, plain],
    ['mysqldump, single-quoted', `mysqldump -uadmin -p'${pw}' shop > shop.sql`, pw],
    ['mariadb, double-quoted', `mariadb -p"${pw}"`, pw],
    ['mysqladmin in a shell prompt', `$ mysqladmin -uroot -p${plain} status`, plain],
    ['mysql through docker exec', `docker exec -it db mysql -uroot -p${plain} -e "SHOW DATABASES"`, plain],
    ['mysql through kubectl exec', `kubectl exec -it mysql-0 -- mysql -u root -p${plain}`, plain],
    ['mysql by path, after sudo', `sudo /usr/bin/mysql -uroot -p${plain}`, plain],
    ['mysql.exe', `C:\\> mysql.exe -u root -p${plain}`, plain],
    ['argv array', `subprocess.run(["mysql", "-uroot", "-p${plain}", "shop"])`, plain],
    ['compose healthcheck', `test: ["CMD", "mysqladmin", "ping", "-uroot", "-p${plain}"]`, plain],
    ['continued line', `mysql \\\n  --host=db.internal \\\n  -u app -p${plain} shop`, plain],
    ['sshpass', `sshpass -p '${pw}' ssh deploy@10.0.0.5 uptime`, pw],
    ['sshpass, unquoted', `sshpass -p ${plain} scp dump.sql deploy@10.0.0.5:/tmp`, plain],
    ['docker login', `docker login -u bob -p ${plain} registry.example.com`, plain],
    ['podman login', `podman login quay.io -u bob -p "${pw}"`, pw],
    ['helm registry login', `helm registry login ghcr.io -u bob -p ${plain}`, plain],
    ['mongosh', `mongosh "mongodb://db:27017" -u admin -p ${plain} --authenticationDatabase admin`, plain],
    ['sqlcmd -P', `sqlcmd -S tcp:sql.internal,1433 -U sa -P '${pw}' -Q "SELECT 1"`, pw],
    ['redis-cli -a', `redis-cli -h cache.internal -p 6379 -a ${plain} ping`, plain],
    ['ldapsearch -w', `ldapsearch -x -D "cn=admin,dc=ex,dc=org" -w ${plain} -b dc=ex,dc=org`, plain],
    ['zip -P', `zip -r -P ${plain} backup.zip data/`, plain],
    ['7z -p', `7z a -p${plain} backup.7z data/`, plain],
  ])('finds %s', (_form, text, secret) => {
    expect(secretsOf(text)).toEqual([secret]);
    expect(types(text)).toEqual(['cli-password']);
  });

  it('finds a short mysql password that is not a plain word', () => {
    expect(secretsOf('mariadb -p"x7#Lq"')).toEqual(['x7#Lq']);
  });

  it.each([
    ['mysql prompting for the password', 'mysql -u root -p'],
    ['mysql prompting, then the database', 'mysql -u root -p shop'],
    ['mysql prompting, then more flags', 'mysql -u root -p -h db.internal --port 3306'],
    ['mysql port flag', 'mysql -h db -P 3306 -u root -p'],
    ['docker port mapping', 'docker run -p 8080:80 nginx'],
    ['docker port mapping after a mysql container name', 'docker run --name mysql -p3306:3306 -d mysql:8'],
    ['docker run after docker login', `docker login -u bob --password-stdin ghcr.io && docker run -p 8080:80 app`],
    ['ssh port', 'ssh -p 2222 deploy@host'],
    ['ssh port, attached', 'ssh -p2222 deploy@host'],
    ['mkdir', 'mkdir -p /var/lib/app'],
    ['cp', 'cp -p a b'],
    ['grep', "grep -P '\\d+' access.log"],
    ['pip', 'pip install -r requirements.txt'],
    ['psql port', 'PGHOST=db psql -U app -p 5432 shop'],
    ['environment variable', 'mysql -uroot -p$MYSQL_PWD'],
    ['quoted environment variable', 'mysql -uroot -p"$PASS"'],
    ['braced environment variable', 'mysql -uroot -p${DB_PASSWORD}'],
    ['compose escape', 'test: ["CMD", "mysqladmin", "ping", "-uroot", "-p$$MYSQL_ROOT_PASSWORD"]'],
    ['command substitution', 'sshpass -p "$(cat /run/secrets/ssh)" ssh host'],
    ['angle placeholder', 'mysql -uroot -p<password>'],
    ['named placeholder', 'mysql -uroot -pYOUR_PASSWORD'],
    ['stars', 'mysql -uroot -p***'],
    ['the word password', 'mysql -uroot -ppassword'],
    ['a default', 'mysql -uroot -proot'],
    ['an option word', 'mysql accepts -prefix and -print style options'],
    ['prose after sshpass', 'run sshpass -p with your password'],
    ['separate flag value after sshpass', 'sshpass -p -e ssh host'],
    ['pipe to another command', 'echo ok | grep -P foo | mysql -uroot -p'],
    ['mysql earlier on another line', `mysql -u root -p\nssh -p ${plain} host`],
  ])('ignores %s', (_form, text) => {
    expect(types(text)).toEqual([]);
  });
});
