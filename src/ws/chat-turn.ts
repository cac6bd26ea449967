import { randomUUID } from 'node:crypto';
import type { WebSocket } from '@fastify/websocket';
import type { Principal } from '../auth/principal.js';
import { newConversationId, type TurnRecord } from '../storage/orchestrator/conversations-repo.js';
import { titleOf } from '../conversations/history.js';
import { AppError } from '../errors/app-error.js';
import { redact } from '../firewall/redaction.js';
import type { Answer, StreamingAnswer } from '../llm/pipeline.js';
import type { ChatCompletion, ChatCompletionChunk, ChatMessage } from '../llm/types.js';
import { safeError } from '../logger.js';
import { CLOSE_UNAUTHORIZED, type ChatContext } from './chat-context.js';
import type { MessageFrame, ServerFrame } from './protocol.js';
import { sendFrame, waitForRoom } from './socket-io.js';

export interface Turn {
  ctx: ChatContext;
  socket: WebSocket;
  principal: Principal;
  frame: MessageFrame;
  controller: AbortController;
  /** Conversations this socket started whose first turn is not stored yet: id → owner. */
  pending: Map<string, string>;
}

interface Conversation {
  id: string;
  isNew: boolean;
}

type StoreWarning = NonNullable<Extract<ServerFrame, { type: 'done' }>['warning']>;
const NOT_STORED: StoreWarning = { code: 'NOT_STORED', message: 'the answer was delivered but could not be saved to the conversation' };

/** Why a turn stopped early: the client's cancel (or disconnect), or the server's shutdown (an AppError reason). */
const stopped = (c: AbortController) => (c.signal.reason instanceof AppError ? c.signal.reason : new AppError('CANCELLED', 'message cancelled'));

/** Anything thrown → what the client may see. Internal messages stay in the log. */
function toClientError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
}

/**
 * A blocked prompt is kept for the record with its findings replaced by typed placeholders, so the orchestrator
 * database does not become a store of the very PII and secrets the firewall stopped.
 */
function maskForStorage(t: Turn, content: string): string {
  try {
    return redact(content, t.ctx.app.firewall.engine.scan(content).findings).text;
  } catch {
    return '[withheld: blocked by the content firewall]';
  }
}

async function resolveConversation(t: Turn): Promise<Conversation> {
  const { frame, principal, pending } = t;
  if (!frame.conversation_id) {
    const id = newConversationId();
    pending.set(id, principal.userId);
    return { id, isNew: true };
  }
  if (pending.get(frame.conversation_id) === principal.userId) return { id: frame.conversation_id, isNew: true };
  if (!(await t.ctx.repo.get(frame.conversation_id, principal.userId))) throw new AppError('NOT_FOUND', `conversation ${frame.conversation_id} not found`);
  return { id: frame.conversation_id, isNew: false };
}

/** One question on the socket, from limits to the stored answer; always ends with done, blocked or error. */
export async function runTurn(t: Turn): Promise<void> {
  const { ctx, principal, frame } = t;
  try {
    // A user deactivated while the socket is open is refused from the next message on (cached: no query mostly).
    await ctx.app.services.auth.userStatus.check(principal);
    await ctx.app.rateLimiter.hit(principal.userId);
    const conversation = await resolveConversation(t);
    const history = conversation.isNew ? [] : await ctx.repo.history(conversation.id);
    if (t.controller.signal.aborted) throw stopped(t.controller);
    sendFrame(t.socket, { type: 'ack', id: frame.id, conversation_id: conversation.id });
    await answer(t, conversation, [...history, { role: 'user', content: frame.content }]);
  } catch (err) {
    const e = toClientError(err);
    if (e.status >= 500 && e.code !== 'SHUTTING_DOWN') ctx.log.error({ err: safeError(e.cause ?? e), code: e.code, user_id: principal.userId }, 'chat message failed');
    sendFrame(t.socket, { type: 'error', id: frame.id, code: e.code, message: e.message, ...(e.options.retryAfterS === undefined ? {} : { retry_after_s: e.options.retryAfterS }) });
    if (e.code === 'UNAUTHORIZED') t.socket.close(CLOSE_UNAUTHORIZED, e.message.slice(0, 120));
  }
}

