/**
 * DATE_TIME, only as a date of birth: a calendar date (numeric in either day/month order, ISO, or with a month
 * name) near "born", "DOB", "birthday", "date of birth". A date alone is not PII, so without such a word nothing
 * is proposed.
 */
import { maskAll } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const LEFT = '(?<![\\w/.-])';
const RIGHT = '(?![\\w/]|[.-]\\d)';

const NUMERIC = new RegExp(`${LEFT}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${RIGHT}`, 'g');
const ISO = new RegExp(`${LEFT}(?:19|20)\\d{2}-(?:0?[1-9]|1[0-2])-(?:[12]\\d|3[01]|0?[1-9])${RIGHT}`, 'g');
const DAY_MONTH = new RegExp(`${LEFT}${DAY} (?:of )?${MONTH}\\.?,? (?:19|20)\\d{2}${RIGHT}`, 'gi');
const MONTH_DAY = new RegExp(`${LEFT}${MONTH}\\.? ${DAY},? (?:19|20)\\d{2}${RIGHT}`, 'gi');

const DOB_WORD = /born|birth|dob|d\.o\.b|b-day/i;

export const dateOfBirthRecognizer = patternRecognizer({
  entity: 'DATE_TIME',
  patterns: [
    { re: NUMERIC, score: 0.5 },
    { re: ISO, score: 0.5 },
    { re: DAY_MONTH, score: 0.5 },
    { re: MONTH_DAY, score: 0.5 },
  ],
  context: ['born', 'birth', 'dob', 'd.o.b', 'birthday', 'birthdate', 'date of birth', 'b-day'],
  requireContext: true,
  // Without one of its context words anywhere, no date can qualify: skip the date patterns altogether.
  applies: (input) => input.hasDigit && DOB_WORD.test(input.text),
  mask: maskAll,
  validate(_value, base, m) {
    if (m[2] === undefined) return undefined;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const valid = (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
    return valid ? base : 0;
  },
});
