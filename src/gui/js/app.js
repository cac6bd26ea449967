/**
 * The dashboard shell: session, navigation by role, hash routing (#/overview, #/firewall, …) and page lifecycle.
 * Each page module exports { id, title, roles, render(container) → cleanup? }.
 */
import { abortSessionCalls, get, post, session, setUnauthorizedHandler } from './api.js';
import { h, replace } from './dom.js';
import { renderLogin } from './login.js';
import overview from './pages/overview.js';
import firewall from './pages/firewall.js';
import prompts from './pages/prompts.js';
import cache from './pages/cache.js';
import chat from './pages/chat.js';
import keys from './pages/keys.js';
import users from './pages/users.js';

const PAGES = [overview, firewall, prompts, cache, chat, keys, users];
const APP_NAME = 'MoolAI Orchestrator';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const userBox = document.getElementById('user-box');
const menuToggle = document.getElementById('menu-toggle');

let cleanup = null;
/** The page on screen, so an address change within it can go to the page instead of rendering it again. */
let shownPageId = null;
/** On the first page of a load, focus stays at the top (so the skip link comes first); later, it moves to the new page. */
let firstRender = true;

const visiblePages = () => PAGES.filter((p) => session.hasRole(...p.roles));
/** Where a user lands: a developer chats; analysts and admins start at the overview. */
const defaultPage = () => (session.user?.role === 'developer' ? chat : visiblePages()[0]);

function currentPageId() {
  const m = /^#\/([a-z-]+)/.exec(location.hash);
  return m ? m[1] : null;
}

function renderNav(activeId) {
  const items = visiblePages().map((p) =>
    h('li', {}, h('a', { href: `#/${p.id}`, 'aria-current': p.id === activeId ? 'page' : null, dataset: { page: p.id } }, p.title)),
  );
  replace(nav, h('ul', {}, items));
  nav.hidden = false;
  menuToggle.hidden = false;
}

function renderUserBox() {
  const u = session.user;
  if (!u) return replace(userBox);
  replace(
    userBox,
    h('span', { class: 'who' }, h('span', { class: 'who-name' }, u.full_name || u.username), ' ', h('span', { class: `role-badge role-${u.role}` }, u.role)),
    h('button', { type: 'button', class: 'secondary', onclick: (e) => logout(e.currentTarget) }, 'Log out'),
  );
}

function stopPage() {
  shownPageId = null;
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (err) {
      console.error(err);
    }
  }
  cleanup = null;
}

/** Ends the session in this browser only (the server has refused the token, or has been told already). */
function endSession(message, error) {
  stopPage();
  session.clear();
  showLogin(message, error);
}

/** The Log out button: the server revokes the token first, so a copy of it is refused everywhere too. */
async function logout(button) {
  button.disabled = true;
  // The page's calls end before the token does (see abortSessionCalls).
  stopPage();
  abortSessionCalls();
  let warning;
  try {
    await post('/api/v1/auth/logout', {}, { quiet401: true, afterAbort: true });
  } catch (err) {
    // 401: the server had already ended this session. Anything else: it could not be told.
    if (err.status !== 401) warning = `You are logged out of this browser, but the server could not be told (${err.message}), so the session stays valid until it expires.`;
  }
  endSession(warning);
}

function showLogin(message, error) {
  stopPage();
  nav.hidden = true;
  menuToggle.hidden = true;
  renderUserBox();
  document.title = `Log in · ${APP_NAME}`;
  renderLogin(main, {
    message,
    error,
    focus: !firstRender,
    onLoggedIn: () => {
      renderUserBox();
      const target = defaultPage();
      if (location.hash === `#/${target.id}`) route();
      else location.hash = `#/${target.id}`;
    },
  });
}

