/**
 * Shows scanned text with every finding marked. Findings may overlap (a PII span inside a block-rule match), so the
 * text is cut at every finding boundary and each piece is marked with all the findings covering it. Each finding
 * ends with its number, so the marks do not rely on colour alone and match the findings table.
 */
import { h } from '../dom.js';

const PRIORITY = ['secrets', 'toxicity', 'pii', 'rules-block', 'rules-allow'];

export function findingLabel(f) {
  if (f.scanner === 'rules') {
    const [kind] = String(f.type).split(':');
    return kind === 'allow' ? 'allow rule' : 'block rule';
  }
  return f.type;
}

const kindOf = (f) => (f.scanner === 'rules' ? (String(f.type).startsWith('allow:') ? 'rules-allow' : 'rules-block') : f.scanner);

export function highlightFindings(text, findings) {
  const valid = findings
    .map((f, i) => ({ ...f, n: i + 1 }))
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= text.length && f.end > f.start);
  const cuts = new Set([0, text.length]);
  for (const f of valid) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    const piece = text.slice(from, to);
    const covering = valid.filter((f) => f.start < to && f.end > from);
    if (!covering.length) {
      out.push(piece);
    } else {
      const kinds = covering.map(kindOf).sort((a, b) => PRIORITY.indexOf(a) - PRIORITY.indexOf(b));
      out.push(
        h(
          'mark',
          { class: `finding finding-${kinds[0]}`, title: covering.map((f) => `#${f.n} ${f.scanner}: ${findingLabel(f)}`).join('; '), dataset: { findings: covering.map((f) => f.n).join(' ') } },
          piece,
        ),
      );
    }
    for (const f of valid.filter((x) => x.end === to)) {
      out.push(h('span', { class: `finding-tag finding-tag-${kindOf(f)}` }, `${f.n} ${findingLabel(f)}`));
    }
  }
  return h('div', { class: 'highlighted', role: 'group', 'aria-label': valid.length ? `Scanned text with ${valid.length} findings marked` : 'Scanned text, nothing found' }, out);
}
