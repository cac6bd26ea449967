/**
 * Values that look like PII but identify nobody (fixtures.ts): reserved and example domains, processors' test
 * cards, private, loopback, documentation and other special-purpose IP addresses, public DNS resolvers, and
 * four-part versions that look like IPv4 addresses. And what must still be caught around them: credentials,
 * tokens and personal data in URLs, through the PII and secrets scanners together.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';
import { isReservedDomain, isSpecialIp, isTestCard } from '../../../src/firewall/scanners/pii/fixtures.js';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';

const pii = createPiiScanner();
const raw = createPiiScanner({ allowlist: false });
const secrets = createSecretsScanner();
const found = (text: string, s = pii): string[] => s.scan(text).map((f) => `${f.type} ${text.slice(f.start, f.end)}`);
/** PII and secrets findings together, as the firewall runs them. */
const all = (text: string): string[] =>
  [...pii.scan(text), ...secrets.scan(text)]
    .sort((a, b) => a.start - b.start)
    .map((f) => `${f.type} ${text.slice(f.start, f.end)}`);

describe('IP_ADDRESS: special-purpose addresses are not personal data', () => {
  it.each([
    ['loopback', 'curl http://127.0.0.1:8080/health && ping 127.0.1.1'],
    ['private 10/8', 'set DB_HOST=10.12.0.5 in the staging .env'],
    ['private 172.16/12', 'the container got 172.17.0.2 from docker0, 172.31.255.254 is the gateway'],
    ['private 192.168/16', 'My router admin page is at 192.168.1.1, the printer at 192.168.1.20'],
    ['link-local', 'APIPA gave the laptop 169.254.12.7'],
    ['this network and broadcast', 'bind to 0.0.0.0 and broadcast to 255.255.255.255'],
    ['documentation ranges', 'examples use 192.0.2.10, 198.51.100.7 and 203.0.113.42'],
    ['shared CGNAT space', 'the carrier NAT address is 100.64.12.1'],
    ['multicast and reserved', 'mDNS 224.0.0.251, SSDP 239.255.255.250, class E 240.0.0.1'],
    ['CIDR blocks', 'allow 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 in the security group'],
    ['IPv6 loopback and unspecified', 'listen on [::1]:3000 and :: for all interfaces'],
    ['IPv6 link-local with zone', 'ping6 fe80::1ff:fe23:4567:890a%eth0'],
    ['IPv6 unique local', 'the VPN hands out fd12:3456:789a:1::20'],
    ['IPv6 documentation', 'route 2001:db8:85a3::8a2e:370:7334 via 2001:db8::1'],
    ['IPv6 multicast', 'all-nodes is ff02::1'],
    ['IPv4-mapped private', 'the socket reports ::ffff:192.168.1.10 as the peer'],
    ['NAT64 of a documentation address', 'DNS64 answered 64:ff9b::192.0.2.33'],
  ])('%s', (_name, text) => {
    expect(found(text).filter((f) => f.startsWith('IP_ADDRESS'))).toEqual([]);
  });

  it('public DNS resolvers identify a service, not a person', () => {
    const text = 'nameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 1.1.1.1\nnameserver 1.0.0.1\nnameserver 9.9.9.9\n' +
      'nameserver 2001:4860:4860::8888\nnameserver 2606:4700:4700::1111';
    expect(found(text)).toEqual([]);
  });

  it('public addresses are still found, mapped or not', () => {
    expect(found('Failed login from 81.2.69.160 and 2a02:c7f:7e14:4d00::1 at 03:12')).toEqual([
      'IP_ADDRESS 81.2.69.160', 'IP_ADDRESS 2a02:c7f:7e14:4d00::1',
    ]);
    expect(found('peer ::ffff:81.2.69.160')).toEqual(['IP_ADDRESS ::ffff:81.2.69.160']);
    expect(found('0:0:0:0:0:FFFF:129.144.52.38')).toEqual(['IP_ADDRESS 0:0:0:0:0:FFFF:129.144.52.38']);
  });

  it('allowlist: false reports them, as Presidio does', () => {
    expect(found('IPs: 192.168.1.1, 10.0.0.0/8, fe80::1%eth0/64, ::1', raw)).toEqual([
      'IP_ADDRESS 192.168.1.1', 'IP_ADDRESS 10.0.0.0/8', 'IP_ADDRESS fe80::1%eth0/64', 'IP_ADDRESS ::1',
    ]);
  });

  it('isSpecialIp() knows the registries', () => {
    for (const ip of ['0.1.2.3', '10.255.255.255', '172.16.0.0', '172.31.0.1', '192.0.0.8', '198.18.0.1', '198.19.255.1',
      '::', '::1', 'fec0::1', '3fff:123::1', '100::1', '2002:c0a8:0101::1', '64:ff9b:1::5', '::ffff:0:10.0.0.1', '::10.0.0.1']) {
      expect(isSpecialIp(ip), ip).toBe(true);
    }
    for (const ip of ['172.32.0.1', '172.15.255.255', '11.0.0.1', '100.128.0.1', '192.169.0.1', '8.8.8.9',
      '2002:5102:45a0::1', '2001:db9::1', '2a00:1450:4009:81f::200e', '::ffff:81.2.69.160']) {
      expect(isSpecialIp(ip), ip).toBe(false);
    }
  });
});

