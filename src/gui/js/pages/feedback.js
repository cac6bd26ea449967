/**
 * Thumbs up / down under an answer (POST /api/v1/feedback): one per user per request; choosing again replaces it.
 */
import { post } from '../api.js';
import { h } from '../dom.js';

export function thumbs(requestId) {
  const status = h('span', { class: 'feedback-status', role: 'status' });
  const button = (score, label, glyph) =>
    h('button', { type: 'button', class: 'thumb', 'aria-label': label, 'aria-pressed': 'false', title: label, dataset: { score: String(score) }, onclick: () => give(score) }, glyph);
  const up = button(1, 'Good answer', '👍');
  const down = button(-1, 'Bad answer', '👎');
  async function give(score) {
    up.disabled = down.disabled = true;
    try {
      await post('/api/v1/feedback', { request_id: requestId, score });
      up.setAttribute('aria-pressed', String(score === 1));
      down.setAttribute('aria-pressed', String(score === -1));
      status.textContent = 'Thanks for the feedback.';
    } catch (err) {
      status.textContent = `Feedback not saved: ${err.message}`;
    } finally {
      up.disabled = down.disabled = false;
    }
  }
  return h('div', { class: 'feedback', role: 'group', 'aria-label': 'Rate this answer' }, up, down, status);
}
