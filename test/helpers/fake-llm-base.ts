/**
 * The machinery shared by the fake OpenAI and fake Anthropic servers: a real node:http server on loopback, a queue
 * of scripted behaviours, call recording and disconnect tracking. Each fake only supplies its wire format (a
 * Dialect), so both fail in exactly the same scripted ways.
 */
import { EventEmitter } from 'node:events';
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleepFor } from 'node:timers/promises';

/** What the answer looks like; every step that streams content uses it. */
export interface AnswerShape {
  /** Default: `Echo: <last user message>`. */
  text?: string;
  /** How many content chunks the text is split into when streamed. Default 4. */
  chunks?: number;
  /** Pause before each content chunk after the first (non-streamed answers wait chunks × this in total). */
  chunkDelayMs?: number;
  /** Pause before the response headers. */
  latencyMs?: number;
  /** Default: the model of the request. */
  model?: string;
}

export type FakeStep =
  | (AnswerShape & {
      kind: 'answer';
      /** In the dialect's own vocabulary (`length`, `max_tokens`…). */
      finishReason?: string;
      /** false: no usage at all, even if the client asked for it (OpenAI dialect). */
      usage?: boolean;
      /** End the stream cleanly but without its terminal event (finish_reason / message_stop). */
      noFinish?: boolean;
    })
  /** 429 with `retry-after` (1 s when neither header is given; script `error` with status 429 for a bare 429). */
  | { kind: 'rate_limit'; retryAfterSeconds?: number; retryAfterMs?: number; latencyMs?: number }
  /** The dialect's error body; type/param/code replace its defaults (null included), headers go out with it. */
  | (ErrorDetail & { kind: 'error'; status?: number; message?: string; latencyMs?: number; headers?: Record<string, string> })
  /**
   * Exactly what is scripted, for asserting that what the upstream said is what the client got. Non-streamed: `json`
   * with `status` (default 200) and `headers`. Streamed: `frames` (or, without them, the frames the dialect would
   * stream for `json`) as 200 text/event-stream, chunkDelayMs apart; a non-2xx status with `json` answers a stream
   * with that JSON instead, as real upstreams fail before the stream starts. With nothing fitting scripted, the
   * dialect's normal answer (for chat and for every other endpoint, e.g. embeddings).
   */
  | {
      kind: 'raw';
      json?: JsonObject;
      frames?: RawFrame[];
      status?: number;
      headers?: Record<string, string>;
      latencyMs?: number;
      chunkDelayMs?: number;
    }
  /** Never answers; with afterChunks (streams only), sends headers and that many chunks first. */
  | (AnswerShape & { kind: 'stall'; afterChunks?: number })
  /** Destroys the socket after afterChunks content chunks (default 1); non-streamed: mid-body. */
  | (AnswerShape & { kind: 'cut'; afterChunks?: number })
  /** Sends afterChunks good chunks (default 1), then one that is not JSON; non-streamed: a non-JSON body. */
  | (AnswerShape & { kind: 'malformed'; afterChunks?: number });

export type JsonObject = Record<string, unknown>;

/**
 * One server-sent event of a `raw` step. A bare object is the dialect's usual event (OpenAI: `data: <json>`;
 * Anthropic: named after its own `type`); `{event, data}` names the event itself; '[DONE]' is OpenAI's terminator.
 */
export type RawFrame = JsonObject | { event: string; data: JsonObject } | '[DONE]';

/** What an upstream error says besides status and message; undefined keeps the dialect's default for the status. */
export interface ErrorDetail {
  type?: string;
  param?: string | null;
  code?: string | null;
}

export interface RecordedCall {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: JsonObject;
  /** The request body exactly as received, for byte-for-byte comparisons. */
  rawBody: string;
  stream: boolean;
  step: FakeStep;
  /** Date.now() values. */
  receivedAt: number;
  firstByteAt?: number;
  lastByteAt?: number;
  finishedAt?: number;
  /** Set when the client went away before the response was complete (never for our own `cut`). */
  clientClosedAt?: number;
}

/** Everything a dialect needs to render one answer. */
export interface Reply {
  id: string;
  text: string;
  pieces: string[];
  model: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: string | undefined;
  includeUsage: boolean;
  noFinish: boolean;
}

