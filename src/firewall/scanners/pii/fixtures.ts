/**
 * Values that look like PII but identify nobody: documentation and test fixtures, reserved names and addresses.
 * The PII counterpart of the secrets scanner's placeholder list (../secrets/placeholders.ts). The engine drops
 * findings of these after overlap resolution (engine.ts), so a fixture still claims its span: "4242 4242 4242
 * 4242" is neither a card nor, once dropped, a bank or phone number. URLs are the exception: the URL recognizer
 * skips reserved hosts itself, so that an SSN or a phone number in the query of an example.com URL is still
 * reported.
 *
 * Sources:
 * - Domains: RFC 2606 (example.com/.net/.org, the .example, .test, .invalid and .localhost top-level domains) and
 *   RFC 6761 (localhost). An address under one of these can receive no mail.
 * - IPv4: the IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates): this network 0/8, private 10/8,
 *   172.16/12, 192.168/16, shared 100.64/10, loopback 127/8, link-local 169.254/16, IETF protocol assignments
 *   192.0.0/24, documentation 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), benchmarking 198.18/15,
 *   multicast 224/4, reserved 240/4 and broadcast 255.255.255.255.
 * - IPv6: the IANA IPv6 Special-Purpose Address Registry: ::, ::1, link-local fe80::/10, the old site-local
 *   fec0::/10, unique local fc00::/7, documentation 2001:db8::/32 and 3fff::/20 (RFC 9637), discard 100::/64,
 *   multicast ff00::/8; IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, SIIT ::ffff:0:0:0/96, NAT64
 *   64:ff9b::/96 and 6to4 2002::/16 when the IPv4 address inside is itself special; local-use NAT64 64:ff9b:1::/48.
 * - Public DNS resolvers (a decision, not a registry): the anycast addresses of Google Public DNS, Cloudflare
 *   1.1.1.1, Quad9, OpenDNS, AdGuard DNS, CleanBrowsing and Control D, and Level 3's 4.2.2.x. Every company's
 *   resolv.conf has them; they identify a service, never a person.
 * - Test card numbers, from the processors' public testing pages as of 2025: Stripe ("Testing" docs: the
 *   brand, international, decline, fraud and 3-D Secure cards), Braintree and PayPal ("Credit card numbers for
 *   testing"), Adyen ("Test card numbers"), Worldpay ("Test values"), Checkout.com and Authorize.net. Card
 *   numbers a processor publishes for its sandbox can never be charged to anyone.
 */

import { normalizeObfuscatedEmail } from './obfuscated-email.js';

// ---------------------------------------------------------------------------------------------------------------
// Domains

const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);
const RESERVED_DOMAINS = new Set(['example.com', 'example.net', 'example.org', 'localhost']);

/** RFC 2606 / 6761 names: example.com/.net/.org and their subdomains, *.example, *.test, *.invalid, localhost. */
export function isReservedDomain(host: string): boolean {
  let h = host.toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  if (RESERVED_DOMAINS.has(h)) return true;
  const lastDot = h.lastIndexOf('.');
  if (lastDot < 0) return false;
  if (RESERVED_TLDS.has(h.slice(lastDot + 1))) return true;
  const secondDot = h.lastIndexOf('.', lastDot - 1);
  return RESERVED_DOMAINS.has(h.slice(secondDot + 1));
}

