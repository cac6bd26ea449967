import type { Principal } from '../../auth/principal.js';
import type { Repos } from '../../storage/repos.js';
import type { Actor } from '../../storage/monitoring/prompt-texts-repo.js';
import type { PromptsQuery } from '../prompt-log.js';
import { recordsOf, textViewOf } from './access.js';
import type { PromptLoggingMode } from './mode.js';
import type { PromptLoggingStore } from './mode-store.js';

export interface PromptTextServiceOptions {
  repos: Pick<Repos, 'analytics' | 'promptTexts' | 'promptLogging'>;
  store: PromptLoggingStore;
  analystsSeeText: boolean;
  retentionDays: number;
}

const NOTES: Record<PromptLoggingMode, string> = {
  off: 'prompt logging is off: the request log stores figures, not prompt text',
  masked: 'prompt and answer text are stored as the provider saw them, every firewall finding masked',
  full: 'prompt and answer text are stored as sent (PROMPT_LOGGING=full); blocked prompts are stored masked',
};

const actor = (p: Principal): Actor => ({ id: p.userId, username: p.username, role: p.role });

/**
 * Stored prompt text as people reach it: the request log with the text each caller may see, every read recorded
 * before the text leaves (a read the audit trail cannot hold is refused), deletions, and the mode.
 */
export function createPromptTextService(opts: PromptTextServiceOptions) {
  const { repos, store } = opts;

  function logging(p: Principal) {
    const s = store.snapshot;
    return { enabled: s.mode !== 'off', mode: s.mode, text_access: textViewOf(p, opts.analystsSeeText).scope, note: NOTES[s.mode] };
  }

  return {
    /** One page of the request log for `p`; every text on it is recorded as read by `p` first. */
    async list(p: Principal, q: PromptsQuery) {
      const view = q.include_text === 'false' ? ({ scope: 'none' } as const) : textViewOf(p, opts.analystsSeeText);
      const page = await repos.analytics.promptLog(q, view, recordsOf(p));
      const read = page.items.filter((i) => i.text?.visible).map((i) => ({ requestId: i.request_id, subjectUserId: i.user_id }));
      await repos.promptTexts.recordReads(read, actor(p));
      return { ...page, prompt_logging: logging(p) };
    },

    /** An admin deletes one request's text (the record stays); false when there was none. */
    async remove(p: Principal, requestId: string): Promise<boolean> {
      return (await repos.promptTexts.deleteOne(requestId, actor(p))) !== undefined;
    },

    /** Deletes every text of a user (their account is being deleted); later rows of theirs are refused too. */
    eraseUser(p: Principal, userId: string): Promise<number> {
      return repos.promptTexts.eraseUser(userId, actor(p));
    },

    accessLog(q: { limit: number; before?: number | undefined; requestId?: string | undefined; actorId?: string | undefined }) {
      return repos.promptTexts.accessLog(q);
    },

    changes(limit: number, before?: number) {
      return repos.promptLogging.changes(limit, before);
    },

    settings() {
      const s = store.snapshot;
      return { ...s, fullAllowed: store.fullAllowed, analystsSeeText: opts.analystsSeeText, retentionDays: opts.retentionDays };
    },

    setMode(p: Principal, mode: PromptLoggingMode) {
      return store.set(mode, { id: p.userId, username: p.username });
    },
  };
}

export type PromptTextService = ReturnType<typeof createPromptTextService>;
