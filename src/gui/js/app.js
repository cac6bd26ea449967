/**
 * The dashboard shell: session, navigation by role, hash routing (#/overview, #/firewall, …) and page lifecycle.
 * Each page module exports { id, title, roles, render(container) → cleanup? }.
 */
import { get, session, setUnauthorizedHandler } from './api.js';
import { h, replace } from './dom.js';
import { renderLogin } from './login.js';
import overview from './pages/overview.js';
import firewall from './pages/firewall.js';
import prompts from './pages/prompts.js';
import cache from './pages/cache.js';
import chat from './pages/chat.js';

const PAGES = [overview, firewall, prompts, cache, chat];
const APP_NAME = 'MoolAI Orchestrator';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const userBox = document.getElementById('user-box');
const menuToggle = document.getElementById('menu-toggle');

let cleanup = null;
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
    h('button', { type: 'button', class: 'secondary', onclick: logout }, 'Log out'),
  );
}

function stopPage() {
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (err) {
      console.error(err);
    }
  }
  cleanup = null;
}

function logout(message) {
  stopPage();
  session.clear();
  showLogin(typeof message === 'string' ? message : undefined);
}

function showLogin(message) {
  stopPage();
  nav.hidden = true;
  menuToggle.hidden = true;
  renderUserBox();
  document.title = `Log in · ${APP_NAME}`;
  renderLogin(main, {
    message,
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
  stopPage();
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
  if (session.current) logout('Your session has ended. Please log in again.');
});

window.addEventListener('hashchange', route);

async function start() {
  session.load();
  if (session.current) {
    try {
      // Re-read the user: the role may have changed since the token was stored.
      const me = await get('/api/v1/auth/me');
      session.save({ ...session.current, user: me });
    } catch (err) {
      // 401: the unauthorized handler has already shown the login page with its message.
      if (err.status === 401) {
        firstRender = false;
        return;
      }
    }
  }
  renderUserBox();
  route();
  firstRender = false;
}

start();
