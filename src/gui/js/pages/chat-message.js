/**
 * The chat's message bubbles. A turn is drawn by the same functions whether it arrives live over /ws/chat or is
 * read back from GET /api/v1/conversations/{id}/messages, so a reopened conversation shows what the live one showed:
 * an answer's model, tokens, cost, latency and cache flag, and a blocked question's firewall reasons.
 */
import { h } from '../dom.js';
import { int, ms, usd } from '../format.js';
import { thumbs } from './feedback.js';

const WHO = { user: 'You', assistant: 'Assistant' };
const absent = (v) => v === null || v === undefined;

/** A bubble: { li, text (its Text node, for streaming), metaEl }. */
export function messageItem(role, content, status = 'complete', meta = '') {
  const text = document.createTextNode(content);
  const metaEl = h('p', { class: 'msg-meta' }, meta);
  const li = h(
    'li',
    { class: `msg msg-${role}${status !== 'complete' ? ` msg-${status}` : ''}`, dataset: { status } },
    h('p', { class: 'msg-who' }, WHO[role] ?? role),
    h('div', { class: 'msg-text' }, text),
    metaEl,
  );
  return { li, text, metaEl };
}

/**
 * "gpt-4o-mini · 42 tokens · $0.000120 · 830 ms · from the cache". Figures a stored answer lacks (kept only since
 * they were added) are left out rather than shown as dashes.
 */
export function answerMeta({ model, totalTokens, costUsd, latencyMs, cached }) {
  const bits = [model, absent(totalTokens) ? null : `${int(totalTokens)} tokens`, absent(costUsd) ? null : usd(costUsd), absent(latencyMs) ? null : ms(latencyMs)];
  if (cached) bits.push('from the cache');
  return bits.filter(Boolean).join(' · ');
}

/** Marks a finished answer with its figures (data attributes for tools and tests) and its thumbs. */
export function completeAnswer(li, { requestId, costUsd, cached }) {
  if (!absent(costUsd)) li.dataset.costUsd = String(costUsd);
  if (!absent(cached)) li.dataset.cached = String(Boolean(cached));
  if (requestId) li.append(thumbs(requestId));
}

/** What stands where the answer would have been when the firewall stopped the question. */
export function blockedNotice(reasons) {
  return h(
    'li',
    { class: 'msg msg-blocked', dataset: { status: 'blocked' } },
    h('p', { class: 'msg-who' }, 'Firewall'),
    h('p', {}, 'This message was blocked by the content firewall and was not sent to a model.'),
    h('ul', { class: 'reasons' }, (reasons ?? []).map((r) => h('li', {}, r))),
  );
}

/** The question of a blocked turn: kept in its place, marked blocked. */
export function markBlocked(userLi) {
  userLi.classList.add('blocked');
  userLi.dataset.status = 'blocked';
}

const FAILED = { cancelled: 'Cancelled.', error: 'The answer failed before it was complete.' };

/** A stored message as the bubbles the live chat drew for it (a blocked question is followed by the firewall's notice). */
export function storedMessage(m) {
  if (m.role === 'user' && m.status === 'blocked') {
    const user = messageItem('user', m.content);
    markBlocked(user.li);
    return [user.li, blockedNotice(m.block_reasons)];
  }
  if (m.role !== 'assistant') return [messageItem(m.role, m.content).li];
  if (m.status !== 'complete') return [messageItem('assistant', m.content, m.status, FAILED[m.status] ?? m.status).li];
  const totalTokens = absent(m.prompt_tokens) && absent(m.completion_tokens) ? null : (m.prompt_tokens ?? 0) + (m.completion_tokens ?? 0);
  const answer = messageItem('assistant', m.content, 'complete', answerMeta({ model: m.model, totalTokens, costUsd: m.cost_usd, latencyMs: m.latency_ms, cached: m.cached }));
  completeAnswer(answer.li, { requestId: m.request_id, costUsd: m.cost_usd, cached: m.cached });
  return [answer.li];
}
