/**
 * Spend against budget, shared by the Overview, the Keys page and the Users page. A period is what the API reports
 * for a UTC day or month: { spent_usd, limit_usd | null, remaining_usd | null, resets_at }.
 */
import { get } from '../api.js';
import { h, newId, notice, replace, table } from '../dom.js';
import { percent, usd, when } from '../format.js';
import { problem, setStatus } from '../ui.js';
import { logHash } from './request-log-url.js';

/** "$5.00", or the words for no figure: `unset` says what null means where it is shown. */
export const budgetText = (v, unset = 'No limit') => (v === null || v === undefined ? unset : usd(v));

/**
 * One period as words and a bar: "$0.0040 of $0.01 · 40%". The bar is decoration (aria-hidden); the text says it
 * all. data-spent and data-limit carry the exact figures.
 */
export function spendMeter(period, opts = {}) {
  if (!period) return h('span', { class: 'muted' }, '—');
  const limit = period.limit_usd ?? null;
  const spent = Number(period.spent_usd ?? 0);
  const ratio = limit === null ? null : limit > 0 ? spent / limit : spent > 0 ? 1 : 0;
  const level = ratio === null ? 'none' : ratio >= 1 ? 'over' : ratio >= 0.8 ? 'near' : 'ok';
  const fill = h('span', { class: 'spend-fill' });
  // CSSOM, not a style attribute: the CSP allows no inline styles.
  fill.style.width = `${Math.min(1, ratio ?? 0) * 100}%`;
  return h(
    'div',
    { class: `spend spend-${level}`, dataset: { spent: String(spent), limit: limit === null ? '' : String(limit) } },
    h(
      'p',
      { class: 'spend-text' },
      limit === null ? h('span', {}, usd(spent), h('span', { class: 'muted' }, ' · no budget')) : h('span', {}, `${usd(spent)} of ${usd(limit)} · `, h('strong', {}, percent(ratio))),
      level === 'over' ? h('span', { class: 'badge status-error' }, 'budget used up') : null,
    ),
    limit === null ? null : h('span', { class: 'spend-bar', 'aria-hidden': 'true' }, fill),
    opts.resets === false || !period.resets_at ? null : h('p', { class: 'spend-resets' }, `Resets ${when(period.resets_at)}`),
  );
}

const monthStart = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
};

/** "My usage": the caller's own spend today and this month against their budget (GET /api/v1/auth/me/usage). */
export function myUsageView() {
  const headingId = newId('usage');
  const status = h('div', {});
  const body = h('div', { class: 'usage-periods' }, h('p', { class: 'loading' }, 'Loading…'));
  const el = h('section', { class: 'card my-usage', 'aria-labelledby': headingId }, h('h2', { id: headingId }, 'My usage'), status, body);
  let shown = '';
  async function refresh() {
    try {
      const u = await get('/api/v1/auth/me/usage');
      setStatus(status);
      const key = JSON.stringify([u.daily, u.monthly]);
      if (key === shown) return;
      shown = key;
      replace(
        body,
        h('div', { class: 'usage-period', dataset: { period: 'daily' } }, h('h3', {}, 'Today (UTC)'), spendMeter(u.daily)),
        h('div', { class: 'usage-period', dataset: { period: 'monthly' } }, h('h3', {}, 'This month (UTC)'), spendMeter(u.monthly)),
      );
    } catch (err) {
      setStatus(status, problem(err, 'Your usage'));
      replace(body);
      shown = '';
    }
  }
  return { el, refresh };
}

/**
 * "Spend against budget" for the Overview (GET /api/v1/analytics/spend): every user's spend today and this month
 * against their budget. When the server has no such route the card says so and stops asking.
 */
export function spendAgainstBudgetView() {
  const headingId = newId('spend');
  const status = h('div', {});
  const defaults = h('p', { class: 'muted spend-defaults' });
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const el = h('section', { class: 'card spend-budget', 'aria-labelledby': headingId }, h('h2', { id: headingId }, 'Spend against budget'), status, defaults, body);
  let gone = false;
  let shown = '';

  async function refresh() {
    if (gone) return;
    try {
      const data = await get('/api/v1/analytics/spend');
      setStatus(status);
      const key = JSON.stringify(data);
      if (key === shown) return;
      shown = key;
      const d = data.defaults ?? {};
      defaults.textContent =
        d.budget_usd_daily === null && d.budget_usd_monthly === null
          ? 'The organisation has no default budget: users without their own have no limit.'
          : `Organisation default: ${budgetText(d.budget_usd_daily)} a day · ${budgetText(d.budget_usd_monthly)} a month. Users may have their own.`;
      replace(
        body,
        table(
          'Spend against budget by user',
          [
            // The name opens the user's requests of this UTC month in the request log.
            { label: 'User', render: (u) => h('span', { class: 'spend-user', dataset: { userId: u.user_id } }, h('a', { href: logHash({ user_id: u.user_id, from: monthStart() }) }, u.username ?? u.user_id)) },
            { label: 'Today', class: 'spend-cell', render: (u) => spendMeter(u.daily) },
            { label: 'This month', class: 'spend-cell', render: (u) => spendMeter(u.monthly) },
          ],
          data.users ?? [],
          { empty: 'No users yet.', class: 'spend-table' },
        ),
      );
    } catch (err) {
      if (err.unavailable) gone = true;
      shown = '';
      setStatus(status, err.unavailable ? notice('warn', 'Spend against budget unavailable: this server does not offer it.') : problem(err, 'Spend against budget'));
      replace(body);
    }
  }
  return { el, refresh };
}
