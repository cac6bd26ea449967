/** Shared page pieces: a clear message for a failed call, KPI tiles, and a modal dialog. */
import { ApiError } from './api.js';
import { h, newId, notice, replace } from './dom.js';

/** "unavailable" for a capability this server does not have (yet); "your role" for 403; the message otherwise. */
export function problem(err, what) {
  if (err instanceof ApiError && err.unavailable) return notice('warn', `${what} unavailable: this server does not offer it (${err.message}).`);
  if (err instanceof ApiError && err.status === 403) return notice('error', `${what}: your role cannot see this (${err.message}).`);
  return notice('error', `${what} could not be loaded: ${err.message}`);
}

/** A KPI tile; data-metric and data-value carry the exact figure the API reported. */
export function kpi(metric, label) {
  const value = h('p', { class: 'kpi-value', dataset: { metric } }, '—');
  const sub = h('p', { class: 'kpi-sub' });
  const el = h('div', { class: 'kpi' }, h('h3', { class: 'kpi-label' }, label), value, sub);
  return {
    el,
    set(raw, text, subText) {
      value.dataset.value = raw === null || raw === undefined ? '' : String(raw);
      value.textContent = text;
      sub.textContent = subText ?? '';
    },
  };
}

/**
 * Shows a message in a box that a live refresh fills every few seconds: an unchanged message is left alone, so
 * screen readers do not hear the same alert again and again. No nodes: clears the box.
 */
export function setStatus(box, ...nodes) {
  const text = nodes.map((n) => n?.textContent ?? '').join('\n');
  if (box.dataset.shown === text) return;
  box.dataset.shown = text;
  replace(box, ...nodes);
}

/**
 * A modal <dialog> with a heading, appended to the body and opened: the page behind is inert, Escape closes it, and
 * focus returns to where it was. Closing removes it. Returns { el, close }.
 */
export function modal(title, children, { onClose, describedBy, className } = {}) {
  const titleId = newId('dialog');
  const el = h('dialog', { class: `modal ${className ?? ''}`.trim(), 'aria-labelledby': titleId, 'aria-describedby': describedBy ?? null }, h('h2', { id: titleId }, title), children);
  el.addEventListener('close', () => {
    el.remove();
    onClose?.();
  });
  document.body.append(el);
  el.showModal();
  return { el, close: () => el.open && el.close() };
}
