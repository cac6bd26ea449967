/**
 * Masks leaks in a streamed answer before its text reaches the client. Chunks are appended to an unreleased
 * buffer; each push releases the buffer up to the hold point — the earliest text that could still be part of a
 * match once more text arrives (see stream-masker-holds.ts) — after masking what the scanners find there. The scan
 * covers the buffer plus a little released text before it (context the rules read: the name before a value, PII
 * context words, "curl" before "-u user:pass"), so the work per push does not grow with the answer.
 *
 * Guarantee: for any split of a text into chunks, the pushes joined plus flush() equal maskText(text, find(text)),
 * provided find is local in the way the real scanners are (a finding depends on at most the LOOKBEHIND characters
 * before it, or the anchors below, and on what follows it only as far as the hold rules wait). Since released text
 * cannot be taken back, equality means no character of a finding is released before it is masked.
 *
 * Limits, by design: when more than maxHoldChars (default 8 KB, above the largest PEM key) is held, the buffer is
 * scanned and released as it is, so a longer secret may be cut and the rest of it scanned on its own. Two shapes
 * depend on text that may come later and are not waited for: a Kubernetes Secret whose "kind: Secret" line
 * follows its data block (its values go out line by line before), and a PEM key typed gcp-service-account-key
 * because "service_account" follows it (it is still masked, as private-key).
 */
import {
  isSpace,
  lineHold,
  pemHold,
  piiHold,
  quotedHold,
  spacedPrefixHold,
  trailingToken,
  type PemState,
} from './stream-masker-holds.js';

export interface MaskFinding {
  start: number;
  end: number;
  type: string;
  masked: string;
}

export interface StreamMaskerOptions {
  /** Finds what must be masked in a text (the gate passes secrets + PII-when-redacting findings). Offsets into `text`. */
  find(text: string): MaskFinding[];
  /** Upper bound on held-back text, so a pathological stream cannot buffer without limit (default 8192 chars). */
  maxHoldChars?: number;
  /** Called once per masked finding (for firewall events); offsets are into the whole answer. */
  onMasked?(f: MaskFinding): void;
  /**
   * `find` reports PII too (the gate's redact mode): also hold number runs, capitalised runs and name cues until
   * the two words after them have arrived (PII is scored with its context). Default true; pass false when only
   * secrets are masked, so prose is held back by its trailing partial word only.
   */
  pii?: boolean;
}

export interface StreamMasker {
  push(chunk: string): string;
  flush(): string;
}

/** Released text scanned again before the buffer: PII context (96 chars), a credential name before its value. */
const LOOKBEHIND = 256;
/** Released text kept at least (the lookbehind, and what the hold rules read before the buffer); more for anchors. */
const KEEP = 1024;
/** Context a few rules read far before a match: the window reaches back to the anchor when it is that close. */
const ANCHORS: readonly { needle: string; back: number; reach: number }[] = [
  { needle: 'curl', back: 600, reach: 0 }, // curl -u user:pass needs "curl" earlier on the line
  { needle: 'sv=', back: 400, reach: 0 }, // an Azure SAS signature needs sv= (after ? or &) before it
  { needle: 'private_key', back: 300, reach: 3000 }, // a PEM key in a GCP key file: service_account within 3000
];
/** Kubernetes Secret manifests: the rule reads the YAML document around "apiVersion", up to 4 KB before it. */
const K8S_BACK = 4096;
const K8S_AHEAD = 16 * 1024;
const API_VERSION = 'apiversion';
const DOC_SEPARATOR = '\n---';
const NEEDLES = [...ANCHORS.map((a) => a.needle), DOC_SEPARATOR];
const TRACK_OVERLAP = 16;

const marker = (f: MaskFinding): string => `[${f.type} ${f.masked}]`;
const ordered = (fs: readonly MaskFinding[]): MaskFinding[] =>
  fs.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);

/** Replaces each finding (non-overlapping, leftmost-longest first) with `[<type> <masked>]`. */
export function maskText(text: string, findings: MaskFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of ordered(findings)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + marker(f);
    at = f.end;
  }
  return out + text.slice(at);
}

