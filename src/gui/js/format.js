/** Formatting of figures for people; the raw value stays in a data-value attribute where tests or tools need it. */

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export const int = (n) => (n === null || n === undefined || Number.isNaN(Number(n)) ? '—' : intFmt.format(Number(n)));
export const dec = (n) => (n === null || n === undefined || Number.isNaN(Number(n)) ? '—' : decFmt.format(Number(n)));

/** USD with enough digits for sub-cent LLM prices ($0.000123). */
export function usd(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  const v = Number(n);
  if (v === 0) return '$0.00';
  const digits = Math.abs(v) >= 1 ? 2 : Math.abs(v) >= 0.01 ? 4 : 6;
  return '$' + v.toFixed(digits);
}

/** 0..1 → "42.5%". */
export const percent = (r) => (r === null || r === undefined || Number.isNaN(Number(r)) ? '—' : `${decFmt.format(Number(r) * 100)}%`);

export function ms(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  const v = Number(n);
  return v >= 1000 ? `${decFmt.format(v / 1000)} s` : `${decFmt.format(v)} ms`;
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${decFmt.format(v)} ${units[i]}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const when = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '—') : dateTime.format(d);
};

export const titleCase = (s) => String(s ?? '').replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
/** A date without the time (the exact moment goes in a title or data attribute where it matters). */
export const day = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '—') : dateOnly.format(d);
};

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso ?? '—');
  const s = Math.max(0, (now - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)} ${Math.floor(s / 86_400) === 1 ? 'day' : 'days'} ago`;
  return day(iso);
}