/** An email address at a reserved domain, also URL-encoded ("%40") or obfuscated ("jane at example dot com"). */
export function isReservedEmail(address: string): boolean {
  let a = address.replace(/%40/gi, '@');
  if (!a.includes('@')) a = normalizeObfuscatedEmail(a);
  const at = a.lastIndexOf('@');
  return at >= 0 && isReservedDomain(a.slice(at + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// IP addresses

/** [network, prefix length] pairs; networks as 32-bit unsigned integers. */
const V4_SPECIAL: readonly (readonly [number, number])[] = (
  [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
    ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const
).map(([net, bits]) => [v4ToInt(net) as number, bits] as const);

const PUBLIC_RESOLVERS_V4 = new Set([
  '8.8.8.8', '8.8.4.4', // Google
  '1.1.1.1', '1.0.0.1', '1.1.1.2', '1.0.0.2', '1.1.1.3', '1.0.0.3', // Cloudflare
  '9.9.9.9', '149.112.112.112', '9.9.9.10', '149.112.112.10', '9.9.9.11', '149.112.112.11', // Quad9
  '208.67.222.222', '208.67.220.220', '208.67.222.123', '208.67.220.123', // OpenDNS
  '94.140.14.14', '94.140.15.15', '94.140.14.15', '94.140.15.16', // AdGuard
  '185.228.168.9', '185.228.169.9', '185.228.168.168', '185.228.169.168', // CleanBrowsing
  '76.76.2.0', '76.76.10.0', // Control D
  '4.2.2.1', '4.2.2.2', '4.2.2.3', '4.2.2.4', '4.2.2.5', '4.2.2.6', // Level 3
]);
const PUBLIC_RESOLVERS_V6 = [
  '2001:4860:4860::8888', '2001:4860:4860::8844', '2606:4700:4700::1111', '2606:4700:4700::1001',
  '2606:4700:4700::1112', '2606:4700:4700::1002', '2606:4700:4700::1113', '2606:4700:4700::1003', '2620:fe::fe',
  '2620:fe::9', '2620:fe::10', '2620:fe::fe:10', '2620:119:35::35', '2620:119:53::53', '2a10:50c0::ad1:ff',
  '2a10:50c0::ad2:ff',
];

function v4ToInt(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function v4Special(n: number): boolean {
  if (n === 0xffffffff) return true;
  for (const [net, bits] of V4_SPECIAL) {
    const size = 2 ** (32 - bits);
    if (n >= net && n < net + size) return true;
  }
  return false;
}

/** The address part of "10.0.0.0/8", "[2001:db8::1]", "fe80::1%eth0/64". */
function bareAddress(value: string): string {
  let v = value.trim();
  if (v.startsWith('[')) v = v.slice(1, v.indexOf(']') < 0 ? undefined : v.indexOf(']'));
  const slash = v.indexOf('/');
  if (slash >= 0) v = v.slice(0, slash);
  const pct = v.indexOf('%');
  if (pct >= 0) v = v.slice(0, pct);
  return v;
}

/** Eight 16-bit groups of an IPv6 address, or undefined. */
function v6Groups(text: string): number[] | undefined {
  let t = text.toLowerCase();
  const lastColon = t.lastIndexOf(':');
  if (t.includes('.', lastColon)) {
    // An embedded IPv4 tail becomes two hex groups.
    const v4 = v4ToInt(t.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    t = `${t.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 2 ? fill < 0 : fill !== 0) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...rest];
}

const RESOLVER_V6_KEYS = new Set(PUBLIC_RESOLVERS_V6.map((a) => v6Groups(a)?.join(':')));

function v6Special(g: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = g6 * 65536 + g7;
  const zero = (...xs: number[]): boolean => xs.every((x) => x === 0);
  if (zero(g0, g1, g2, g3, g4)) {
    if (g5 === 0xffff) return v4Special(embedded); // ::ffff:a.b.c.d, IPv4-mapped
    if (g5 === 0) return zero(g6) && g7 <= 1 ? true : v4Special(embedded); // ::, ::1, IPv4-compatible ::a.b.c.d
  }
  if (zero(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return v4Special(embedded); // SIIT ::ffff:0:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b) return g2 === 1 || (zero(g2, g3, g4, g5) && v4Special(embedded)); // NAT64
  if (g0 === 0x2002) return v4Special(g1 * 65536 + g2); // 6to4
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x3fff && g1 < 0x1000) return true; // documentation, RFC 9637
  if (g0 === 0x0100 && zero(g1, g2, g3)) return true; // discard-only
  return RESOLVER_V6_KEYS.has(g.join(':'));
}

/** Special-purpose (private, loopback, documentation, multicast…) addresses and public resolvers. */
export function isSpecialIp(value: string): boolean {
  const addr = bareAddress(value);
  if (!addr.includes(':')) {
    const n = v4ToInt(addr);
    return n !== undefined && (v4Special(n) || PUBLIC_RESOLVERS_V4.has(addr));
  }
  const groups = v6Groups(addr);
  return groups !== undefined && v6Special(groups);
}

// ---------------------------------------------------------------------------------------------------------------
// Test card numbers

const TEST_CARDS = new Set(
  `
  4242424242424242 4000056655665556 5555555555554444 2223003122003222 5200828282828210 5105105105105100
  378282246310005 371449635398431 6011111111111117 6011000990139424 6011981111111113 3056930009020004 36227206271667
  6555900000604105 3566002020360505 6200000000000005 6200000000000047 6205500000000000004 4000000760000002
  4000001240000000 4000004840008001 4000000360000006 4000000400000008 4000000560000004 4000002080000001
  4000002330000009 4000002460000001 4000002500000003 4000002760000016 4000003000000030 4000003440000004
  4000003720000005 4000003800000008 4000004280000005 4000004400000000 4000004700000007 4000004420000006
  4000005280000002 4000005540000008 4000005780000007 4000006160000005 4000006200000007 4000006420000001
  4000007030000001 4000007050000006 4000007240000007 4000007520000008 4000007560000009 4000008260000000
  4000058260000005 5555558265554449 4000003560000008 4000003920000003 3530111333300000 4000007020000003
  4000001560000002 4000007640000003 4000007840000001 4000000000000002 4000000000009995 4000000000009987
  4000000000009979 4000000000000069 4000000000000127 4000000000000119 4000000000000101 4000000000000341
  4000000000000259 4000000000001976 4000000000005423 4100000000000019 4000000000004954 4000000000009235
  4000000000000010 4000000000000028 4000000000000036 4000000000000044 4000000000000077 4000000000000093
  4000000000003220 4000002500003155 4000002760003184 4000000000003063 4000008400001629 4000008400001280
  4000000000003055 4000000000003097 4000000000003238 4000000000003246 4000000000003253 4000003720000278
  4000000000000309 4000000000000317 4000000000000325 4000000000000333 4000000000001000 4000000000001091
  4000000000001604 4000000000006975 4000000000000267 4000000000000218 4000000000000226 4000000000000242
  4000000000003725 4000000000004202 4000000000004210 4000000000004236 4000000000001182 4000000000001133
  4000000000001208 4000000000001216 4111111111111111 4012888888881881 4222222222222 4009348888881881 4500600000000061
  4005519200000004 4217651111111119 4012000033330026 4012000077777777 4055011111111111 4000111111111115
  4111111111111129 5431111111111111 5454545454545454 2223000048400011 2223520043560014 6304000000000000
  378734493671000 5610591081018250 38520000023237 30569309025904 36259600000004 36438999960016 6011000991300009
  6331101999990016 3566111111111113 6243030000000001 6759649826438453 6759411100000008 370000000000002
  370000000100018 4035501000000008 4360000001000005 36006666333344 36070500001020 6011601160116611 6445644564456445
  3569990010095841 6771798021000008 2222400070000005 5555341244441115 5577000055770004 5555444433331111
  2222410740360010 4111111145551142 4988438843884305 4166676667666746 4646464646464644 4000620000000007
  4000060000000006 4293189100000008 4988080000000000 4444333322221111 4001590000000001 4000180000000002
  6250946000000016 5019555544445555 5066991111111118 6062828888666688 6011000400000000 3528000700000000
  4917300800000000 4484070000000000 4462030000000000 4917610000000000 122000000000003 343434343434343 36700102000000
  5019717010103742 630495060000000000 5163613613613613 4543474002249996 5436031030606378 4484600000000004
  5588686116426417 4007000000027 4012888818888 5424000000000015 2223000010309703 6011000000000012 3088000000000017
  38000000000006 6011000000000004
  `
    .split(/\s+/)
    .filter((n) => n.length > 0),
);

/** A card number (any separators) that a payment processor publishes for testing. */
export function isTestCard(value: string): boolean {
  return TEST_CARDS.has(value.replace(/\D/g, ''));
}

// ---------------------------------------------------------------------------------------------------------------

/** True when the finding's value is a fixture of its type (see above). */
export function isFixture(type: string, value: string): boolean {
  switch (type) {
    case 'EMAIL_ADDRESS':
      return isReservedEmail(value);
    case 'CREDIT_CARD':
      return isTestCard(value);
    case 'IP_ADDRESS':
      return isSpecialIp(value);
    default:
      return false;
  }
}
