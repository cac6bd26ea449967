/**
 * The Users page's edit dialog: a user's own daily and monthly budget (empty = the organisation default) and role.
 * Saves with PUT /api/v1/auth/users/:id/budget and PATCH /api/v1/auth/users/:id, each only when it changed.
 */
import { patch, put } from '../api.js';
import { field, h, notice, replace, select } from '../dom.js';
import { usd } from '../format.js';
import { modal } from '../ui.js';

const ROLES = [
  { value: 'developer', label: 'Developer: chats with the models' },
  { value: 'analyst', label: 'Analyst: watches usage, prompts and costs' },
  { value: 'admin', label: 'Admin: configures everything' },
];

const asInput = (v) => (v === null || v === undefined ? '' : String(v));
const fallbackHint = (v) => `Empty: the organisation default (${v === null || v === undefined ? 'no limit' : usd(v)}).`;

/** Opens the dialog; `onSaved(message)` after a successful save. Returns a function that closes it. */
export function editUser(u, { defaults, self, onSaved, onClose }) {
  const status = h('div', {});
  const daily = h('input', { name: 'budget_usd_daily', type: 'number', min: '0', step: '0.01', inputmode: 'decimal', value: asInput(u.budget_usd_daily) });
  const monthly = h('input', { name: 'budget_usd_monthly', type: 'number', min: '0', step: '0.01', inputmode: 'decimal', value: asInput(u.budget_usd_monthly) });
  const role = select({ name: 'role', disabled: self }, ROLES, u.role);
  const saveBtn = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const cancelBtn = h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel');
  const form = h(
    'form',
    { class: 'stack', onsubmit: save },
    field('Daily budget (USD)', daily, fallbackHint(defaults?.budget_usd_daily)),
    field('Monthly budget (USD)', monthly, fallbackHint(defaults?.budget_usd_monthly)),
    field('Role', role, self ? 'You cannot change your own role.' : 'Changing it signs them out everywhere: they sign in again with the new role.'),
    status,
    h('div', { class: 'form-actions' }, saveBtn, cancelBtn),
  );
  const dialog = modal(`Edit ${u.username}`, [form], { className: 'user-dialog', onClose });
  daily.focus();

  const number = (input) => (input.value === '' ? null : Number(input.value));

  async function save(e) {
    e.preventDefault();
    replace(status);
    const budget = { budget_usd_daily: number(daily), budget_usd_monthly: number(monthly) };
    const budgetChanged = budget.budget_usd_daily !== (u.budget_usd_daily ?? null) || budget.budget_usd_monthly !== (u.budget_usd_monthly ?? null);
    const roleChanged = !self && role.value !== u.role;
    if (!budgetChanged && !roleChanged) return dialog.close();
    saveBtn.disabled = true;
    try {
      if (budgetChanged) await put(`/api/v1/auth/users/${encodeURIComponent(u.user_id)}/budget`, budget);
      if (roleChanged) await patch(`/api/v1/auth/users/${encodeURIComponent(u.user_id)}`, { role: role.value });
      dialog.close();
      onSaved(`Saved ${u.username}: ${[budgetChanged ? 'budget' : null, roleChanged ? `role ${role.value}` : null].filter(Boolean).join(' and ')}.`);
    } catch (err) {
      replace(status, notice('error', `Could not save: ${err.message}`));
      saveBtn.disabled = false;
    }
  }

  return dialog.close;
}
