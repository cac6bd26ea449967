/**
 * The chat's list of conversations. A title is the start of the first question, so conversations opened with the
 * same words look alike: each shows its title on up to two lines, the whole opening question as a tooltip, its
 * message count and last activity, and — when another listed conversation opens with the same words — the words
 * where its first question departs from the others' (as editors show the differing folder of files named alike).
 */
import { h } from '../dom.js';
import { int, when } from '../format.js';

/** Openings at least this long and the same read as the same title in a narrow list. */
const ALIKE_CHARS = 24;
const HINT_CHARS = 60;

const commonPrefix = (a, b) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i].toLowerCase() === b[i].toLowerCase()) i++;
  return i;
};

/** Up to `max` characters of `s` from `start`, cut at a word. */
function wordsFrom(s, start, max) {
  const rest = s.slice(start);
  if (rest.length <= max) return rest;
  const cut = rest.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * conversation id → "…the words where it departs", for those whose opening is the same as another's. None for
 * one whose first question is the same as another's throughout: the count and time tell those apart.
 */
export function departures(conversations) {
  const text = (c) => c.first_prompt || c.title || '';
  const out = new Map();
  for (const c of conversations) {
    const mine = text(c);
    let shared = 0;
    for (const o of conversations) if (o !== c) shared = Math.max(shared, commonPrefix(mine, text(o)));
    if (shared < ALIKE_CHARS || shared >= mine.length) continue;
    const start = mine.lastIndexOf(' ', shared) + 1;
    out.set(c.id, `…${wordsFrom(mine, start, HINT_CHARS)}`);
  }
  return out;
}

/** The full opening question as far as the list has it (the title otherwise). */
export const fullTitle = (c) => c.first_prompt || c.title || 'Untitled';

/** The list items: { conversations, current (id), onOpen(c), onDelete(c) } → <li>s. */
export function conversationItems({ conversations, current, onOpen, onDelete }) {
  const hints = departures(conversations);
  return conversations.map((c) => {
    const title = c.title || 'Untitled';
    const hint = hints.get(c.id);
    const stamp = when(c.updated_at);
    return h(
      'li',
      { class: 'conv', dataset: { conversationId: c.id } },
      h(
        'button',
        { type: 'button', class: 'conv-open', title: fullTitle(c), 'aria-current': c.id === current ? 'true' : null, onclick: () => onOpen(c) },
        h('span', { class: 'conv-title' }, title),
        hint ? h('span', { class: 'conv-hint' }, hint) : null,
        h('span', { class: 'conv-meta' }, `${int(c.message_count)} ${c.message_count === 1 ? 'message' : 'messages'} · `, h('time', { datetime: c.updated_at }, stamp)),
      ),
      h('button', { type: 'button', class: 'icon danger-text', 'aria-label': `Delete conversation ${title} (${stamp})`, onclick: () => onDelete(c) }, '✕'),
    );
  });
}
