/**
 * The stream masker against small regex finders shaped like the real rules (tokens, PEM blocks, quoted values,
 * number runs, names): for any split of a text into chunks the stream delivers exactly maskText(text, find(text)),
 * and it holds back no more than a match can still span.
 */
import { describe, expect, it } from 'vitest';
import { createStreamMasker, maskText, type MaskFinding, type StreamMaskerOptions } from '../../../src/firewall/stream-masker.js';
import { ALNUM, random } from './secret-fixtures.js';

function finder(patterns: Record<string, RegExp>) {
  return (text: string): MaskFinding[] => {
    const out: MaskFinding[] = [];
    for (const [type, re] of Object.entries(patterns)) {
      for (const m of text.matchAll(re)) {
        // The value is group 1 or 2 when the pattern has them (name = "value"), else the whole match.
        const [start, end] = m.indices![1] ?? m.indices![2] ?? m.indices![0]!;
        out.push({ start, end, type, masked: `${end - start} chars` });
      }
    }
    return out;
  };
}

const SECRETS = {
  token: /(?<![A-Za-z0-9_-])tok_[A-Za-z0-9]{12,40}(?![A-Za-z0-9_-])/dg,
  'private-key': /-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]+?-----END [A-Z ]*PRIVATE KEY-----/dg,
  password: /(?<![A-Za-z0-9_])(?:password|secret)\s*[:=]\s*(?:"([^"\n]+)"|([^\s"]+))/dg,
};
const PII = {
  number: /(?<![\w+])\+?\d{2,4}(?:[ -]\d{2,4}){2,4}(?![\w])/dg,
  name: /(?<![\p{L}])[A-Z][a-z]+ (?:van )?[A-Z][a-z]{2,}(?![\p{L}])/dgu,
};
const findSecrets = finder(SECRETS);
const findAll = finder({ ...SECRETS, ...PII });

