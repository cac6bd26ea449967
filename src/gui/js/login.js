/**
 * Log in. In development the server lists its password-free users (GET /api/v1/auth/users/dev) and one click logs
 * in; in production that route is 404 and a username + password form is shown. When the server offers single
 * sign-on (GET /api/v1/auth/sso/config), a "Sign in with SSO" link starts it; the session comes back in the URL
 * fragment, which app.js reads.
 */
import { get, post, session } from './api.js';
import { field, h, newId, notice, replace } from './dom.js';

const ROLE_TEXT = {
  admin: 'configures the firewall, sees everything',
  analyst: 'watches usage, prompts and costs',
  developer: 'chats with the models',
};

/** Where single sign-on starts: the provider sends the browser back to `returnTo` (a dashboard route). */
export const ssoLoginUrl = (returnTo) => `/api/v1/auth/sso/login?return_to=${encodeURIComponent(returnTo)}`;

export async function renderLogin(main, { message, error, focus, onLoggedIn }) {
  const status = h('div', { class: 'login-status' });
  const ssoBox = h('div', { class: 'sso' });
  const body = h('div', { class: 'login-body' }, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  const headingId = newId('login');
  replace(
    main,
    h(
      'section',
      { class: 'login card', 'aria-labelledby': headingId },
      h('h1', { id: headingId, tabindex: '-1', class: 'page-title' }, 'Log in'),
      message ? notice('warn', message) : null,
      error ? notice('error', error) : null,
      status,
      ssoBox,
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
  const [dev, sso] = await Promise.allSettled([get('/api/v1/auth/users/dev', { anonymous: true }), get('/api/v1/auth/sso/config', { anonymous: true })]);
  if (dev.status === 'fulfilled' && dev.value?.development_mode) devUsers = dev.value.users;
  if (dev.status === 'rejected' && dev.reason.status !== 404) replace(status, notice('error', `Could not reach the orchestrator: ${dev.reason.message}`));
  // A server without single sign-on (or an older one, where the route is 404) simply shows no button.
  if (sso.status === 'fulfilled' && sso.value?.enabled) {
    // Back to the page the user asked for, or the overview (app.js sends a role that cannot open it to its own start).
    const returnTo = /^#\/[a-z-]+$/.test(location.hash) ? location.hash : '#/overview';
    replace(
      ssoBox,
      h('a', { class: 'button primary sso-button', href: ssoLoginUrl(returnTo) }, 'Sign in with SSO'),
      sso.value.issuer ? h('p', { class: 'hint' }, `Through your organisation’s identity provider (${hostOf(sso.value.issuer)}).`) : null,
      h('p', { class: 'sso-or' }, h('span', {}, 'or')),
    );
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

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
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
