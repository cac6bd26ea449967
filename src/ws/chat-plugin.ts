import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { redactUrl } from '../logger.js';
import { createChatContext, drainChat, type ChatSettings } from './chat-context.js';
import { openSession } from './chat-session.js';
import { WS_MAX_PAYLOAD } from './protocol.js';

export interface Chat {
  /** Chat sockets open now (for monitoring). */
  readonly openSockets: number;
  /** Answers being streamed now. */
  readonly activeAnswers: number;
  settings: ChatSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    chat: Chat;
  }
}

/**
 * The upgrade URL carries `?token=`: request logs get the path and a redacted query, never the token. The app's
 * logger does the same for every route (logger.ts); this holds it here whatever logger the app was built with.
 */
function redactedReq(req: FastifyRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}

/**
 * `WS /ws/chat`: the browser chat over WebSocket, on the same pipeline as the REST and OpenAI-compatible doors.
 * The route is public at the HTTP level because browsers cannot send an Authorization header with an upgrade;
 * each socket authenticates itself (see chat-session.ts).
 */
export default fp(
  async (app) => {
    const ctx = createChatContext(app);
    await app.register(websocket, {
      options: { maxPayload: WS_MAX_PAYLOAD },
      // Replaces the plugin's default (close every socket at once): answers in flight may finish first.
      preClose: async () => drainChat(ctx, app.config.server.shutdownTimeoutMs),
      errorHandler: (err, socket, request) => {
        // Socket-level errors (a peer that vanished, a frame above maxPayload) end the socket, quietly.
        request.log.info({ err: err.message }, 'chat socket error');
        socket.terminate();
      },
    });

    app.decorate('chat', {
      get openSockets() {
        return ctx.sockets.size;
      },
      get activeAnswers() {
        return ctx.turns.size;
      },
      settings: ctx.settings,
    });

    app.get(
      '/ws/chat',
      { websocket: true, config: { auth: { public: true } }, logSerializers: { req: redactedReq }, schema: { hide: true } },
      (socket, request) => openSession(ctx, socket, request),
    );
  },
  { name: 'ws-chat', dependencies: ['config', 'lifecycle', 'telemetry', 'services', 'auth'] },
);