function stream(chunks: string[], opts: StreamMaskerOptions): string {
  const m = createStreamMasker(opts);
  return chunks.map((c) => m.push(c)).join('') + m.flush();
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEM_BODY = `${random(ALNUM, 40, 1)}\n${random(ALNUM, 30, 2)}`;
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`;
const PIECES = [
  'the', 'answer', 'is', 'simple', 'Sure,', 'here', 'it', 'is:', 'First', 'we', 'open', 'the', 'file.', "don't", 'worry',
  'tok_a8F3kQ9zL2mN7xP4', 'tok_Zz9', 'password = "correct horse battery"', 'secret: s3cr3t-V4lue', 'password="x y',
  PEM, '-----BEGIN PUBLIC KEY-----', '555 123 4567', '+1 202-555-0143', '2024', 'in 12 days', 'Jane Doe', 'Ada van Buren',
  'The key', 'token', '"quoted words"', '(see above)', '`code`', 'key=value',
];
const GAPS = [' ', ' ', ' ', '\n', '\n\n', '  ', '\t', ''];

function randomText(next: () => number): string {
  let text = '';
  const n = 3 + Math.floor(next() * 30);
  for (let i = 0; i < n; i++) text += (i ? GAPS[Math.floor(next() * GAPS.length)]! : '') + PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

function randomChunks(text: string, next: () => number, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(next() * max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Length of the word still being written: the trailing run of non-whitespace. */
const trailingTokenLength = (s: string): number => s.length - s.search(/\S*$/);

describe('maskText', () => {
  it('replaces findings with [type masked], leftmost-longest first, skipping overlaps', () => {
    const f = (start: number, end: number, type: string): MaskFinding => ({ start, end, type, masked: '***' });
    expect(maskText('abc secret def', [f(4, 10, 'x')])).toBe('abc [x ***] def');
    expect(maskText('0123456789', [f(2, 4, 'short'), f(2, 8, 'long'), f(6, 9, 'later'), f(9, 10, 'last')])).toBe('01[long ***]8[last ***]');
    expect(maskText('abc', [f(1, 1, 'empty')])).toBe('abc');
    expect(maskText('abc', [])).toBe('abc');
  });
});

describe('createStreamMasker: the stream delivers what masking the whole answer delivers', () => {
  for (const [label, find, pii] of [['secrets', findSecrets, false], ['secrets + PII', findAll, true]] as const) {
    it(`${label}: random texts, random chunkings (1-char, 1–20 and 1–64 chars)`, () => {
      for (let seed = 1; seed <= 300; seed++) {
        const next = rng(seed);
        const text = randomText(next);
        const expected = maskText(text, find(text));
        for (const max of [1, 20, 64]) {
          const got = stream(randomChunks(text, next, max), { find, pii });
          if (got !== expected) expect({ seed, max, text, got }).toEqual({ seed, max, text, got: expected });
        }
      }
    });

    it(`${label}: every split in two of a text with each shape`, () => {
      const text = `Sure: tok_a8F3kQ9zL2mN7xP4 then\n${PEM}\npassword = "correct horse battery" and Jane Doe on 555 123 4567 ok.`;
      const expected = maskText(text, find(text));
      expect(expected).not.toMatch(/tok_a8F|horse/);
      for (const line of PEM_BODY.split('\n')) expect(expected).not.toContain(line);
      for (let i = 0; i <= text.length; i++) {
        const got = stream([text.slice(0, i), text.slice(i)], { find, pii });
        if (got !== expected) expect({ i, got }).toEqual({ i, got: expected });
      }
    });
  }

  it('releases no character of a secret before it is masked', () => {
    const text = `key: tok_a8F3kQ9zL2mN7xP4\n${PEM}\nsecret= "two words"\n`;
    const m = createStreamMasker({ find: findSecrets, pii: false });
    let out = '';
    for (const c of text) {
      out += m.push(c);
      expect(out).not.toMatch(/tok_|two/);
      expect(out).not.toContain(PEM_BODY.slice(0, 8));
    }
    expect(out + m.flush()).toBe(maskText(text, findSecrets(text)));
  });
});

describe('createStreamMasker: what it holds back', () => {
  const PROSE =
    "Sure! Streaming keeps the first token fast. The model writes a few characters at a time, and the gateway passes " +
    "them on as soon as it knows they cannot be part of anything that must be masked. It doesn't wait for the end " +
    'of the answer; only the word still being written stays behind.\nThat is all there is to it.';

  it('secrets only: prose is held back by its trailing partial word alone', () => {
    for (const max of [1, 4, 20]) {
      const next = rng(max);
      const m = createStreamMasker({ find: findSecrets, pii: false });
      let pushed = '';
      let out = '';
      for (const c of randomChunks(PROSE, next, max)) {
        pushed += c;
        out += m.push(c);
        expect(pushed.length - out.length).toBeLessThanOrEqual(trailingTokenLength(pushed));
      }
      expect(out + m.flush()).toBe(PROSE);
    }
  });

  it('secrets + PII: a capitalised word or a number also waits for the two words after it', () => {
    const m = createStreamMasker({ find: findAll, pii: true });
    let pushed = '';
    let out = '';
    for (const c of PROSE) {
      pushed += c;
      out += m.push(c);
      const held = pushed.slice(out.length);
      if (held.trim().split(/\s+/).length > 3) expect(held).toBe('at most three words');
    }
    expect(out + m.flush()).toBe(PROSE);
  });

  it('holds a PEM block from BEGIN until its END line closes', () => {
    const m = createStreamMasker({ find: findSecrets, pii: false });
    const text = `Here:\n${PEM}\nDone.`;
    const end = text.indexOf('-----END') + '-----END RSA PRIVATE KEY'.length;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      out += m.push(text[i]!);
      if (i > text.indexOf('-----BEGIN') && i < end) expect(out).toBe('Here:\n');
    }
    expect(out + m.flush()).toBe(`Here:\n[private-key ${PEM.length} chars]\nDone.`);
  });

  it('holds an open quoted value after a credential name until the quote closes', () => {
    const m = createStreamMasker({ find: findSecrets, pii: false });
    expect(m.push('password = "correct ')).toBe('password = ');
    expect(m.push('horse battery')).toBe('');
    expect(m.push('" then ')).toBe('"[password 21 chars]" then ');
    expect(m.flush()).toBe('');
  });

  it('releases what it holds once maxHoldChars is exceeded, and says so in the limit', () => {
    const m = createStreamMasker({ find: findSecrets, pii: false, maxHoldChars: 64 });
    let pushed = '-----BEGIN RSA PRIVATE KEY-----\n';
    let out = m.push(pushed);
    expect(out).toBe('');
    for (let i = 0; i < 10; i++) {
      const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n';
      pushed += line;
      out += m.push(line);
      expect(pushed.length - out.length).toBeLessThanOrEqual(64);
    }
    expect(out + m.flush()).toBe(pushed);
  });

  it('when forced, still keeps the word being written, and masks a finding that reaches past the limit whole', () => {
    const m = createStreamMasker({ find: findSecrets, pii: false, maxHoldChars: 32 });
    // An open quote after a credential name is held; past 32 characters it goes, but not the partial token.
    expect(m.push('password = "one two three four five six seven tok_a8F3kQ')).toBe('password = "one two three four five six seven ');
    expect(m.push('9zL2mN7xP4 end')).toBe('[token 20 chars] ');
    expect(m.flush()).toBe('end');
    const cut = createStreamMasker({ find: () => [{ start: 0, end: 60, type: 'long', masked: '…' }], pii: false, maxHoldChars: 32 });
    expect(cut.push('-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(32))).toBe('[long …]');
  });
});

describe('createStreamMasker: bookkeeping', () => {
  it('reports each masked finding once, with offsets into the whole answer', () => {
    const text = 'a tok_a8F3kQ9zL2mN7xP4 b secret=s3cr3t-V4lue c';
    const seen: MaskFinding[] = [];
    const m = createStreamMasker({ find: findSecrets, pii: false, onMasked: (f) => seen.push(f) });
    for (const c of text) m.push(c);
    m.flush();
    expect(seen.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['token', 'tok_a8F3kQ9zL2mN7xP4'],
      ['password', 's3cr3t-V4lue'],
    ]);
  });

  it('ignores empty chunks, flushes once, and lets a finder error through (the gate fails closed)', () => {
    const m = createStreamMasker({ find: findSecrets, pii: false });
    expect(m.push('')).toBe('');
    expect(m.push('hello wor')).toBe('hello ');
    expect(m.flush()).toBe('wor');
    expect(m.flush()).toBe('');
    const broken = createStreamMasker({ find: () => { throw new Error('scanner down'); }, pii: false });
    expect(() => broken.push('some text ')).toThrow('scanner down');
    expect(() => createStreamMasker({ find: findSecrets, maxHoldChars: 0 })).toThrow(RangeError);
  });

  it('scans only the buffer and a bounded lookbehind, not the whole answer', () => {
    let scanned = 0;
    const m = createStreamMasker({ find: (t) => ((scanned = Math.max(scanned, t.length)), findSecrets(t)), pii: false });
    const word = 'lorem ipsum dolor sit amet ';
    for (let i = 0; i < 2000; i++) m.push(word);
    m.flush();
    expect(scanned).toBeLessThan(400);
  });
});