export interface Dialect {
  chatPath: string;
  /**
   * Other POST endpoints, which take scripted steps like chat calls but never stream: each computes the normal
   * answer of a call (OpenAI: /v1/embeddings).
   */
  endpoints?: Record<string, (call: RecordedCall) => unknown>;
  idPrefix: string;
  modelsBody(ids: string[]): unknown;
  /** GET /v1/models/{id} of a known model. */
  modelBody(id: string): unknown;
  /** The last user message and the length of all prompt text (for the token estimate). */
  prompt(body: JsonObject): { lastUser: string; promptChars: number };
  wantsUsage(body: JsonObject): boolean;
  json(reply: Reply): unknown;
  sse(reply: Reply): { prelude: string[]; content: string[]; trailer: string[] };
  errorBody(status: number, message: string, detail?: ErrorDetail): unknown;
  malformedFrame: string;
  /** The wire form of a bare-object frame of a raw step. */
  rawFrame(frame: JsonObject): string;
  /** The frames that stream `answer` (a whole non-streamed answer) to the client that sent `body`. */
  framesFor(answer: JsonObject, body: JsonObject): RawFrame[];
}

export interface FakeServerOptions {
  port?: number;
  host?: string;
  /** false skips recording calls (a long benchmark would otherwise grow `calls` without bound). */
  record?: boolean;
  defaultStep?: FakeStep;
  models?: string[];
}

