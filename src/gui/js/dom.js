/**
 * Tiny DOM helpers. Everything the server sends is put into the page as text nodes or attribute values, never as
 * HTML: there is no innerHTML anywhere in the dashboard.
 */

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': 'Delete' }, 'Delete')
 * Attributes starting with "on" become listeners; null/undefined/false attributes are skipped; children may be
 * strings, numbers, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'value' && 'value' in el) el.value = value;
    else if (name === 'checked' || name === 'selected' || name === 'disabled' || name === 'hidden') el[name] = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let uid = 0;
/** A unique id for label/aria wiring. */
export const newId = (prefix = 'id') => `${prefix}-${++uid}`;

/** A labelled form field: <div class="field"><label for>…</label><control id>…</div>. */
export function field(labelText, control, hint) {
  const id = control.id || newId('f');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintEl);
}

/** A <select> with options [{value, label}] or strings. */
export function select(attrs, options, selected) {
  return h(
    'select',
    attrs,
    options.map((o) => {
      const { value, label } = typeof o === 'string' ? { value: o, label: o } : o;
      return h('option', { value, selected: value === selected }, label);
    }),
  );
}

/** A message box; kind = info | error | success | warn. Errors are role=alert, the rest role=status. */
export function notice(kind, ...text) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** A section with a heading (its own landmark when labelled). */
export function section(title, ...children) {
  const id = newId('s');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A simple data table: columns [{ label, render(row) → node|string, class? }]. */
export function table(caption, columns, rows, opts = {}) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: opts.scrollable === false ? null : '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: opts.class ?? null },
      h('caption', { class: opts.showCaption ? null : 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class ?? null }, c.label)))),
      h(
        'tbody',
        {},
        rows.length
          ? rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class ?? null, 'data-label': c.label }, c.render(r)))))
          : h('tr', {}, h('td', { colspan: String(columns.length), class: 'empty' }, opts.empty ?? 'Nothing yet.')),
      ),
    ),
  );
}
