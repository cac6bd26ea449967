import type { WebSocket } from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ConversationsRepo } from '../storage/orchestrator/conversations-repo.js';
import { AppError } from '../errors/app-error.js';

/** Timings of the chat sockets; mutable so tests can shorten them on a running app. */
export interface ChatSettings {
  /** A socket with no valid credentials after this long is closed with 4401 (when there is no default principal). */
  authTimeoutMs: number;
  /** An idle socket is pinged this often; one that has not answered by the next tick is terminated. */
  pingIntervalMs: number;
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = { authTimeoutMs: 5_000, pingIntervalMs: 30_000 };

/** Close codes: 4401 mirrors HTTP 401 in the application range (4000-4999); 1001 is "going away". */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_GOING_AWAY = 1001;

/** What every socket of one app shares: the app, the conversation store, and the bookkeeping shutdown needs. */
export interface ChatContext {
  app: FastifyInstance;
  repo: ConversationsRepo;
  log: FastifyBaseLogger;
  settings: ChatSettings;
  sockets: Set<WebSocket>;
  /** Answers being produced, with the controller that cancels each. */
  turns: Map<Promise<void>, AbortController>;
  /** Set on shutdown: no new messages are taken. */
  draining: boolean;
}

export function createChatContext(app: FastifyInstance): ChatContext {
  return {
    app,
    repo: app.repos.conversations,
    log: app.log.child({ component: 'ws-chat' }),
    settings: { ...DEFAULT_CHAT_SETTINGS },
    sockets: new Set(),
    turns: new Map(),
    draining: false,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Resolves when every tracked turn has ended, or after `ms` (false then). */
async function settled(ctx: ChatContext, ms: number): Promise<boolean> {
  if (!ctx.turns.size) return true;
  return Promise.race([Promise.allSettled([...ctx.turns.keys()]).then(() => true), sleep(ms).then(() => false)]);
}

/**
 * Shutdown: stop taking messages, let answers in flight finish (bounded by the shutdown timeout, then cancel them
 * and give them a moment to store what they have), and close every socket with 1001.
 */
export async function drainChat(ctx: ChatContext, timeoutMs: number): Promise<void> {
  ctx.draining = true;
  if (!(await settled(ctx, timeoutMs))) {
    ctx.log.warn({ turns: ctx.turns.size }, 'chat answers still running at shutdown: cancelling them');
    for (const controller of ctx.turns.values()) controller.abort(new AppError('SHUTTING_DOWN', 'the server is shutting down'));
    await settled(ctx, 2_000);
  }
  const closed = [...ctx.sockets].map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(CLOSE_GOING_AWAY, 'server shutting down');
      }),
  );
  // A client that does not answer the close handshake must not hold the shutdown open.
  if (!(await Promise.race([Promise.all(closed).then(() => true), sleep(1_000).then(() => false)]))) {
    for (const socket of ctx.sockets) socket.terminate();
  }
  await new Promise<void>((resolve) => ctx.app.websocketServer.close(() => resolve()));
}
