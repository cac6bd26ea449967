import { isPlaceholder, isTemplateOrReference } from '../placeholders.js';
import type { RawMatch, SecretRule } from '../types.js';

const BACK = 4 * 1024;
const AHEAD = 16 * 1024;
const KIND_SECRET = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?secret["']?[ \t]*,?[ \t]*$/im;
const DATA_BLOCK = /^([ \t]*)(data|stringData):[ \t]*$/gm;
const ENTRY = /^([ \t]+)["']?([\w.-]+)["']?[ \t]*:[ \t]*(.*)$/;
const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

/** The YAML document around `at`: from the previous "---" line to the next one, within bounds. */
function documentAround(text: string, at: number): [number, number] {
  const from = Math.max(0, at - BACK);
  const sepBefore = text.slice(from, at).lastIndexOf('\n---');
  const start = sepBefore === -1 ? from : from + sepBefore + 4;
  const to = Math.min(text.length, at + AHEAD);
  const sepAfter = text.slice(at, to).indexOf('\n---');
  return [start, sepAfter === -1 ? to : at + sepAfter];
}

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Values under data:/stringData: of a `kind: Secret` manifest (base64 under data, plain under stringData). */
function secretValues(text: string, start: number, end: number): RawMatch[] {
  const doc = text.slice(start, end);
  if (!KIND_SECRET.test(doc)) return [];
  const out: RawMatch[] = [];
  DATA_BLOCK.lastIndex = 0;
  for (let block = DATA_BLOCK.exec(doc); block !== null; block = DATA_BLOCK.exec(doc)) {
    const indent = block[1]!.length;
    const plain = block[2] === 'stringData';
    let pos = block.index + block[0].length + 1;
    while (pos < doc.length) {
      const nl = doc.indexOf('\n', pos);
      const lineEnd = nl === -1 ? doc.length : nl;
      const line = doc.slice(pos, lineEnd);
      const m = ENTRY.exec(line);
      if (m === null || m[1]!.replace(/\t/g, '  ').length <= indent) {
        if (line.trim() !== '' && !line.trimStart().startsWith('#')) break;
      } else {
        let raw = m[3]!;
        let valueAt = pos + line.length - raw.length;
        if (raw.trim() === '|' || raw.trim() === '>') {
          const next = doc.indexOf('\n', lineEnd + 1);
          const nextLine = doc.slice(lineEnd + 1, next === -1 ? doc.length : next);
          raw = nextLine;
          valueAt = lineEnd + 1;
        }
        const value = unquote(raw.replace(/\s+#.*$/, ''));
        const ok = plain ? value.length >= 6 : BASE64.test(value);
        if (ok && !isPlaceholder(value) && !isTemplateOrReference(value)) {
          const s = start + valueAt + raw.indexOf(value);
          out.push({ start: s, end: s + value.length, score: 0.8 });
        }
      }
      pos = lineEnd + 1;
      if (nl === -1) break;
    }
  }
  return out;
}

/** Kubernetes Secret manifests: every value of their data/stringData maps is a credential. */
export const kubernetesSecretRule: SecretRule = {
  id: 'kubernetes-secret',
  keywords: ['apiversion'],
  priority: 1,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let lastEnd = -1;
    for (const hit of hits) {
      if (hit < lastEnd) continue;
      const [start, end] = documentAround(text, hit);
      lastEnd = end;
      out.push(...secretValues(text, start, end));
    }
    return out;
  },
};
