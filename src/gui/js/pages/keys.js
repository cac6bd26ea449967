/**
 * API keys (every role): the caller's usage against their budget, a form that creates a key (admins may create one
 * for anyone), the secret shown once, and the keys with their limits, spend and status, each revocable. Admins see
 * every user's keys and may narrow the list to one user.
 */
import { del, get, post, qs, session } from '../api.js';
import { field, h, newId, notice, replace, select, table } from '../dom.js';
import { ago, day, int, usd, when } from '../format.js';
import { problem } from '../ui.js';
import { myUsageView } from './budget.js';
import { showKeySecret } from './key-secret.js';

const STATUS_TEXT = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

/** The key's own limits, one a line; none set: it has only its owner's. */
function limitsOf(k) {
  const lines = [
    k.rpm ? `${int(k.rpm)} requests/min` : null,
    k.budget_usd_daily !== null && k.budget_usd_daily !== undefined ? `${usd(k.budget_usd_daily)} a day` : null,
    k.budget_usd_monthly !== null && k.budget_usd_monthly !== undefined ? `${usd(k.budget_usd_monthly)} a month` : null,
  ].filter(Boolean);
  if (!lines.length) return h('span', { class: 'muted' }, 'None of its own');
  return h('ul', { class: 'plain' }, lines.map((l) => h('li', {}, l)));
}

export function keyStatus(k, now = Date.now()) {
  if (k.revoked_at) return 'revoked';
  if (k.expires_at && Date.parse(k.expires_at) <= now) return 'expired';
  return 'active';
}

/** Today as YYYY-MM-DD in UTC: the first day a key may expire on. */
const todayUtc = () => new Date().toISOString().slice(0, 10);

