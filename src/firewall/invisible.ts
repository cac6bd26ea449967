/**
 * Characters that render as nothing but split a token for a pattern: NUL and other C0/C1 controls (tab, line feed
 * and carriage return excepted), the soft hyphen, zero-width spaces and joiners, bidi marks, word joiners and the
 * BOM. `sk-proj-\u0000abc…` or `jo\u200bhn@example.org` read as a key and an address to a person or a model, so the
 * scanners must see them without the invisible characters; findings are mapped back to the text as sent.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

export interface Visible {
  /** The text without invisible characters (the same string when it had none). */
  text: string;
  /** Index in `text` → index in the original; null when nothing was removed. */
  map: Int32Array | null;
}

export function visible(text: string): Visible {
  if (!INVISIBLE.test(text)) return { text, map: null };
  const map = new Int32Array(text.length);
  let out = '';
  let n = 0;
  let from = 0;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) {
    for (let i = from; i < m.index; i++) map[n++] = i;
    out += text.slice(from, m.index);
    from = m.index + 1;
  }
  for (let i = from; i < text.length; i++) map[n++] = i;
  out += text.slice(from);
  return { text: out, map: map.subarray(0, n) };
}

/** A span of the visible text as a span of the original: invisible characters inside it belong to it. */
export function toOriginal<T extends { start: number; end: number }>(v: Visible, span: T): T {
  const map = v.map;
  if (!map || map.length === 0) return span;
  const start = map[Math.min(span.start, map.length - 1)]!;
  const end = span.end > 0 ? map[Math.min(span.end, map.length) - 1]! + 1 : start;
  return { ...span, start, end };
}
