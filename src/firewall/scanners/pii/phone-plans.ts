/**
 * Is a phone number valid in its country's numbering plan? The plans are libphonenumber-js's "max" metadata (the
 * per-type patterns of Google's libphonenumber: fixed line, mobile, toll free…); the steps are libphonenumber-js's
 * own parse + isValid, with each pattern compiled once per country.
 *
 * Why not call `isValidPhoneNumber()` directly: it builds a new RegExp for every pattern it tests
 * (helpers/matchesEntirely.js), 20–30 µs a call, and a number written without its country code is tried against
 * several countries. Compiled, a check costs about 1 µs. test/unit/firewall/pii-phone.test.ts compares this module
 * with `isValidPhoneNumber()` on thousands of numbers, so a libphonenumber-js upgrade that changes the steps fails
 * there. The Metadata accessors used here are untyped in the package's .d.ts (RawPlan below names them).
 *
 * The steps, as in libphonenumber-js 1.13 (parse.js, extractCountryCallingCode.js, extractNationalNumber.js,
 * getCountryByCallingCode.js, getNumberType.js): take the country calling code after "+" (or after the default
 * country's international prefix, or at the start when the number is too long without it); strip the national
 * prefix ("0", "8"…) when what remains is still a possible number; among the countries sharing a calling code
 * (+1, +7, +44…) pick the one whose leading digits or patterns match; the number is valid when it matches the
 * country's national number pattern and one of its number types.
 */
import { Metadata, type CountryCode } from 'libphonenumber-js/max';

interface RawType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface RawPlan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): RawType | undefined;
}
interface RawMetadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: RawPlan | undefined;
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

interface TypePattern {
  re: RegExp;
  lengths: readonly number[] | undefined;
}

interface Plan {
  callingCode: string;
  general: RegExp;
  lengths: readonly number[] | undefined;
  idd: RegExp | undefined;
  prefix: RegExp | undefined;
  transform: string | undefined;
  leading: RegExp | undefined;
  hasTypes: boolean;
  /** FIXED_LINE first, then MOBILE, PREMIUM_RATE, TOLL_FREE… as getNumberType tries them. */
  types: readonly TypePattern[];
}

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const MAX_LENGTH_COUNTRY_CODE = 3;
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;

const metadata = new Metadata() as unknown as RawMetadata;
const plans = new Map<string, Plan>();

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
const start = (pattern: string): RegExp => new RegExp(`^(?:${pattern})`);

/** The plan of a country ("GB") or of a calling code ("44": its main country, or a non-geographic plan). */
function plan(key: string): Plan | undefined {
  let p = plans.get(key);
  if (p) return p;
  const isCode = /^\d+$/.test(key);
  if (isCode ? !metadata.hasCallingCode(key) : !metadata.hasCountry(key)) return undefined;
  metadata.selectNumberingPlan(key);
  const raw = metadata.numberingPlan;
  if (!raw) return undefined;
  const types: TypePattern[] = [];
  for (const name of TYPES) {
    const t = raw.type(name);
    // An empty pattern never matches (isNumberTypeEqualTo), so the type is left out.
    if (t && t.pattern()) types.push({ re: whole(t.pattern()), lengths: t.possibleLengths() });
  }
  const prefix = raw.nationalPrefixForParsing();
  const leading = raw.leadingDigits();
  const idd = raw.IDDPrefix();
  p = {
    callingCode: raw.callingCode(),
    general: whole(raw.nationalNumberPattern()),
    lengths: raw.possibleLengths(),
    idd: idd ? start(idd) : undefined,
    prefix: prefix ? start(prefix) : undefined,
    transform: raw.nationalPrefixTransformRule() || undefined,
    leading: leading ? start(leading) : undefined,
    hasTypes: raw.hasTypes(),
    types,
  };
  plans.set(key, p);
  return p;
}

function typeMatches(nsn: string, t: TypePattern): boolean {
  if (t.lengths && !t.lengths.includes(nsn.length)) return false;
  return t.re.test(nsn);
}

/** getNumberType(…) !== undefined. */
function hasType(nsn: string, p: Plan): boolean {
  if (!p.general.test(nsn)) return false;
  for (const t of p.types) if (typeMatches(nsn, t)) return true;
  return false;
}

type LengthCheck = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