function render(container) {
  const isAdmin = session.hasRole('admin');
  const me = session.user;
  const usage = myUsageView();
  const listStatus = h('div', {});
  const listBox = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const formStatus = h('div', {});

  // --- create form ---------------------------------------------------------------------------------------------
  const name = h('input', { name: 'name', required: true, maxlength: '100', autocomplete: 'off' });
  const owner = isAdmin ? select({ name: 'user_id' }, [{ value: me.user_id, label: `${me.username} (you)` }], me.user_id) : null;
  const models = h('input', { name: 'models', maxlength: '2000', autocomplete: 'off', spellcheck: 'false' });
  const rpm = h('input', { name: 'rpm', type: 'number', min: '1', step: '1', inputmode: 'numeric' });
  const daily = h('input', { name: 'budget_usd_daily', type: 'number', min: '0', step: '0.01', inputmode: 'decimal' });
  const monthly = h('input', { name: 'budget_usd_monthly', type: 'number', min: '0', step: '0.01', inputmode: 'decimal' });
  const expires = h('input', { name: 'expires_on', type: 'date', min: todayUtc() });
  const createBtn = h('button', { type: 'submit', class: 'primary' }, 'Create key');
  const form = h(
    'form',
    { class: 'key-form', 'aria-label': 'Create an API key', onsubmit: create },
    field('Name', name, 'What the key is for, e.g. “billing-service”.'),
    owner ? field('Owner', owner, 'The key acts as this user.') : null,
    field('Models', models, 'Comma-separated names or patterns, e.g. gpt-4o-mini, claude-*. Empty: every model the owner may use.'),
    field('Requests per minute', rpm, 'Empty: no limit of its own.'),
    field('Daily budget (USD)', daily, 'Empty: no budget of its own.'),
    field('Monthly budget (USD)', monthly, 'Empty: no budget of its own.'),
    field('Expires on', expires, 'Empty: never. The key stops working at the end of this day (UTC).'),
    h('div', { class: 'form-actions' }, createBtn),
  );

  // --- list (admins may narrow it to one user) -----------------------------------------------------------------
  const filter = isAdmin ? select({ name: 'filter_user_id', id: newId('filter') }, [{ value: '', label: 'Everyone' }], '') : null;
  if (filter) filter.addEventListener('change', () => loadKeys());

  const createH = newId('h');
  const listH = newId('h');
  replace(
    container,
    usage.el,
    h('section', { class: 'card', 'aria-labelledby': createH }, h('h2', { id: createH }, 'Create a key'), formStatus, form),
    h(
      'section',
      { class: 'card', 'aria-labelledby': listH },
      h('h2', { id: listH }, isAdmin ? 'Keys' : 'Your keys'),
      filter ? h('div', { class: 'toolbar' }, h('div', { class: 'field inline' }, h('label', { for: filter.id }, 'Show keys of'), filter)) : null,
      listStatus,
      listBox,
    ),
  );

  let stopped = false;
  let closeSecret = null;

  async function loadUsers() {
    try {
      const { users } = await get('/api/v1/auth/users');
      if (stopped) return;
      const others = users.filter((u) => u.user_id !== me.user_id && u.is_active !== false);
      for (const u of others) owner.append(h('option', { value: u.user_id }, u.full_name && u.full_name !== u.username ? `${u.username} – ${u.full_name}` : u.username));
      for (const u of users) filter.append(h('option', { value: u.user_id }, u.user_id === me.user_id ? `${u.username} (you)` : u.username));
    } catch (err) {
      if (!stopped) replace(formStatus, problem(err, 'The list of users'));
    }
  }

  async function loadKeys() {
    try {
      const res = await get(`/api/v1/keys${qs({ user_id: filter?.value })}`);
      if (stopped) return;
      replace(listBox, keysTable(res.keys ?? []));
    } catch (err) {
      if (!stopped) replace(listBox, problem(err, 'Keys'));
    }
  }

  function keysTable(keys) {
    const cols = [
      { label: 'Key', render: (k) => h('span', { class: 'key-id' }, h('strong', { class: 'key-name' }, k.name), h('br'), h('code', { class: 'key-prefix', dataset: { keyId: k.id } }, `${k.prefix}…`)) },
      isAdmin ? { label: 'Owner', render: (k) => k.username ?? k.user_id } : null,
      { label: 'Models', render: (k) => (k.models?.length ? h('ul', { class: 'chips' }, k.models.map((m) => h('li', {}, h('code', {}, m)))) : h('span', { class: 'muted' }, 'Any allowed')) },
      { label: 'Limits', render: (k) => limitsOf(k) },
      {
        label: 'Spent',
        class: 'num',
        // null: the spend counters could not be read just now.
        render: (k) => (k.spend ? h('span', { class: 'pair' }, `Today ${usd(k.spend.day_usd)}`, h('br'), `Month ${usd(k.spend.month_usd)}`) : h('span', { class: 'muted' }, 'Unknown')),
      },
      { label: 'Last used', render: (k) => (k.last_used_at ? h('span', { title: when(k.last_used_at) }, ago(k.last_used_at)) : h('span', { class: 'muted' }, 'Never')) },
      { label: 'Expires', render: (k) => (k.expires_at ? h('span', { title: when(k.expires_at) }, day(k.expires_at)) : h('span', { class: 'muted' }, 'Never')) },
      {
        label: 'Status',
        render: (k) => {
          const s = keyStatus(k);
          return h('span', { class: `badge key-${s}`, dataset: { status: s } }, STATUS_TEXT[s]);
        },
      },
      {
        label: 'Actions',
        render: (k) =>
          k.revoked_at
            ? h('span', { class: 'muted', title: when(k.revoked_at) }, `Revoked ${day(k.revoked_at)}`)
            : h('button', { type: 'button', class: 'danger small', 'aria-label': `Revoke key ${k.name} (${k.prefix})`, onclick: (e) => revoke(k, e.currentTarget) }, 'Revoke'),
      },
    ].filter(Boolean);
    return table(isAdmin ? 'API keys' : 'Your API keys', cols, keys, { class: 'keys-table', empty: 'No keys yet: create one above.' });
  }

  async function create(e) {
    e.preventDefault();
    replace(formStatus);
    const body = { name: name.value.trim() };
    if (!body.name) {
      replace(formStatus, notice('error', 'Give the key a name.'));
      name.focus();
      return;
    }
    if (owner && owner.value !== me.user_id) body.user_id = owner.value;
    const list = models.value.split(',').map((m) => m.trim()).filter(Boolean);
    if (list.length) body.models = list;
    if (rpm.value) body.rpm = Number(rpm.value);
    if (daily.value) body.budget_usd_daily = Number(daily.value);
    if (monthly.value) body.budget_usd_monthly = Number(monthly.value);
    if (expires.value) body.expires_at = `${expires.value}T23:59:59.999Z`;
    createBtn.disabled = true;
    try {
      const created = await post('/api/v1/keys', body);
      form.reset();
      if (owner) owner.value = me.user_id;
      replace(formStatus, notice('success', `Created key “${created.name}” (${created.prefix}…).`));
      closeSecret = showKeySecret(created, { onClose: () => (closeSecret = null) });
      loadKeys();
    } catch (err) {
      replace(formStatus, notice('error', `Could not create the key: ${err.message}`));
      name.focus();
    } finally {
      createBtn.disabled = false;
    }
  }

  async function revoke(k, button) {
    if (!window.confirm(`Revoke the key “${k.name}” (${k.prefix}…)? Programs that use it are refused from now on. This cannot be undone.`)) return;
    button.disabled = true;
    try {
      await del(`/api/v1/keys/${encodeURIComponent(k.id)}`);
      replace(listStatus, notice('success', `Revoked key “${k.name}” (${k.prefix}…).`));
      await loadKeys();
      // The button is gone with its row: keep keyboard users in the list.
      listStatus.setAttribute('tabindex', '-1');
      listStatus.focus();
    } catch (err) {
      button.disabled = false;
      replace(listStatus, notice('error', `Could not revoke the key: ${err.message}`));
    }
  }

  usage.refresh();
  if (isAdmin) loadUsers();
  loadKeys();
  return () => {
    stopped = true;
    closeSecret?.();
  };
}

export default { id: 'keys', title: 'API Keys', roles: ['developer', 'analyst', 'admin'], render };
