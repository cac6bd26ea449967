import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What sticks out past the right edge of a narrow window: the page scrolling sideways, and any visible control, table
 * cell, chart or legend whose box leaves the viewport (cut off, or reachable only by scrolling the whole page).
 * Runs in the page (a string, as the tests are type-checked without the DOM library).
 */
const OVERFLOW_JS = `(() => {
  const w = window.innerWidth;
  const out = [];
  const sw = document.documentElement.scrollWidth;
  if (sw > w + 1) out.push('the page scrolls sideways: ' + sw + ' px wide in ' + w);
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"';
  for (const el of document.querySelectorAll('button, a.button, input, select, textarea, td, th, canvas, .u-legend')) {
    if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    // A clipped 1 px box is a header kept for screen readers (narrow tables), not something on screen.
    if (r.width <= 1 || r.height <= 1) continue;
    if (r.right > w + 1 || r.left < -1) out.push(name(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
  }
  return out;
})()`;

/** Nothing past the right edge (polled: a chart follows a resize on its next frame). */
export async function expectFits(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.evaluate<string[]>(OVERFLOW_JS), { message: `past the right edge on ${where}` }).toEqual([]);
}

/**
 * Every "Loading…" of the page replaced: placeholders of lists and panels (.loading) and of charts not yet drawn.
 * A page that never finishes loading fails here, with what it still shows.
 */
export async function expectLoaded(page: Page, where: string): Promise<void> {
  const pending = () =>
    page.evaluate<string[]>(`[...document.querySelectorAll('main .loading, main .chart-empty')]
      .filter((el) => el.checkVisibility() && (el.classList.contains('loading') || /^Loading/.test(el.textContent.trim())))
      .map((el) => el.textContent.trim())`);
  await expect.poll(pending, { message: `still loading on ${where}`, timeout: 15_000 }).toEqual([]);
}
