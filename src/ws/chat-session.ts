import type { WebSocket } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { RawData } from 'ws';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { CLOSE_UNAUTHORIZED, type ChatContext } from './chat-context.js';
import { runTurn } from './chat-turn.js';
import { parseClientFrame, type ClientFrame } from './protocol.js';
import { sendFrame } from './socket-io.js';

interface Credentials {
  principal: Principal;
  /** Token expiry in ms since the epoch; undefined for the unauthenticated default principal. */
  expiresAt?: number;
}

/** The `?token=` of the upgrade URL: browsers cannot set headers on a WebSocket. */
function queryToken(request: FastifyRequest): string | undefined {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token ? token : undefined;
}

/**
 * A browser page of another site opening this socket. WebSockets have no CORS: without this check any web page a
 * developer visits could chat through their local development orchestrator as its default admin.
 */
function crossSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false; // not a browser
  try {
    return new URL(origin).host !== request.host; // request.host honours X-Forwarded-Host behind a trusted proxy
  } catch {
    return true;
  }
}

/**
 * One chat socket: who it is (token in the URL, an Authorization header, a first `auth` frame, or the default
 * principal of development / single-user mode), its messages in flight, and its keep-alive.
 */
export function openSession(ctx: ChatContext, socket: WebSocket, request: FastifyRequest): void {
  const { app, settings } = ctx;
  let creds: Credentials | undefined;
  const inflight = new Map<string, AbortController>();
  const pending = new Map<string, string>();
  let awaitingPong = false;
  ctx.sockets.add(socket);

  const reject = (reason: string) => socket.close(CLOSE_UNAUTHORIZED, reason.slice(0, 120));
  /** Signature, claims (exp required), and whether the user is still active (cached; a query at most every few seconds). */
  const verify = async (token: string): Promise<Credentials | undefined> => {
    try {
      const principal = await app.authenticator.authenticate(token);
      return { principal, expiresAt: principal.tokenExpiresAt !== undefined ? principal.tokenExpiresAt * 1000 : undefined };
    } catch (err) {
      reject(err instanceof AppError ? err.message : 'invalid token');
      return undefined;
    }
  };
  /** Frames that arrive while a token is being checked wait for the verdict, in order. */
  let verifying: Promise<void> | undefined;
  const authenticateWith = (token: string) => {
    const run: Promise<void> = verify(token)
      .then((c) => {
        if (c) authenticated(c);
      })
      .finally(() => {
        if (verifying === run) verifying = undefined;
      });
    verifying = run;
  };
  let expiryTimer: NodeJS.Timeout | undefined;
  let expired = false;
  const closeIfExpired = () => expired && inflight.size === 0 && reject('token expired');
  const authenticated = (c: Credentials) => {
    creds = c;
    expired = false;
    clearTimeout(expiryTimer);
    // An expired token closes the socket, though not in the middle of an answer.
    if (c.expiresAt !== undefined) {
      expiryTimer = setTimeout(() => {
        expired = true;
        closeIfExpired();
      }, Math.min(Math.max(0, c.expiresAt - Date.now()), 2 ** 31 - 1));
    }
    sendFrame(socket, { type: 'ready', user: { user_id: c.principal.userId, username: c.principal.username, role: c.principal.role } });
  };

  // A token that is presented is always judged by it (never silently replaced by the default principal).
  const token = queryToken(request);
  const fromHeader = request.principal; // set by the auth hook from a valid Authorization header
  if (token) {
    authenticateWith(token);
  } else if (fromHeader) {
    authenticated({ principal: fromHeader });
  } else if (!crossSite(request)) {
    const fallback = app.defaultPrincipal();
    if (fallback) authenticated({ principal: fallback });
  }
  const authTimer = creds || verifying ? undefined : setTimeout(() => !creds && reject('authentication timeout: send {"type":"auth","token":"…"}'), settings.authTimeoutMs);

  let heardSinceTick = true;
  const heartbeat = setInterval(() => {
    if (awaitingPong) return socket.terminate(); // missed the last ping: the peer is gone
    if (heardSinceTick) {
      heardSinceTick = false; // not idle: no ping needed this time
      return;
    }
    awaitingPong = true;
    socket.ping();
  }, settings.pingIntervalMs);
  const heard = () => {
    heardSinceTick = true;
    awaitingPong = false;
  };
  socket.on('pong', heard);

  function handle(frame: ClientFrame): void {
    if (frame.type === 'ping') return sendFrame(socket, { type: 'pong' });
    if (frame.type === 'auth') return authenticateWith(frame.token);
    if (!creds) return sendFrame(socket, { type: 'error', ...(frame.type === 'message' || frame.type === 'cancel' ? { id: frame.id } : {}), code: 'UNAUTHORIZED', message: 'authenticate first: send {"type":"auth","token":"…"}' });
    if (expired || (creds.expiresAt !== undefined && Date.now() >= creds.expiresAt)) return reject('token expired');
    if (frame.type === 'cancel') {
      // Unknown ids are ignored: the answer may have finished while the cancel was on its way.
      inflight.get(frame.id)?.abort();
      return;
    }
    if (ctx.draining || app.lifecycle.draining) return sendFrame(socket, { type: 'error', id: frame.id, code: 'SHUTTING_DOWN', message: 'the server is shutting down; reconnect shortly' });
    if (inflight.has(frame.id)) return sendFrame(socket, { type: 'error', id: frame.id, code: 'VALIDATION_ERROR', message: `id: message ${frame.id} is still in flight; use a new id` });

    const controller = new AbortController();
    inflight.set(frame.id, controller);
    const principal = creds.principal;
    // Each message is its own trace (the socket is no unit of work); no content in the attributes.
    const run = () => runTurn({ ctx, socket, principal, frame, controller, pending });
    const turn = app.telemetry.trace('ws.chat.message', { 'user.id': principal.userId, 'moolai.ws.message_id': frame.id }, run).finally(() => {
      inflight.delete(frame.id);
      ctx.turns.delete(turn);
      closeIfExpired();
    });
    ctx.turns.set(turn, controller);
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    heard();
    const parsed = parseClientFrame(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data), isBinary);
    if (!parsed.ok) return sendFrame(socket, parsed.error);
    const frame = parsed.frame;
    if (verifying) void verifying.then(() => handle(frame));
    else handle(frame);
  });

  socket.on('close', () => {
    clearTimeout(authTimer);
    clearTimeout(expiryTimer);
    clearInterval(heartbeat);
    ctx.sockets.delete(socket);
    // Nobody is reading any more: stop paying for the answers.
    for (const controller of inflight.values()) controller.abort();
  });
}
