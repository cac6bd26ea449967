/**
 * Log in. In development the server lists its password-free users (GET /api/v1/auth/users/dev) and one click logs
 * in; in production that route is 404 and a username + password form is shown.
 */
import { get, post, session } from './api.js';
import { field, h, newId, notice, replace } from './dom.js';

const ROLE_TEXT = {
  admin: 'configures the firewall, sees everything',
  analyst: 'watches usage, prompts and costs',
  developer: 'chats with the models',
};

export async function renderLogin(main, { message, focus, onLoggedIn }) {
  const status = h('div', { class: 'login-status' });
  const body = h('div', { class: 'login-body' }, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  const headingId = newId('login');
  replace(
    main,
    h(
      'section',
      { class: 'login card', 'aria-labelledby': headingId },
      h('h1', { id: headingId, tabindex: '-1', class: 'page-title' }, 'Log in'),
      message ? notice('warn', message) : null,
      status,
      body,
    ),
  );
  if (focus) main.querySelector('h1').focus();

  async function login(payload, button) {
    replace(status);
    if (button) button.disabled = true;
    try {
      const res = await post('/api/v1/auth/login', payload, { anonymous: true });
      session.save({ token: res.token, user: res.user, expires_at: res.expires_at });
      onLoggedIn();
    } catch (err) {
      replace(status, notice('error', `Login failed: ${err.message}`));
      if (button) button.disabled = false;
    }
  }

  let devUsers = null;
  try {
    const res = await get('/api/v1/auth/users/dev', { anonymous: true });
    if (res?.development_mode) devUsers = res.users;
  } catch (err) {
    if (err.status !== 404) replace(status, notice('error', `Could not reach the orchestrator: ${err.message}`));
  }

  const form = passwordForm((username, password) => login({ username, password }, form.querySelector('button[type=submit]')));
  if (devUsers) {
    replace(
      body,
      h('p', {}, 'Development mode: choose a user. No password is needed.'),
      h(
        'ul',
        { class: 'dev-users', 'aria-label': 'Development users' },
        devUsers.map((u) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'dev-user', dataset: { username: u.username }, onclick: (e) => login({ username: u.username }, e.currentTarget) },
              h('span', { class: 'dev-user-name' }, u.full_name || u.username),
              h('span', { class: 'dev-user-meta' }, `${u.username} · `, h('span', { class: `role-badge role-${u.role}` }, u.role)),
              h('span', { class: 'dev-user-desc' }, ROLE_TEXT[u.role] ?? ''),
            ),
          ),
        ),
      ),
      h('details', { class: 'other-login' }, h('summary', {}, 'Log in with a username and password'), form),
    );
  } else {
    replace(body, form);
  }
}

function passwordForm(onSubmit) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: '100' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '500' });
  return h(
    'form',
    {
      class: 'stack',
      onsubmit: (e) => {
        e.preventDefault();
        onSubmit(username.value.trim(), password.value);
      },
    },
    field('Username', username),
    field('Password', password),
    h('button', { type: 'submit', class: 'primary' }, 'Log in'),
  );
}
