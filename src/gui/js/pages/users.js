/**
 * Users (admins): everyone with their role, whether they may sign in, their budgets (their own or the organisation
 * default) and what they spent. An admin edits a user's budgets and role, deactivates or reactivates them (which
 * ends their keys and sessions at once), signs them out everywhere, and deletes them (their stored prompt text,
 * conversations and keys with them).
 */
import { del, get, patch, post, session } from '../api.js';
import { h, notice, replace, table } from '../dom.js';
import { usd } from '../format.js';
import { problem } from '../ui.js';
import { budgetText } from './budget.js';
import { editUser } from './user-edit.js';

function render(container) {
  const status = h('div', { class: 'users-status' });
  const listBox = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const defaultsLine = h('p', { class: 'muted' });
  replace(
    container,
    h('section', { class: 'card', 'aria-labelledby': 'users-h' }, h('h2', { id: 'users-h' }, 'Everyone in the organisation'), defaultsLine, status, listBox),
  );

  let stopped = false;
  let closeDialog = null;
  /** From GET /api/v1/analytics/spend: the organisation default budgets and each user's spend (null if it failed). */
  let spend = null;

  async function load() {
    const [users, s] = await Promise.allSettled([get('/api/v1/auth/users'), get('/api/v1/analytics/spend')]);
    if (stopped) return;
    spend = s.status === 'fulfilled' ? s.value : null;
    const d = spend?.defaults;
    defaultsLine.textContent = d
      ? `Organisation default budget: ${budgetText(d.budget_usd_daily)} a day · ${budgetText(d.budget_usd_monthly)} a month. A user without a budget of their own has the default.`
      : 'A user without a budget of their own has the organisation default.';
    if (users.status === 'rejected') return replace(listBox, problem(users.reason, 'Users'));
    replace(listBox, usersTable(users.value.users ?? []));
  }

  const spendOf = (u) => spend?.users?.find((x) => x.user_id === u.user_id);
  /** A user's own budget, or the default it falls back to (in words). */
  function budgetCell(own, fallback) {
    if (own !== null && own !== undefined) return usd(own);
    return h('span', { class: 'muted' }, fallback === null || fallback === undefined ? 'Default (no limit)' : `Default (${usd(fallback)})`);
  }

  function usersTable(users) {
    const d = spend?.defaults ?? {};
    return table(
      'Users',
      [
        { label: 'User', render: (u) => h('span', { class: 'user-cell', dataset: { userId: u.user_id } }, h('strong', {}, u.username), u.full_name && u.full_name !== u.username ? h('span', { class: 'muted' }, ` ${u.full_name}`) : null) },
        { label: 'Email', render: (u) => u.email || h('span', { class: 'muted' }, '—') },
        { label: 'Role', render: (u) => h('span', { class: `role-badge role-${u.role}` }, u.role) },
        { label: 'Status', render: (u) => (u.is_active === false ? h('span', { class: 'badge state-down', dataset: { status: 'inactive' } }, 'Deactivated') : h('span', { class: 'badge state-up', dataset: { status: 'active' } }, 'Active')) },
        { label: 'Daily budget', class: 'num', render: (u) => h('span', { class: 'budget-daily' }, budgetCell(u.budget_usd_daily, d.budget_usd_daily)) },
        { label: 'Monthly budget', class: 'num', render: (u) => h('span', { class: 'budget-monthly' }, budgetCell(u.budget_usd_monthly, d.budget_usd_monthly)) },
        {
          label: 'Spent',
          class: 'num',
          render: (u) => {
            const s = spendOf(u);
            return s ? h('span', { class: 'pair' }, `Today ${usd(s.daily?.spent_usd)}`, h('br'), `Month ${usd(s.monthly?.spent_usd)}`) : h('span', { class: 'muted' }, '—');
          },
        },
        { label: 'Actions', render: (u) => actions(u) },
      ],
      users,
      { class: 'users-table', empty: 'No users.' },
    );
  }

  function actions(u) {
    const self = u.user_id === session.user?.user_id;
    const active = u.is_active !== false;
    return h(
      'div',
      { class: 'row-actions' },
      h('button', { type: 'button', class: 'small', 'aria-label': `Edit ${u.username}`, onclick: (e) => edit(u, e.currentTarget) }, 'Edit'),
      self
        ? null
        : active
          ? h('button', { type: 'button', class: 'small danger', 'aria-label': `Deactivate ${u.username}`, onclick: (e) => setActive(u, false, e.currentTarget) }, 'Deactivate')
          : h('button', { type: 'button', class: 'small', 'aria-label': `Reactivate ${u.username}`, onclick: (e) => setActive(u, true, e.currentTarget) }, 'Reactivate'),
      active ? h('button', { type: 'button', class: 'small secondary', 'aria-label': `Sign out everywhere: ${u.username}`, onclick: (e) => signOut(u, e.currentTarget) }, 'Sign out everywhere') : null,
      self ? null : h('button', { type: 'button', class: 'small danger', 'aria-label': `Delete ${u.username}`, onclick: (e) => remove(u, e.currentTarget) }, 'Delete'),
    );
  }

  function done(message) {
    replace(status, notice('success', message));
    // The row is redrawn: keep keyboard users where they were, on the message.
    status.setAttribute('tabindex', '-1');
    status.focus();
    return load();
  }

  function edit(u) {
    closeDialog = editUser(u, {
      defaults: spend?.defaults ?? null,
      self: u.user_id === session.user?.user_id,
      onSaved: (message) => done(message),
      onClose: () => (closeDialog = null),
    });
  }

  async function setActive(u, active, button) {
    if (!active && !window.confirm(`Deactivate ${u.username}? They can no longer sign in, and their API keys and sessions stop working at once.`)) return;
    button.disabled = true;
    try {
      await patch(`/api/v1/auth/users/${encodeURIComponent(u.user_id)}`, { is_active: active });
      await done(active ? `${u.username} is active again and can sign in.` : `${u.username} is deactivated: their keys and sessions no longer work.`);
    } catch (err) {
      button.disabled = false;
      replace(status, notice('error', `Could not ${active ? 'reactivate' : 'deactivate'} ${u.username}: ${err.message}`));
    }
  }

  async function remove(u, button) {
    if (!window.confirm(`Delete ${u.username}? Their stored prompt text, conversations and API keys are deleted with them, and their sessions end. Their request records (figures, no text) stay. This cannot be undone.`)) return;
    button.disabled = true;
    try {
      const res = await del(`/api/v1/auth/users/${encodeURIComponent(u.user_id)}`);
      await done(`${u.username} is deleted, with ${res.prompt_texts_deleted} stored prompt ${res.prompt_texts_deleted === 1 ? 'text' : 'texts'}.`);
    } catch (err) {
      button.disabled = false;
      replace(status, notice('error', `Could not delete ${u.username}: ${err.message}`));
    }
  }

  async function signOut(u, button) {
    if (!window.confirm(`Sign ${u.username} out everywhere? Every session they have open ends now; they can sign in again. Their API keys keep working (revoke those on the API Keys page).`)) return;
    button.disabled = true;
    try {
      await post(`/api/v1/auth/users/${encodeURIComponent(u.user_id)}/revoke-tokens`);
      replace(status, notice('success', `${u.username} is signed out everywhere.`));
    } catch (err) {
      replace(status, notice('error', `Could not sign ${u.username} out: ${err.message}`));
    } finally {
      button.disabled = false;
    }
  }

  load();
  return () => {
    stopped = true;
    closeDialog?.();
  };
}

export default { id: 'users', title: 'Users', roles: ['admin'], render };
