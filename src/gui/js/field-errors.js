/**
 * Errors next to the field they are about, in plain words: the message goes under the control, the control gets
 * aria-invalid and points at the message with aria-describedby, so a screen reader reads it with the field.
 */
import { h } from './dom.js';

export function clearFieldError(control) {
  const id = `${control.id}-error`;
  document.getElementById(id)?.remove();
  control.removeAttribute('aria-invalid');
  const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
  else control.removeAttribute('aria-describedby');
}

export function showFieldError(control, message) {
  clearFieldError(control);
  const id = `${control.id}-error`;
  const el = h('p', { class: 'field-error', id }, message);
  (control.closest('.field') ?? control.parentElement).append(el);
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  control.setAttribute('aria-describedby', [id, ...described].join(' '));
}

const RE2_DETAIL = /Invalid regular expression: \/.*\/[a-z]*: ([^:]+)(?::.*)?$/s;

/** A server message for a field in words for people: no "body.x:" prefix, no regex flags and engine jargon. */
export function plainMessage(message) {
  const text = String(message ?? '').replace(/^body\.[\w.]+: /, '');
  if (/not a valid RE2 regular expression/.test(text)) {
    const detail = RE2_DETAIL.exec(text)?.[1];
    return `This is not a regular expression the firewall can use${detail ? ` (${detail})` : ''}. Check brackets and escapes; backreferences such as \\1 and lookarounds such as (?=…) are not supported.`;
  }
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

/**
 * Puts an API error's field messages next to their controls (fields: { 'body.pattern': control, … }). Returns the
 * first control marked, or null when the error names none of them.
 */
export function showApiFieldErrors(err, fields) {
  const list = err?.details?.fields ?? [];
  let first = null;
  for (const f of list) {
    const control = fields[f.path];
    if (!control) continue;
    showFieldError(control, plainMessage(f.message));
    first ??= control;
  }
  if (!first && err?.code === 'CONFLICT' && fields['body.pattern']) {
    showFieldError(fields['body.pattern'], plainMessage(err.message));
    first = fields['body.pattern'];
  }
  return first;
}