export interface FakeLlmServer {
  /** http://127.0.0.1:<port> */
  url: string;
  calls: RecordedCall[];
  /** Queues behaviours for the next calls (chat and other endpoints), in order; when empty the default applies. */
  script(...steps: FakeStep[]): void;
  setDefault(step: FakeStep): void;
  /** How many chat calls the client abandoned before their response was complete. */
  readonly closedConnections: number;
  waitForCall(index: number, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves with the ms between the last byte sent (or the request's arrival) and the client's disconnect. */
  waitForClose(index: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
const MODELS_PREFIX = '/v1/models/';

type AnswerStep = Extract<FakeStep, { kind: 'answer' }>;

/** Exactly n consecutive slices (some empty when s is shorter than n), so pieces of text and lists line up. */
export function splitInto<S extends { length: number; slice(start: number, end: number): S }>(s: S, n: number): S[] {
  const count = Math.max(1, n);
  return Array.from({ length: count }, (_, i) =>
    s.slice(Math.round((i * s.length) / count), Math.round(((i + 1) * s.length) / count)),
  );
}

function isNamedEvent(frame: JsonObject): frame is { event: string; data: JsonObject } {
  const keys = Object.keys(frame);
  return keys.length === 2 && typeof frame.event === 'string' && typeof frame.data === 'object' && frame.data !== null;
}

export function renderFrame(dialect: Dialect, frame: RawFrame): string {
  if (frame === '[DONE]') return 'data: [DONE]\n\n';
  if (isNamedEvent(frame)) return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
  return dialect.rawFrame(frame);
}

function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a malformed escape: look the id up as sent
  }
}

export function splitText(text: string, n: number): string[] {
  const count = Math.max(1, Math.min(n, text.length));
  const size = Math.ceil(text.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length ? pieces : [''];
}

export async function startFakeServer(dialect: Dialect, opts: FakeServerOptions = {}): Promise<FakeLlmServer> {
  const record = opts.record ?? true;
  const models = opts.models ?? ['fake-model-small', 'fake-model-large'];
  const calls: RecordedCall[] = [];
  const queue: FakeStep[] = [];
  const events = new EventEmitter();
  let defaultStep: FakeStep = opts.defaultStep ?? { kind: 'answer' };
  let count = 0;
  let closedConnections = 0;

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, dialect.modelsBody(models));
      if (req.method === 'GET' && path.startsWith(MODELS_PREFIX)) return serveModel(res, decodePath(path.slice(MODELS_PREFIX.length)));
      const endpoint = path === dialect.chatPath ? undefined : dialect.endpoints?.[path];
      if (req.method !== 'POST' || (path !== dialect.chatPath && !endpoint)) {
        return sendJson(res, 404, dialect.errorBody(404, 'not found', { code: null }));
      }
      let body: JsonObject;
      try {
        body = JSON.parse(raw) as JsonObject;
      } catch {
        return sendJson(res, 400, dialect.errorBody(400, 'body is not JSON'));
      }
      const call: RecordedCall = {
        index: count++,
        method: req.method,
        path,
        headers: req.headers,
        body,
        rawBody: raw,
        stream: !endpoint && body.stream === true,
        step: queue.shift() ?? defaultStep,
        receivedAt: Date.now(),
      };
      if (record) {
        calls.push(call);
        events.emit('call', call.index);
      }
      void serveChat(call, res, endpoint);
    });
  });

  function serveModel(res: ServerResponse, id: string): void {
    if (models.includes(id)) return sendJson(res, 200, dialect.modelBody(id));
    const detail = { param: 'model', code: 'model_not_found' };
    sendJson(res, 404, dialect.errorBody(404, `The model '${id}' does not exist`, detail));
  }

  async function serveChat(call: RecordedCall, res: ServerResponse, endpoint?: (call: RecordedCall) => unknown): Promise<void> {
    const gone = new AbortController();
    let cutByUs = false;
    res.on('close', () => {
      if (!res.writableFinished && !cutByUs) {
        call.clientClosedAt = Date.now();
        closedConnections++;
        events.emit('closed', call.index);
      }
      gone.abort();
    });
    const sent = (): void => {
      call.lastByteAt = Date.now();
      call.firstByteAt ??= call.lastByteAt;
    };
    let flushed: Promise<void> = Promise.resolve();
    const write = (s: string): void => {
      if (res.destroyed) return;
      flushed = new Promise((resolve) => res.write(s, () => resolve()));
      sent();
    };
    const sleep = async (ms: number | undefined): Promise<boolean> => {
      if (!ms || ms <= 0) return !gone.signal.aborted;
      try {
        await sleepFor(ms, undefined, { signal: gone.signal });
        return true;
      } catch {
        return false; // the client left; stop sending
      }
    };
    const cut = async (): Promise<void> => {
      cutByUs = true;
      // Let what was written reach the client first: destroy() would drop bytes still in the socket buffer.
      await flushed;
      res.socket?.destroy();
    };
    res.on('finish', () => (call.finishedAt = Date.now()));
    const streamFrames = async (frames: RawFrame[], delay = 0, headers: Record<string, string> = {}): Promise<void> => {
      if (res.destroyed) return;
      res.writeHead(200, { ...SSE_HEADERS, ...headers });
      res.flushHeaders();
      sent();
      for (let i = 0; i < frames.length; i++) {
        if (i > 0 && !(await sleep(delay))) return;
        write(renderFrame(dialect, frames[i]!));
      }
      res.end();
    };

    const scripted = call.step;
    if (!(await sleep(scripted.latencyMs))) return;
    if (scripted.kind === 'rate_limit') {
      const headers: Record<string, string> = {};
      const seconds = scripted.retryAfterSeconds ?? (scripted.retryAfterMs === undefined ? 1 : undefined);
      if (seconds !== undefined) headers['retry-after'] = String(seconds);
      if (scripted.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scripted.retryAfterMs);
      return sendJson(res, 429, dialect.errorBody(429, 'rate limit reached (fake)'), headers, sent);
    }
    if (scripted.kind === 'error') {
      const status = scripted.status ?? 500;
      const { type, param, code } = scripted;
      const body = dialect.errorBody(status, scripted.message ?? 'upstream failed (fake)', { type, param, code });
      return sendJson(res, status, body, scripted.headers, sent);
    }
    // A raw step's status and headers also apply when it falls back to the normal answer.
    let answerStatus = 200;
    let answerHeaders: Record<string, string> = {};
    if (scripted.kind === 'raw') {
      answerStatus = scripted.status ?? 200;
      answerHeaders = scripted.headers ?? {};
      const failed = answerStatus < 200 || answerStatus >= 300;
      if (scripted.json && (!call.stream || failed)) return sendJson(res, answerStatus, scripted.json, answerHeaders, sent);
      const frames = call.stream ? (scripted.frames ?? (scripted.json && dialect.framesFor(scripted.json, call.body))) : undefined;
      if (frames) return streamFrames(frames, scripted.chunkDelayMs, answerHeaders);
    }
    const step: Exclude<FakeStep, { kind: 'raw' | 'rate_limit' | 'error' }> =
      scripted.kind === 'raw' ? { kind: 'answer', chunkDelayMs: scripted.chunkDelayMs } : scripted;
    if (step.kind === 'stall' && (!call.stream || step.afterChunks === undefined)) return;

    const reply = buildReply(dialect, call, step);
    if (!call.stream) {
      if (!(await sleep((step.chunkDelayMs ?? 0) * reply.pieces.length))) return;
      const json = JSON.stringify(endpoint ? endpoint(call) : dialect.json(reply));
      if (step.kind === 'malformed') return sendRaw(res, 200, '{not json', 'application/json', sent);
      if (step.kind !== 'cut') return sendRaw(res, answerStatus, json, 'application/json', sent, answerHeaders);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      write(json.slice(0, json.length >> 1));
      return await cut();
    }

    if (res.destroyed) return;
    const frames = dialect.sse(reply);
    const delay = step.chunkDelayMs ?? 0;
    if (step.kind === 'answer' && delay === 0) {
      // One write for the whole answer: the mock is the baseline in benchmarks, so keep it as cheap as possible.
      res.writeHead(200, { ...SSE_HEADERS, ...answerHeaders });
      res.end([...frames.prelude, ...frames.content, ...frames.trailer].join(''));
      return sent();
    }
    res.writeHead(200, { ...SSE_HEADERS, ...answerHeaders });
    res.flushHeaders();
    sent();
    for (const f of frames.prelude) write(f);
    const limit = step.kind === 'answer' ? frames.content.length : Math.min(step.afterChunks ?? 1, frames.content.length);
    for (let i = 0; i < limit; i++) {
      if (i > 0 && !(await sleep(delay))) return;
      write(frames.content[i] ?? '');
    }
    if (step.kind === 'answer') {
      for (const f of frames.trailer) write(f);
      res.end();
    } else if (step.kind === 'cut') {
      await cut();
    } else if (step.kind === 'malformed') {
      write(dialect.malformedFrame);
      res.end();
    } // stall: leave the stream open, silent
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = <T>(what: string, index: number, timeoutMs: number, ready: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const now = ready();
      if (now !== undefined) return resolve(now);
      const check = (i: number): void => {
        const value = i === index ? ready() : undefined;
        if (value === undefined) return;
        clearTimeout(timer);
        events.off(what, check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        events.off(what, check);
        reject(new Error(`fake LLM: no ${what} for call ${index} within ${timeoutMs} ms`));
      }, timeoutMs);
      events.on(what, check);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    script: (...steps) => void queue.push(...steps),
    setDefault: (step) => void (defaultStep = step),
    get closedConnections() {
      return closedConnections;
    },
    waitForCall: (index, timeoutMs = 2000) => waitFor('call', index, timeoutMs, () => calls[index]),
    waitForClose: (index, timeoutMs = 2000) =>
      waitFor('closed', index, timeoutMs, () => {
        const c = calls[index];
        return c?.clientClosedAt === undefined ? undefined : c.clientClosedAt - (c.lastByteAt ?? c.receivedAt);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function buildReply(dialect: Dialect, call: RecordedCall, step: AnswerShape & { kind: string }): Reply {
  const { lastUser, promptChars } = dialect.prompt(call.body);
  const text = step.text ?? `Echo: ${lastUser}`;
  const answer = step.kind === 'answer' ? (step as AnswerStep) : undefined;
  return {
    id: `${dialect.idPrefix}${call.index}`,
    text,
    pieces: splitText(text, step.chunks ?? 4),
    model: step.model ?? (typeof call.body.model === 'string' ? call.body.model : 'fake-model'),
    promptTokens: Math.ceil(promptChars / 4),
    completionTokens: Math.ceil(text.length / 4),
    finishReason: answer?.finishReason,
    includeUsage: answer?.usage !== false && dialect.wantsUsage(call.body),
    noFinish: answer?.noFinish === true,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}, sent?: () => void): void {
  sendRaw(res, status, JSON.stringify(body), 'application/json', sent, headers);
}

/** Scripted headers may replace the content type (to script a wrong one), never the length. */
function sendRaw(res: ServerResponse, status: number, body: string, type: string, sent?: () => void, headers = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
  sent?.();
}