async function answer(t: Turn, conversation: Conversation, messages: ChatMessage[]): Promise<void> {
  const { ctx, principal, frame, controller, socket } = t;
  const requestId = randomUUID();
  const startedAt = new Date();
  const model = frame.model ?? null;
  const store = async (user: TurnRecord['user'], assistant?: TurnRecord['assistant']) => {
    const ids = await ctx.repo.storeTurn({ conversation: { ...conversation, title: titleOf(user.content) }, owner: principal, requestId, startedAt, user, assistant });
    t.pending.delete(conversation.id);
    return ids;
  };
  /** A failed turn is stored as such; a storage failure then must not hide the original error. */
  const storeFailure = async (partial: string, err: AppError, answeredBy: string | null) => {
    const status = controller.signal.aborted || err.code === 'CANCELLED' ? 'cancelled' : 'error';
    await store({ content: frame.content, status: 'complete', model }, { content: partial, status, model: answeredBy }).catch((storeErr: unknown) =>
      ctx.log.error({ err: safeError(storeErr), request_id: requestId }, 'could not store a failed chat turn'),
    );
  };
  /**
   * Storing an outcome the client has already been given (an answer it watched stream in, a firewall verdict) must
   * not turn it into an error: the failure is logged and the client told in the final frame's `warning`.
   */
  const storeOutcome = async (user: TurnRecord['user'], assistant?: TurnRecord['assistant']): Promise<{ assistantMessageId: string | null; warning?: StoreWarning }> => {
    try {
      return await store(user, assistant);
    } catch (err) {
      ctx.log.error({ err: safeError(err), request_id: requestId, user_id: principal.userId }, 'could not store a chat turn');
      return { assistantMessageId: null, warning: NOT_STORED };
    }
  };

  let streaming: StreamingAnswer<ChatCompletionChunk, ChatCompletion>;
  try {
    // The pipeline edits the body (redaction), so it gets copies of the stored history, not the rows themselves.
    const body = { model: frame.model, messages: messages.map((m) => ({ role: m.role, content: m.content })) };
    // The stream slot is the pipeline's: taken here, released when the answer ends.
    streaming = await ctx.app.llm.pipeline.chat.stream({ requestId, endpoint: 'ws', userId: principal.userId, caller: ctx.app.authenticator.caller(principal), body, cacheMode: 'use', signal: controller.signal });
  } catch (err) {
    const raw = toClientError(err);
    if (raw.code === 'FIREWALL_BLOCKED') {
      const reasons = (raw.options.details as { reasons?: string[] } | undefined)?.reasons ?? [];
      const { warning } = await storeOutcome({ content: maskForStorage(t, frame.content), status: 'blocked', model, blockReasons: reasons });
      sendFrame(socket, { type: 'blocked', id: frame.id, reasons, conversation_id: conversation.id, ...(warning ? { warning } : {}) });
      return;
    }
    const e = controller.signal.aborted ? stopped(controller) : raw;
    await storeFailure('', e, null);
    throw e;
  }

  let text = '';
  let done: Answer<ChatCompletion>;
  try {
    for await (const chunk of streaming.events) {
      const delta = chunk.choices[0]?.delta?.content;
      if (!delta) continue;
      text += delta;
      await waitForRoom(socket, controller.signal);
      if (controller.signal.aborted) break; // leaving the loop cancels the upstream call
      sendFrame(socket, { type: 'token', id: frame.id, delta });
    }
    if (controller.signal.aborted) throw stopped(controller);
    done = await streaming.completed;
  } catch (err) {
    const e = controller.signal.aborted ? stopped(controller) : toClientError(err);
    await storeFailure(text, e, streaming.model);
    throw e;
  }
  const ids = await storeOutcome(
    { content: frame.content, status: 'complete', model },
    {
      content: done.value.choices[0]?.message.content ?? '',
      status: 'complete',
      model: done.model,
      promptTokens: done.summary.usage.promptTokens,
      completionTokens: done.summary.usage.completionTokens,
      // What the done frame shows, so the reopened conversation shows the same.
      costUsd: done.costUsd,
      cached: done.cached,
      latencyMs: done.latencyMs,
    },
  );
  sendFrame(socket, {
    type: 'done',
    id: frame.id,
    // The record's id: what POST /api/v1/feedback takes (the thumbs under each answer).
    request_id: requestId,
    usage: { prompt_tokens: done.summary.usage.promptTokens, completion_tokens: done.summary.usage.completionTokens, total_tokens: done.summary.usage.totalTokens },
    cached: done.cached,
    cost_usd: done.costUsd,
    latency_ms: done.latencyMs,
    model: done.model,
    conversation_id: conversation.id,
    message_id: ids.assistantMessageId,
    ...(ids.warning ? { warning: ids.warning } : {}),
  });
}
