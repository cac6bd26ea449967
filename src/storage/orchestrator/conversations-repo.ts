import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import type { ChatMessage } from '../../llm/types.js';
import type { OrchestratorDb } from '../database.js';
import { conversations, messages, users } from './schema.js';
import { historyOf } from '../../conversations/history.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export const newConversationId = () => `conv_${randomBytes(9).toString('base64url')}`;
const newMessageId = () => `msg_${randomBytes(9).toString('base64url')}`;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Postgres text can never hold U+0000. Questions with one are refused at the door (ws/protocol.ts), but an answer is
 * whatever the model sent, already streamed to the client: its NULs are stored as U+FFFD rather than losing the turn.
 */
const storable = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

/** One exchange, stored whole or not at all. */
export interface TurnRecord {
  conversation: { id: string; title: string; isNew: boolean };
  owner: Pick<Principal, 'userId' | 'username' | 'fullName' | 'role'>;
  requestId: string;
  /** When the question arrived (orders the messages of concurrent turns by arrival). */
  startedAt: Date;
  /** `blockReasons`: the firewall's reasons when the question was blocked. */
  user: { content: string; status: 'complete' | 'blocked'; model: string | null; blockReasons?: string[] };
  /** Absent when the question never reached a model (blocked). */
  assistant?: AnswerRecord;
}

/** An answer as stored; the figures are those the client was shown in the turn's `done` frame. */
export interface AnswerRecord {
  content: string;
  status: 'complete' | 'cancelled' | 'error';
  model: string | null;
  promptTokens?: number;
  completionTokens?: number;
  costUsd?: number;
  cached?: boolean;
  latencyMs?: number;
}

/** How much of a conversation's first question the list carries. */
export const FIRST_PROMPT_CHARS = 300;

export type ListedConversation = ConversationRow & { messageCount: number; firstPrompt: string | null };

export interface Page {
  limit: number;
  offset: number;
}

/** Conversations and their messages, always scoped to one organisation and checked against the owner. */
export function createConversationsRepo(db: OrchestratorDb, orgId: string) {
  const owned = (id: string, userId: string) => and(eq(conversations.id, id), eq(conversations.orgId, orgId), eq(conversations.userId, userId));

  return {
    async get(id: string, userId: string): Promise<ConversationRow | undefined> {
      const [row] = await db.select().from(conversations).where(owned(id, userId)).limit(1);
      return row;
    },

    /**
     * The caller's conversations, most recently active first, each with its message count and the start of its first
     * question (what tells apart conversations whose titles are the same).
     */
    async list(userId: string, page: Page): Promise<{ items: ListedConversation[]; total: number }> {
      const mine = and(eq(conversations.orgId, orgId), eq(conversations.userId, userId));
      // Spelled out: drizzle leaves columns unqualified inside sql``, which a correlated subquery cannot afford.
      const messageCount = sql<number>`(select count(*) from "messages" m where m."conversation_id" = "conversations"."id")`.mapWith(Number);
      const firstPrompt = sql<string | null>`(select left(m."content", ${FIRST_PROMPT_CHARS}) from "messages" m where m."conversation_id" = "conversations"."id" and m."role" = 'user' order by m."created_at", m."id" limit 1)`;
      const [items, [totalRow]] = await Promise.all([
        db
          .select({ conversation: conversations, messageCount, firstPrompt })
          .from(conversations)
          .where(mine)
          .orderBy(desc(conversations.updatedAt), desc(conversations.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(conversations).where(mine),
      ]);
      return { items: items.map((r) => ({ ...r.conversation, messageCount: r.messageCount, firstPrompt: r.firstPrompt === null ? null : oneLine(r.firstPrompt) })), total: totalRow?.n ?? 0 };
    },

    /** Messages of an owned conversation in order, or undefined when it is not the caller's. */
    async messages(id: string, userId: string, page: Page): Promise<{ conversation: ConversationRow; items: MessageRow[]; total: number } | undefined> {
      const conversation = await this.get(id, userId);
      if (!conversation) return undefined;
      const [items, [totalRow]] = await Promise.all([
        db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(asc(messages.createdAt), asc(messages.id)).limit(page.limit).offset(page.offset),
        db.select({ n: count() }).from(messages).where(eq(messages.conversationId, id)),
      ]);
      return { conversation, items, total: totalRow?.n ?? 0 };
    },

    /** The context for the next question (see historyOf); the caller has checked ownership. */
    async history(id: string): Promise<ChatMessage[]> {
      const rows = await db
        .select({ role: messages.role, content: messages.content, status: messages.status, requestId: messages.requestId })
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.status, 'complete')))
        .orderBy(asc(messages.createdAt), asc(messages.id));
      return historyOf(rows);
    },

    /** Deletes an owned conversation with its messages; false when there is none of the caller's. */
    async remove(id: string, userId: string): Promise<boolean> {
      const rows = await db.delete(conversations).where(owned(id, userId)).returning({ id: conversations.id });
      return rows.length > 0;
    },

    /**
     * Stores a question and its answer (and the conversation, when this turn started it) in one transaction.
     * Throws NOT_FOUND when the conversation stopped being the owner's (deleted meanwhile): nothing is stored.
     */
    async storeTurn(t: TurnRecord): Promise<{ userMessageId: string; assistantMessageId: string | null }> {
      return db.transaction(async (tx) => {
        const { conversation: c, owner } = t;
        if (c.isNew) {
          // Users known only from a token (issued by the Controller) get a row, so the foreign key holds.
          await tx.insert(users).values({ id: owner.userId, orgId, username: owner.username, fullName: owner.fullName, role: owner.role }).onConflictDoNothing();
          await tx.insert(conversations).values({ id: c.id, orgId, userId: owner.userId, title: storable(c.title), createdAt: t.startedAt, updatedAt: t.startedAt }).onConflictDoNothing();
        }
        const touched = await tx.update(conversations).set({ updatedAt: new Date() }).where(owned(c.id, owner.userId)).returning({ id: conversations.id });
        if (!touched.length) throw new AppError('NOT_FOUND', `conversation ${c.id} not found`);
        const userMessageId = newMessageId();
        const blockReasons = t.user.blockReasons?.map(storable) ?? null;
        await tx.insert(messages).values({ id: userMessageId, conversationId: c.id, role: 'user', content: storable(t.user.content), status: t.user.status, model: t.user.model, requestId: t.requestId, blockReasons, createdAt: t.startedAt });
        let assistantMessageId: string | null = null;
        if (t.assistant) {
          const a = t.assistant;
          assistantMessageId = newMessageId();
          // Never earlier than the question, even if the clock stepped back.
          const at = new Date(Math.max(Date.now(), t.startedAt.getTime() + 1));
          await tx.insert(messages).values({
            id: assistantMessageId,
            conversationId: c.id,
            role: 'assistant',
            content: storable(a.content),
            status: a.status,
            model: a.model === null ? null : storable(a.model),
            requestId: t.requestId,
            promptTokens: a.promptTokens ?? null,
            completionTokens: a.completionTokens ?? null,
            costUsd: a.costUsd ?? null,
            cached: a.cached ?? null,
            latencyMs: a.latencyMs ?? null,
            createdAt: at,
          });
        }
        return { userMessageId, assistantMessageId };
      });
    },
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