function checkLength(nsn: string, p: Plan): LengthCheck {
  const lengths = p.lengths;
  if (!lengths || lengths.length === 0) return 'IS_POSSIBLE';
  const min = lengths[0] as number;
  if (min === nsn.length) return 'IS_POSSIBLE';
  if (min > nsn.length) return 'TOO_SHORT';
  if ((lengths[lengths.length - 1] as number) < nsn.length) return 'TOO_LONG';
  return lengths.indexOf(nsn.length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** The country among those sharing a calling code, as getCountryByCallingCode. */
function countryFor(callingCode: string, nsn: string): string | undefined {
  const countries = metadata.getCountryCodesForCallingCode(callingCode);
  if (!countries || countries.length === 0) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const p = plan(country);
    if (!p) continue;
    if (p.leading) {
      if (nsn && p.leading.test(nsn)) return country;
    } else if (p.hasTypes && hasType(nsn, p)) return country;
  }
  return undefined;
}

/** extractNationalNumberFromPossiblyIncompleteNumber: strips a national prefix (and a carrier code). */
function stripNationalPrefix(number: string, p: Plan): string {
  if (!number || !p.prefix) return number;
  const m = p.prefix.exec(number);
  if (!m) return number;
  const captured = m.length - 1;
  const hasCaptured = captured > 0 && Boolean(m[captured]);
  if (p.transform && hasCaptured) return number.replace(p.prefix, p.transform);
  return number.slice(m[0].length);
}

/** extractNationalNumber: the stripped number, unless stripping leaves an impossible number. */
function nationalNumber(number: string, p: Plan): string {
  const nsn = stripNationalPrefix(number, p);
  if (nsn === number) return number;
  if (p.general.test(number) && !p.general.test(nsn)) return number;
  if (p.lengths) {
    const country = countryFor(p.callingCode, nsn);
    const lp = country ? plan(country) : p;
    const check = checkLength(nsn, lp ?? p);
    if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return number;
  }
  return nsn;
}

/** extractCountryCallingCode: the calling code and the rest, or just the number when it is national. */
function callingCodeOf(number: string, defaultCountry: string | undefined): { code?: string; rest?: string } {
  if (number[0] !== '+') {
    const dp = defaultCountry ? plan(defaultCountry) : undefined;
    let stripped: string | undefined;
    if (dp?.idd) {
      const m = dp.idd.exec(number);
      if (m) {
        stripped = number.slice(m[0].length);
        if (stripped[0] === '0') stripped = undefined;
      }
    }
    if (stripped !== undefined && stripped !== number) number = `+${stripped}`;
    else {
      if (dp && defaultCountry && number.startsWith(dp.callingCode)) {
        // extractCountryCallingCodeFromInternationalNumberWithoutPlusSign
        const shorter = number.slice(dp.callingCode.length);
        const shorterNsn = nationalNumber(shorter, dp);
        const nsn = nationalNumber(number, dp);
        if ((!dp.general.test(nsn) && dp.general.test(shorterNsn)) || checkLength(nsn, dp) === 'TOO_LONG') {
          return { code: dp.callingCode, rest: shorter };
        }
      }
      return { rest: number };
    }
  }
  if (number[1] === '0') return {};
  for (let i = 2; i - 1 <= MAX_LENGTH_COUNTRY_CODE && i <= number.length; i++) {
    const code = number.slice(1, i);
    if (metadata.hasCallingCode(code)) return { code, rest: number.slice(i) };
  }
  return {};
}

/**
 * True when `text` (digits with any separators; "+" for an international number) is a valid number: in its
 * country's plan when it has a country code, else in `defaultCountry`'s.
 */
export function isValidNumber(text: string, defaultCountry?: CountryCode): boolean {
  const plus = text.trimStart()[0] === '+';
  const number = (plus ? '+' : '') + text.replace(/\D/g, '');
  const { code: found, rest } = callingCodeOf(number, defaultCountry);
  let code = found;
  let country: string | undefined;
  let p: Plan | undefined;
  if (code) p = plan(code);
  else if (rest && defaultCountry) {
    p = plan(defaultCountry);
    code = p?.callingCode;
    country = defaultCountry;
  }
  if (!p || !code || !rest) return false;
  const nsn = nationalNumber(rest, p);
  const exact = countryFor(code, nsn);
  if (exact && exact !== '001') country = exact;
  if (nsn.length < MIN_LENGTH_FOR_NSN || nsn.length > MAX_LENGTH_FOR_NSN) return false;
  const vp = plan(country ?? code);
  if (!vp) return false;
  return vp.hasTypes ? hasType(nsn, vp) : vp.general.test(nsn);
}
