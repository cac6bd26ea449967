/**
 * A sortable table: each column header is a button (aria-sort on the header says the order), rows keep their data.
 * columns: [{ label, value(row) → number|string|null (what sorts), render(row) → node|string, class? }].
 */
import { h, replace } from './dom.js';

export function sortableTable(caption, columns, rows, { sortBy = 0, descending = true, empty = 'Nothing yet.', rowAttrs } = {}) {
  let by = sortBy;
  let desc = descending;
  const thead = h('thead');
  const tbody = h('tbody');
  const wrap = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', { class: 'sortable' }, h('caption', { class: 'visually-hidden' }, caption), thead, tbody));

  function compare(a, b) {
    const va = columns[by].value(a);
    const vb = columns[by].value(b);
    if (va === vb) return 0;
    if (va === null || va === undefined) return 1;
    if (vb === null || vb === undefined) return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return desc ? -c : c;
  }

  function draw(focusHeader) {
    replace(
      thead,
      h(
        'tr',
        {},
        columns.map((c, i) =>
          h(
            'th',
            { scope: 'col', class: c.class ?? null, 'aria-sort': i === by ? (desc ? 'descending' : 'ascending') : null },
            h('button', { type: 'button', class: 'sort', dataset: { col: String(i) }, onclick: () => sort(i) }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, i === by ? (desc ? ' ▼' : ' ▲') : '')),
          ),
        ),
      ),
    );
    const sorted = [...rows].sort(compare);
    replace(
      tbody,
      sorted.length
        ? sorted.map((r) => h('tr', rowAttrs?.(r) ?? {}, columns.map((c) => h('td', { class: c.class ?? null, 'data-label': c.label }, c.render(r)))))
        : h('tr', {}, h('td', { colspan: String(columns.length), class: 'empty' }, empty)),
    );
    if (focusHeader !== undefined) thead.querySelector(`button[data-col="${focusHeader}"]`)?.focus();
  }

  function sort(i) {
    // A new column starts with the biggest first for figures, A→Z for names.
    if (i === by) desc = !desc;
    else {
      by = i;
      desc = columns[i].class === 'num';
    }
    draw(i);
  }

  draw();
  return wrap;
}
