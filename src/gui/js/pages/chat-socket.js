/**
 * The /ws/chat connection: authenticates with its first frame (`auth`, so the token never rides in the URL, where
 * proxies and logs keep it), reconnects with backoff, keeps itself alive with application pings, and hands every
 * server frame to onFrame. Close code 4401 means the server refused the session: the dashboard goes to login, as
 * for a 401 on any REST call (a restart with a new secret, a revoked or expired token).
 */
import { session, sessionRefused } from '../api.js';

const PING_MS = 20_000;
const MAX_BACKOFF_MS = 15_000;

export function chatSocket({ onFrame, onState }) {
  let ws = null;
  let closedByUs = false;
  let attempts = 0;
  let everOpened = false;
  let retryTimer = null;
  let pingTimer = null;

  function url() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/ws/chat`;
  }

  function connect() {
    clearTimeout(retryTimer);
    onState({ state: 'connecting', attempts });
    ws = new WebSocket(url());
    ws.addEventListener('open', () => {
      // First frame: the server judges the socket by this token before it handles anything sent after it.
      if (session.token) ws.send(JSON.stringify({ type: 'auth', token: session.token }));
      attempts = 0;
      everOpened = true;
      onState({ state: 'open' });
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_MS);
    });
    ws.addEventListener('message', (e) => {
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        console.error('chat: a frame that is not JSON', e.data);
        return;
      }
      onFrame(frame);
    });
    ws.addEventListener('close', (e) => {
      clearInterval(pingTimer);
      ws = null;
      if (closedByUs) return;
      if (e.code === 4401) {
        onState({ state: 'unauthorized', reason: e.reason });
        return sessionRefused(new Error(e.reason || 'the chat refused the session'));
      }
      attempts++;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 5)) * (0.75 + Math.random() / 2);
      onState({ state: everOpened ? 'reconnecting' : 'unavailable', inMs: delay, code: e.code, attempts });
      retryTimer = setTimeout(connect, delay);
    });
  }

  function send(frame) {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  connect();
  return {
    send,
    get open() {
      return Boolean(ws && ws.readyState === WebSocket.OPEN);
    },
    reconnectNow() {
      if (!ws) connect();
    },
    close() {
      closedByUs = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      ws?.close(1000, 'page closed');
    },
  };
}

/** A message id; crypto.randomUUID exists only in secure contexts, and the dashboard may be served over plain http. */
export function messageId() {
  const b = crypto.getRandomValues(new Uint8Array(12));
  return 'm_' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
