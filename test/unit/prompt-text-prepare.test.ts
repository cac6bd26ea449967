import { describe, expect, it } from 'vitest';
import { MAX_STORED_CHARS, prepareText, storable, type TextFinding } from '../../src/monitoring/prompt-text/prepare.js';
import { effectiveMode } from '../../src/monitoring/prompt-text/mode.js';
import { recordsOf, textViewOf } from '../../src/monitoring/prompt-text/access.js';

const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const finding = (text: string, value: string, o: Partial<TextFinding> = {}): TextFinding => {
  const start = text.indexOf(value);
  if (start < 0) throw new Error(`${value} not in text`);
  return { scanner: 'secrets', type: 'github-pat', start, end: start + value.length, score: 0.9, masked: 'ghp_****q7R8', action: 'block', ...o };
};

describe('prepareText, masked', () => {
  it('masks every finding whatever its action, and places each finding on its marker', () => {
    const text = `deploy with ${SECRET} for Abraham Lincoln, mail bob@acme-corp.com`;
    const found = [
      finding(text, SECRET),
      finding(text, 'Abraham Lincoln', { scanner: 'pii', type: 'PERSON', action: 'log', masked: 'A****** L******' }),
      finding(text, 'bob@acme-corp.com', { scanner: 'pii', type: 'EMAIL_ADDRESS', action: 'redact', masked: 'b**@a********.com' }),
    ];
    const p = prepareText('prompt', text, found, 'masked');
    expect(p.text).toBe('deploy with [github-pat ghp_****q7R8] for [PERSON A****** L******], mail [EMAIL_ADDRESS b**@a********.com]');
    expect(p.text).not.toContain(SECRET);
    expect(p.text).not.toContain('Lincoln');
    expect(p.length).toBe(text.length);
    expect(p.findings.map((f) => [f.type, f.action, p.text.slice(f.start, f.end)])).toEqual([
      ['github-pat', 'block', '[github-pat ghp_****q7R8]'],
      ['PERSON', 'log', '[PERSON A****** L******]'],
      ['EMAIL_ADDRESS', 'redact', '[EMAIL_ADDRESS b**@a********.com]'],
    ]);
    // A stored finding says where and what, never the value or its masked form.
    expect(JSON.stringify(p.findings)).not.toContain('ghp_');
  });

  it('masks overlapping findings as one region that covers both, nothing of either left', () => {
    const text = 'a secretvalue1234567 b';
    const outer: TextFinding = { scanner: 'rules', type: 'block:r1', start: 2, end: 14, score: 1, masked: '[12 characters]', action: 'block' };
    const inner: TextFinding = { scanner: 'secrets', type: 'generic', start: 8, end: 20, score: 0.8, masked: 'val***', action: 'block' };
    const p = prepareText('prompt', text, [inner, outer], 'masked');
    expect(p.text).toBe('a [block:r1 [12 characters]] b');
    expect(p.text).not.toMatch(/value|1234/);
    expect(p.findings).toHaveLength(2);
    for (const f of p.findings) expect(p.text.slice(f.start, f.end)).toBe('[block:r1 [12 characters]]');
  });

  it('highlights allow-rule matches without masking them, at their shifted places', () => {
    const text = `${SECRET} about the weather in Paris`;
    const allow: TextFinding = { scanner: 'rules', type: 'allow:topic', start: text.indexOf('weather'), end: text.indexOf('weather') + 7, score: 1, masked: '[7 characters]', action: 'log' };
    const p = prepareText('prompt', text, [finding(text, SECRET), allow], 'masked');
    const f = p.findings.find((x) => x.type === 'allow:topic')!;
    expect(p.text.slice(f.start, f.end)).toBe('weather');
    expect(p.text).not.toContain(SECRET);
  });

  it('keeps the first 32,768 characters of the original; a secret across the cut is masked whole', () => {
    const head = 'x'.repeat(MAX_STORED_CHARS - 10);
    const text = `${head} ${SECRET} ${'y'.repeat(100)}`;
    const p = prepareText('prompt', text, [finding(text, SECRET)], 'masked');
    expect(p.length).toBe(text.length);
    expect(p.text).toBe(`${head} [github-pat ghp_****q7R8]`);
    expect(p.text).not.toContain('a1B2');
    expect(p.findings[0]!.end).toBe(p.text.length);
    const full = prepareText('prompt', text, [finding(text, SECRET)], 'full');
    expect(full.text).toHaveLength(MAX_STORED_CHARS);
    expect(full.findings[0]).toMatchObject({ start: head.length + 1, end: MAX_STORED_CHARS });
  });

  it('never cuts a surrogate pair, and keeps offsets true across characters Postgres cannot hold', () => {
    const text = 'a'.repeat(MAX_STORED_CHARS - 1) + '😀tail';
    expect(prepareText('response', text, [], 'full').text).toBe('a'.repeat(MAX_STORED_CHARS - 1));
    const odd = `nul\0 lone\ud800 ${SECRET}`;
    const p = prepareText('prompt', odd, [finding(odd, SECRET)], 'full');
    expect(p.text).toBe(`nul\ufffd lone\ufffd ${SECRET}`);
    expect(p.text.slice(p.findings[0]!.start, p.findings[0]!.end)).toBe(SECRET);
    expect(storable('fine 😀')).toBe('fine 😀');
  });

  it('ignores findings that do not fit the text (never masks beyond it)', () => {
    const p = prepareText('prompt', 'short', [{ scanner: 'pii', type: 'X', start: 3, end: 99, score: 1, masked: '*', action: 'log' }], 'masked');
    expect(p).toEqual({ text: 'short', length: 5, findings: [] });
  });
});

describe('modes and access', () => {
  it('full without the environment switch is in force as masked', () => {
    expect(effectiveMode('full', false)).toBe('masked');
    expect(effectiveMode('full', true)).toBe('full');
    expect(effectiveMode('off', false)).toBe('off');
  });

  it('admins see all text; analysts only with the switch; a developer only their own records and text', () => {
    expect(textViewOf({ role: 'admin', userId: 'a' }, false)).toEqual({ scope: 'all' });
    expect(textViewOf({ role: 'analyst', userId: 'b' }, false)).toEqual({ scope: 'own', userId: 'b' });
    expect(textViewOf({ role: 'analyst', userId: 'b' }, true)).toEqual({ scope: 'all' });
    expect(textViewOf({ role: 'developer', userId: 'c' }, true)).toEqual({ scope: 'own', userId: 'c' });
    expect(recordsOf({ role: 'developer', userId: 'c' })).toBe('c');
    expect(recordsOf({ role: 'analyst', userId: 'b' })).toBeUndefined();
  });
});