describe('IP_ADDRESS: four-part versions are not addresses', () => {
  it.each([
    ['AssemblyVersion', '[assembly: AssemblyVersion("1.0.0.0")]\n[assembly: AssemblyFileVersion("2.4.1.7")]'],
    ['a version label', 'Windows version 10.0.19041.1 fails, 10.0.22631.2861 works'],
    ['an assembly reference', 'System.Runtime, Version=4.2.2.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a'],
    ['a user agent', 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36'],
    ['a firmware build', 'after the update the firmware is 3.1.4.159 and the build is 5.2.0.1'],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('an address after a non-version word is still one', () => {
    expect(found('the client 52.14.88.7 connected from the version 2 API')).toEqual(['IP_ADDRESS 52.14.88.7']);
  });
});

describe('EMAIL_ADDRESS and URL: reserved example domains', () => {
  it('addresses at example.com/.org/.net and the reserved TLDs are not findings', () => {
    const text = 'Test users: jane.doe@example.com, bob@mail.example.org, ops@example.net, ci@build.test, ' +
      'nobody@nowhere.invalid, me@site.example, root@localhost.localhost; also john dot smith at example dot com.';
    expect(found(text)).toEqual([]);
  });

  it('URLs on reserved hosts are not findings', () => {
    const text = 'See https://example.com/docs, http://localhost:3000/api, https://api.test/v1, www.example.org, ' +
      'docs.example.net, http://127.0.0.1:8080/, http://[::1]:80/ and http://192.168.0.10/admin';
    expect(found(text)).toEqual([]);
  });

  it('real domains are still found', () => {
    expect(found('mail jane.roe@acme-mail.com or see https://shop.acme.io/orders and examples.com')).toEqual([
      'EMAIL_ADDRESS jane.roe@acme-mail.com', 'URL https://shop.acme.io/orders', 'URL examples.com',
    ]);
  });

  it('isReservedDomain() follows RFC 2606 and 6761', () => {
    for (const d of ['example.com', 'EXAMPLE.ORG', 'a.b.example.net', 'x.example', 'foo.test', 'a.invalid', 'localhost', 'app.localhost', 'example.com.']) {
      expect(isReservedDomain(d), d).toBe(true);
    }
    for (const d of ['example.co.uk', 'myexample.com', 'example.io', 'test.com', 'localhost.io', 'examples.com']) {
      expect(isReservedDomain(d), d).toBe(false);
    }
  });
});

describe('URLs that carry credentials, tokens or personal data are still caught', () => {
  it.each([
    ['a password in the authority', 'curl https://admin:hunter2@example.com/status', ['basic-auth-url hunter2']],
    ['a password, real host', 'git remote add origin https://deploy:Zq8vN3rT7pLw@git.acme-corp.io/app.git',
      ['URL https://deploy:Zq8vN3rT7pLw@git.acme-corp.io/app.git', 'basic-auth-url Zq8vN3rT7pLw']],
    ['?token=', 'The webhook is https://example.com/hooks?token=8f3kQ9zLm2Xv7Rt1Pw4Ny6Bs', ['generic-secret 8f3kQ9zLm2Xv7Rt1Pw4Ny6Bs']],
    ['?access_token=', 'GET https://example.com/v2/me?access_token=EAAGm0PX4ZCpsBAKZCZBx9 200',
      ['generic-secret EAAGm0PX4ZCpsBAKZCZBx9']],
    ['?api_key=', 'fetch("https://example.com/geo?api_key=9d4f2c8e1a7b3f6d&q=paris")', ['generic-secret 9d4f2c8e1a7b3f6d']],
    ['?sig=', 'download https://example.com/report.pdf?sig=Hk3l9PqRz8Vn2Mw5Xt7Yb1Cd4Fg6Jh0K%3D&se=2025-01-01',
      ['url-signature Hk3l9PqRz8Vn2Mw5Xt7Yb1Cd4Fg6Jh0K%3D']],
    ['?email=', 'reset link https://example.com/reset?email=john@x.com&ts=1', ['EMAIL_ADDRESS john@x.com']],
    ['an encoded ?email=', 'https://example.com/unsub?email=john.smith%40gmail.com', ['EMAIL_ADDRESS john.smith%40gmail.com']],
    ['an address in the path', 'profile https://example.com/users/john.smith@gmail.com/', ['EMAIL_ADDRESS john.smith@gmail.com']],
    ['a phone number in the query', 'https://example.com/callback?phone=+14155552671', ['PHONE_NUMBER +14155552671']],
    ['an SSN in the query', 'https://example.com/verify?ssn=078-05-1123', ['US_SSN 078-05-1123']],
  ])('%s', (_name, text, expected) => {
    expect(all(text)).toEqual(expected);
  });
});

describe('CREDIT_CARD: processors\' published test cards are not findings', () => {
  it.each([
    ['Stripe Visa', 'Use 4242 4242 4242 4242 with any future date and any CVC.'],
    ['Stripe Visa debit', 'card 4000 0566 5566 5556 exp 12/34'],
    ['Stripe Mastercard', '5555 5555 5555 4444'],
    ['Stripe Mastercard 2-series', '2223 0031 2200 3222'],
    ['Stripe Mastercard debit', '5200 8282 8282 8210'],
    ['Stripe Amex', '3782 822463 10005'],
    ['Stripe Discover', '6011 1111 1111 1117'],
    ['Stripe Diners', '3056 9300 0902 0004'],
    ['Stripe JCB', '3566 0020 2036 0505'],
    ['Stripe UnionPay', '6200 0000 0000 0005'],
    ['Stripe decline card', 'the decline test card 4000000000000002 returns card_declined'],
    ['Braintree / PayPal Visa', 'credit card 4111 1111 1111 1111, CVV 123'],
    ['Braintree Visa', '4012888888881881'],
    ['Amex, compact', '378282246310005 and 371449635398431'],
    ['Adyen Mastercard', '2222 4000 7000 0005'],
    ['Worldpay Maestro', '6759649826438453'],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('a real-looking card is still found, and a test card still claims its span', () => {
    expect(found('my card is 4539 1488 0343 6467')).toEqual(['CREDIT_CARD 4539 1488 0343 6467']);
    // Dropped after overlap resolution: no weaker reading (a bank account number) takes its place.
    expect(found('bank account 4242424242424242')).toEqual([]);
    expect(found('4242 4242 4242 4242', raw)).toEqual(['CREDIT_CARD 4242 4242 4242 4242']);
  });

  it('isTestCard() ignores separators', () => {
    expect(isTestCard('4242-4242-4242-4242')).toBe(true);
    expect(isTestCard('4539 1488 0343 6467')).toBe(false);
  });
});
