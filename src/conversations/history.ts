import type { ChatMessage } from '../llm/types.js';

/** What history needs of a stored message. */
export interface StoredTurnPart {
  role: 'system' | 'user' | 'assistant';
  content: string;
  status: 'complete' | 'blocked' | 'cancelled' | 'error';
  requestId: string | null;
}

/** Upper bounds of what goes upstream as context: the newest turns win. */
export const MAX_HISTORY_TURNS = 50;
export const MAX_HISTORY_CHARS = 512 * 1024;

const TITLE_MAX = 80;

/** A conversation's title: its first message on one line, trimmed, cut at a word near TITLE_MAX characters. */
export function titleOf(content: string): string {
  const line = content.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_MAX) return line || 'New conversation';
  const cut = line.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The context sent upstream: completed turns only, as user/assistant pairs (linked by their request id), oldest
 * first. A blocked prompt never goes upstream again, and neither does a question whose answer failed or was
 * cancelled: a dangling question would both confuse the model and break providers that want roles to alternate.
 * `rows` must be in conversation order.
 */
export function historyOf(rows: readonly StoredTurnPart[]): ChatMessage[] {
  const answers = new Map<string, string>();
  for (const r of rows) if (r.role === 'assistant' && r.status === 'complete' && r.requestId) answers.set(r.requestId, r.content);
  const turns: [ChatMessage, ChatMessage][] = [];
  for (const r of rows) {
    if (r.role !== 'user' || r.status !== 'complete' || !r.requestId) continue;
    const answer = answers.get(r.requestId);
    if (answer !== undefined) turns.push([{ role: 'user', content: r.content }, { role: 'assistant', content: answer }]);
  }
  const kept: [ChatMessage, ChatMessage][] = [];
  let chars = 0;
  for (let i = turns.length - 1; i >= 0 && kept.length < MAX_HISTORY_TURNS; i--) {
    const [q, a] = turns[i]!;
    chars += q.content.length + a.content.length;
    if (chars > MAX_HISTORY_CHARS) break;
    kept.unshift([q, a]);
  }
  return kept.flat();
}