function route() {
  if (!session.current) return showLogin();
  const id = currentPageId();
  let page = PAGES.find((p) => p.id === id);
  if (!page) {
    // replaceState fires no hashchange: the default page is rendered right here.
    page = defaultPage();
    history.replaceState(null, '', `#/${page.id}`);
  }
  // A page that follows its own address (the request log's filters and drawer) takes a change within it itself.
  if (page.id === shownPageId && typeof cleanup?.onHash === 'function' && cleanup.onHash(location.hash)) return;
  stopPage();
  shownPageId = page.id;
  renderNav(page.id);
  closeMenu();
  document.title = `${page.title} · ${APP_NAME}`;
  const heading = h('h1', { tabindex: '-1', class: 'page-title' }, page.title);
  const body = h('div', { class: 'page-body' });
  replace(main, heading, body);
  if (!session.hasRole(...page.roles)) {
    body.append(h('div', { class: 'notice notice-error', role: 'alert' }, `Your role (${session.user.role}) cannot open ${page.title}. It needs: ${page.roles.join(' or ')}.`));
  } else {
    cleanup = page.render(body) ?? null;
  }
  if (!firstRender) heading.focus();
}

function closeMenu() {
  nav.classList.remove('open');
  menuToggle.setAttribute('aria-expanded', 'false');
}

menuToggle.addEventListener('click', () => {
  const open = !nav.classList.contains('open');
  nav.classList.toggle('open', open);
  menuToggle.setAttribute('aria-expanded', String(open));
});
nav.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && nav.classList.contains('open')) {
    closeMenu();
    menuToggle.focus();
  }
});

// The skip link must not change the hash: the hash is the router's.
document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  (main.querySelector('h1') ?? main).focus();
});

setUnauthorizedHandler(() => {
  if (session.current) endSession('Your session has ended. Please log in again.');
});

// A single sign-on answer normally arrives with a page load; one that arrives as a hash change is read the same way.
window.addEventListener('hashchange', () => (/^#sso_(token|error)=/.test(location.hash) ? start() : route()));

/**
 * What single sign-on hands back in the URL fragment: `#sso_token=…&expires_at=…&return_to=#/…` or
 * `#sso_error=CODE&sso_error_description=…`. Read once, then the fragment is replaced at once, so the token leaves
 * the address bar and the history before anything else runs.
 */
function takeSsoFragment() {
  if (!/^#sso_(token|error)=/.test(location.hash)) return null;
  const p = new URLSearchParams(location.hash.slice(1));
  const returnTo = p.get('return_to') ?? '';
  history.replaceState(null, '', location.pathname + location.search + (/^#\/[a-z-]+$/.test(returnTo) ? returnTo : ''));
  if (p.has('sso_error')) return { error: `Single sign-on failed: ${p.get('sso_error_description') || 'the sign-in did not complete'} (${p.get('sso_error')}).` };
  return p.get('sso_token') ? { token: p.get('sso_token'), expires_at: p.get('expires_at') } : null;
}

async function start() {
  const sso = takeSsoFragment();
  if (sso?.token) session.save({ token: sso.token, expires_at: sso.expires_at, user: null });
  else session.load();
  if (sso?.error) {
    session.clear();
    showLogin(undefined, sso.error);
    firstRender = false;
    return;
  }
  if (session.current) {
    try {
      // Re-read the user: the role may have changed since the token was stored (and SSO hands over no user).
      const me = await get('/api/v1/auth/me');
      session.save({ ...session.current, user: me });
    } catch (err) {
      // 401: the unauthorized handler has already shown the login page with its message.
      if (err.status === 401) {
        firstRender = false;
        return;
      }
      if (!session.user) {
        endSession(undefined, `Could not finish signing in: ${err.message}`);
        firstRender = false;
        return;
      }
    }
  }
  // Single sign-on returns to the page asked for; a role that cannot open it starts on its own first page.
  if (sso?.token && !visiblePages().some((p) => p.id === currentPageId())) history.replaceState(null, '', `#/${defaultPage().id}`);
  renderUserBox();
  route();
  firstRender = false;
}

start();