export function createStreamMasker(opts: StreamMaskerOptions): StreamMasker {
  const maxHold = opts.maxHoldChars ?? 8192;
  const pii = opts.pii ?? true;
  if (!(maxHold > 0)) throw new RangeError('maxHoldChars must be positive');
  /** Retained text: released context then the unreleased buffer; `base` is the answer offset of all[0]. */
  let all = '';
  let base = 0;
  /** Answer offset up to which text was released. */
  let released = 0;
  let pem: PemState | undefined;
  /** Where each anchor, "apiVersion" and the YAML document separator occur, ascending (answer offsets). */
  const places = new Map<string, number[]>([...NEEDLES, API_VERSION].map((n) => [n, []]));
  const at = (n: string): number[] => places.get(n)!;

  /** Records the anchors in a new chunk, reading only it and a few characters before it. */
  function track(chunk: string): void {
    const from = Math.max(0, all.length - TRACK_OVERLAP);
    const s = all.slice(from) + chunk;
    const off = base + from;
    const add = (n: string, k: number): void => {
      const list = at(n);
      if (list.length === 0 || off + k > list[list.length - 1]!) list.push(off + k);
    };
    for (const n of NEEDLES) for (let k = s.indexOf(n); k >= 0; k = s.indexOf(n, k + 1)) add(n, k);
    const api = /apiversion/gi;
    for (let m = api.exec(s); m !== null; m = api.exec(s)) add(API_VERSION, m.index);
  }

  /** The text being written is in a YAML document that has an apiVersion (a Kubernetes manifest). */
  function inK8sDoc(): boolean {
    const api = at(API_VERSION).at(-1);
    return api !== undefined && api > (at(DOC_SEPARATOR).at(-1) ?? -1) && base + all.length - api < K8S_AHEAD;
  }

  function holdPoint(): number {
    const from = released - base;
    let h = Math.min(trailingToken(all, from), spacedPrefixHold(all, from), quotedHold(all, from));
    const p = pemHold(all, from, pem && { begin: pem.begin - base, read: pem.read - base });
    pem = p.state && { begin: p.state.begin + base, read: p.state.read + base };
    h = Math.min(h, p.at);
    if (inK8sDoc()) h = Math.min(h, lineHold(all, from));
    if (pii) h = Math.min(h, piiHold(all, from));
    return base + Math.max(h, from);
  }

  function windowStart(): number {
    let w = released - LOOKBEHIND;
    for (const { needle, back, reach } of ANCHORS) {
      const p = at(needle).find((k) => k >= released - back);
      if (p !== undefined && p < released) w = Math.min(w, p - 1, released - reach);
    }
    // The manifest the unreleased text belongs to: from its separator (or 4 KB before its apiVersion).
    const sep = at(DOC_SEPARATOR).findLast((k) => k < released) ?? -1;
    const api = at(API_VERSION).find((k) => k > sep);
    if (api !== undefined && released - api < K8S_AHEAD) w = Math.min(w, Math.max(sep, api - K8S_BACK));
    if (w <= base) return base;
    // Start after a whitespace, so that no word or name is cut in two.
    let i = w - base;
    const stop = released - base;
    while (i < stop && !isSpace(all.charCodeAt(i))) i++;
    return base + Math.min(i + 1, stop);
  }

  /**
   * Scans, masks and releases the buffer up to `upTo`: less when a finding reaches past it (it may still grow), or,
   * when `forced` (the hold outgrew maxHoldChars), more, so the finding goes out whole and masked.
   */
  function release(upTo: number, forced = false): string {
    const w = windowStart();
    const found = opts
      .find(all.slice(w - base))
      .map((f) => ({ start: f.start + w, end: f.end + w, type: f.type, masked: f.masked }))
      .filter((f) => f.end > released && f.end > f.start);
    let p = upTo;
    // A finding that began in released text means a hold rule missed a shape: mask the rest of it now.
    let floor = released;
    for (const f of found) if (f.start < released) floor = Math.max(floor, Math.min(f.end, base + all.length));
    p = Math.max(p, floor);
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of found) {
        if (f.start >= floor && f.start < p && f.end > p) {
          p = forced ? f.end : f.start;
          changed = true;
        }
      }
    }
    let out = '';
    let cursor = released;
    for (const f of ordered(found)) {
      const start = Math.max(f.start, released);
      if (start < cursor || f.end > p) continue;
      out += all.slice(cursor - base, start - base) + marker(f);
      cursor = f.end;
      opts.onMasked?.(f);
    }
    out += all.slice(cursor - base, p - base);
    released = p;
    // Drop released text no later scan will read, now and then, so the retained text stays short and cheap to copy.
    const keep = Math.min(windowStart(), released - KEEP);
    if (keep - base > KEEP) {
      all = all.slice(keep - base);
      base = keep;
      for (const list of places.values()) while (list.length > 1 && list[0]! < base) list.shift();
    }
    return out;
  }

  return {
    push(chunk: string): string {
      if (chunk.length === 0) return '';
      track(chunk);
      all += chunk;
      const h = holdPoint();
      const end = base + all.length;
      if (end - h <= maxHold) return h > released ? release(h) : '';
      // Held too long (a PEM block or a quote that does not end): let it go, but not the word being written,
      // unless that word alone is over the limit.
      const word = base + trailingToken(all, released - base);
      return release(end - word <= maxHold ? word : end, true);
    },
    flush(): string {
      const end = base + all.length;
      return end > released ? release(end) : '';
    },
  };
}
