/**
 * What is stored of one text (a prompt or an answer): pure functions, run off the request path (capture.ts).
 *
 * masked: every finding is replaced by `[<type> <masked form>]`, the form the firewall's events and the stream masker
 * use, whatever the finding's action (a finding the policy only logs is masked too); the masked form never holds the
 * value. Allow-rule matches mark permitted topics, not sensitive content: they are highlighted, not masked.
 * full: the text as it is, findings at their places. Either way only the first MAX_STORED_CHARS characters of the
 * original are kept (masked before the cut, so a secret across it is masked whole) with the whole length beside
 * them, and the characters Postgres cannot hold are replaced one for one, so every offset stays true.
 */

/** The longest text stored per field, in UTF-16 code units (32 KB of ASCII). */
export const MAX_STORED_CHARS = 32_768;

export type StoredMode = 'masked' | 'full';
export type TextField = 'prompt' | 'response';

/** A finding as the firewall reports it (ReportedFinding), offsets into the text it was found in. */
export interface TextFinding {
  scanner: string;
  type: string;
  start: number;
  end: number;
  score: number;
  masked: string;
  action: string;
}

/** A finding as stored: where it is in the stored text (the marker, when masked), never its value or masked form. */
export interface StoredFinding {
  field: TextField;
  scanner: string;
  type: string;
  action: string;
  start: number;
  end: number;
  score: number;
}

export interface PreparedText {
  text: string;
  /** Characters of the whole text before the cap. */
  length: number;
  findings: StoredFinding[];
}

const isAllowRule = (f: TextFinding) => f.scanner === 'rules' && f.type.startsWith('allow:');
const marker = (f: TextFinding) => `[${f.type} ${f.masked}]`;

export function prepareText(field: TextField, raw: string, findings: readonly TextFinding[], mode: StoredMode): PreparedText {
  const valid = findings.filter((f) => f.start >= 0 && f.end > f.start && f.end <= raw.length);
  // The stored text covers the first MAX_STORED_CHARS characters of the original, never half a surrogate pair.
  let keep = raw.length;
  if (keep > MAX_STORED_CHARS) {
    const c = raw.charCodeAt(MAX_STORED_CHARS - 1);
    keep = c >= 0xd800 && c <= 0xdbff ? MAX_STORED_CHARS - 1 : MAX_STORED_CHARS;
  }
  if (mode === 'full') return cut(storable(raw), raw.length, valid.map((f) => stored(field, f, f.start, f.end)), keep);
  const { text, found, place } = maskAll(field, raw, valid);
  // A finding across the cut is masked whole: its marker is kept entire.
  return cut(storable(text), raw.length, found, place(keep, 'end'));
}

function stored(field: TextField, f: TextFinding, start: number, end: number): StoredFinding {
  return { field, scanner: f.scanner, type: f.type, action: f.action, start, end, score: f.score };
}

/**
 * Masks every finding but allow-rule matches, leftmost-longest first; a finding inside (or overlapping) one already
 * masked is reported at that marker, so the reader still sees it was there.
 */
function maskAll(field: TextField, raw: string, findings: readonly TextFinding[]) {
  const masking = findings.filter((f) => !isAllowRule(f)).sort((a, b) => a.start - b.start || b.end - a.end);
  /** Masked regions: original [from, to) → stored [at, at + len). */
  const regions: { from: number; to: number; at: number; len: number }[] = [];
  const found: StoredFinding[] = [];
  let out = '';
  let cursor = 0;
  for (const f of masking) {
    const last = regions.at(-1);
    if (last && f.start < last.to) {
      // Overlapping: the marker already there stands for it, and swallows whatever of it reaches further.
      if (f.end > last.to) cursor = last.to = f.end;
      found.push(stored(field, f, last.at, last.at + last.len));
      continue;
    }
    out += raw.slice(cursor, f.start);
    const m = marker(f);
    regions.push({ from: f.start, to: f.end, at: out.length, len: m.length });
    found.push(stored(field, f, out.length, out.length + m.length));
    out += m;
    cursor = f.end;
  }
  out += raw.slice(cursor);
  // Where an original offset lands in the stored text: inside a masked region, at that region's marker.
  const place = (p: number, edge: 'start' | 'end'): number => {
    let shift = 0;
    for (const r of regions) {
      if (p < r.from || (edge === 'end' && p === r.from)) break;
      if (p < r.to || (edge === 'end' && p === r.to)) return edge === 'start' ? r.at : r.at + r.len;
      shift += r.len - (r.to - r.from);
    }
    return p + shift;
  };
  for (const f of findings) if (isAllowRule(f)) found.push(stored(field, f, place(f.start, 'start'), place(f.end, 'end')));
  return { text: out, found: found.sort((a, b) => a.start - b.start || b.end - a.end), place };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** NUL (Postgres text cannot hold it) and lone surrogates (not valid JSON for Postgres) become U+FFFD, one for one. */
export function storable(s: string): string {
  const clean = s.includes('\0') ? s.replaceAll('\0', '\ufffd') : s;
  return clean.search(LONE_SURROGATE) === -1 ? clean : clean.replace(LONE_SURROGATE, '\ufffd');
}

/** The stored text up to `at`, findings clipped to it; `length` is the whole original's. */
function cut(text: string, length: number, found: StoredFinding[], at: number): PreparedText {
  if (at >= text.length) return { text, length, findings: found };
  return {
    text: text.slice(0, at),
    length,
    findings: found.filter((f) => f.start < at).map((f) => (f.end > at ? { ...f, end: at } : f)),
  };
}
