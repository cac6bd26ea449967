import { WebSocket } from 'ws';

/** A server frame as the tests read it (the protocol's types are checked in src; here any field may be asked for). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are asserted field by field with expect()
export type Frame = Record<string, any> & { type: string };

const TERMINAL = new Set(['done', 'blocked', 'error']);

export interface ChatClient {
  ws: WebSocket;
  /** Every frame received so far, in order. */
  frames: Frame[];
  send(frame: unknown): void;
  /** The first frame (received already or later) that matches. */
  frame(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** The frame that ends message `id`: done, blocked or error. */
  end(id: string, timeoutMs?: number): Promise<Frame>;
  /** Sends a message and waits for its end; returns the end frame and the streamed text. */
  ask(content: string, extra?: Record<string, unknown>): Promise<{ id: string; end: Frame; text: string; tokens: number }>;
  tokensOf(id: string): string[];
  closed: Promise<{ code: number; reason: string; at: number }>;
  close(): Promise<void>;
}

let seq = 0;

/** Connects to /ws/chat of a listening gateway (`http://…` base URL); resolves once the socket is open. */
export async function connectChat(baseUrl: string, opts: { token?: string; headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<ChatClient> {
  const url = new URL('/ws/chat', baseUrl.replace(/^http/, 'ws'));
  if (opts.token) url.searchParams.set('token', opts.token);
  const ws = new WebSocket(url, { headers: opts.headers, autoPong: opts.autoPong ?? true });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString(), at: Date.now() });
      for (const w of [...waiters]) w();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  const client: ChatClient = {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    frame: (match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found && ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return finish(new Error(`socket closed; frames: ${JSON.stringify(frames).slice(0, 500)}`));
          if (found) finish(undefined, found);
        };
        const finish = (err?: Error, f?: Frame) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve(f!);
        };
        const timer = setTimeout(() => finish(new Error(`no matching frame within ${timeoutMs} ms; frames: ${JSON.stringify(frames).slice(0, 500)}`)), timeoutMs);
        waiters.add(check);
        check();
      }),
    end: (id, timeoutMs) => client.frame((f) => f.id === id && TERMINAL.has(f.type), timeoutMs),
    tokensOf: (id) => frames.filter((f) => f.type === 'token' && f.id === id).map((f) => f.delta as string),
    async ask(content, extra = {}) {
      const id = `q${++seq}`;
      client.send({ type: 'message', id, content, ...extra });
      const end = await client.end(id);
      const tokens = client.tokensOf(id);
      return { id, end, text: tokens.join(''), tokens: tokens.length };
    },
    closed,
    async close() {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
      await closed;
    },
  };
  return client;
}
