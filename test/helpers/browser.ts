import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const LAPTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

const isLoopback = (url: string) => {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
};

/**
 * Chromium for a browser test file, with what the dashboard tests judge at the end: requests beyond loopback (all
 * aborted), uncaught page errors, console errors (CSP violations land there too) and failed HTTP answers other than
 * the ones a test expects.
 */
export async function startBrowser() {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const contexts: BrowserContext[] = [];
  const offLoopback: string[] = [];
  const pageErrors: string[] = [];
  /** `STATUS METHOD path` answers that are the point of a test (a revoked token's 401, say). */
  const expectedFailures = new Set<string>(['404 GET /api/v1/auth/users/dev', '401 POST /api/v1/auth/login']);

  async function newPage(viewport = LAPTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      offLoopback.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    // A ceiling for waits, not a speed target: beside a CPU hog an 8 s click on the Overview timed out.
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() < 400) return;
      const line = `${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`;
      if (!expectedFailures.has(line)) pageErrors.push(`HTTP ${line}`);
    });
    return page;
  }

  return {
    browser,
    newPage,
    offLoopback,
    pageErrors,
    expectFailure: (line: string) => expectedFailures.add(line),
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close();
    },
  };
}

/** Logs in through the development user picker and waits for the first page. */
export async function loginAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.locator('button.dev-user').first().waitFor();
  await page.locator(`button.dev-user[data-username="${username}"]`).click();
  await page.locator('#nav a').first().waitFor();
  await expect.poll(() => page.locator('#user-box').textContent()).toContain(username.split('_')[1]);
}

/** The session token the page holds. */
export async function pageToken(page: Page): Promise<string> {
  return JSON.parse((await page.evaluate<string | null>('sessionStorage.getItem("moolai.session")'))!).token as string;
}

/**
 * Every visible piece of text against its background: at least 4.5:1 (WCAG AA); the same check as the dashboard
 * test's. Runs in the page (a string, as the tests are type-checked without the DOM library).
 */
const LOW_CONTRAST_JS = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c[3] || 0) > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !el.checkVisibility() || el.closest('.visually-hidden, option')) continue;
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return out;
})()`;

export async function expectReadable(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(LOW_CONTRAST_JS), `low-contrast text on ${where}`).toEqual([]);
}

/**
 * What a page's controls lack for assistive technology: form controls without a label, buttons and links without a
 * name, ids used twice, and dialogs without a name. A small stand-in for axe's most common rules.
 */
const UNLABELLED_JS = `(() => {
  const out = [];
  const name = (el) => (el.getAttribute('aria-label') || '').trim() || [...(el.labels || [])].map((l) => l.textContent.trim()).join(' ') ||
    (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map((id) => document.getElementById(id)?.textContent.trim() ?? '').join(' ').trim();
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (el.checkVisibility() && !name(el)) out.push('unlabelled ' + el.tagName.toLowerCase() + '[name=' + el.name + ']');
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (el.checkVisibility() && !(el.getAttribute('aria-label') || el.textContent).trim()) out.push('nameless ' + el.tagName.toLowerCase());
  }
  for (const el of document.querySelectorAll('dialog[open]')) if (!name(el)) out.push('nameless dialog');
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) out.push('duplicate id ' + id);
  return out;
})()`;

export async function expectLabelled(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(UNLABELLED_JS), `unlabelled controls on ${where}`).toEqual([]);
}
