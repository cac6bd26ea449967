import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors/app-error.js';
import { anthropicErrorBody, openAiErrorBody, type ErrorWire } from '../errors/error-handler.js';
import { requestIdHeaders } from '../plugins/lifecycle.js';

/**
 * A signal that fires when the client goes away before the answer is complete, so the upstream call is cancelled
 * and nobody pays for tokens no one reads. ServerResponse 'close' fires on both completion and disconnect;
 * only the latter leaves the response unfinished. It also fires, with the SHUTTING_DOWN error as its reason, when
 * a shutdown's drain deadline passes with the request still running.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const ctl = new AbortController();
  const forget = reply.server.lifecycle.atDrainDeadline((err) => ctl.abort(err));
  reply.raw.once('close', () => {
    forget();
    if (!reply.raw.writableFinished) ctl.abort(new DOMException('client closed the connection', 'AbortError'));
  });
  return ctl.signal;
}

/** A stream's error event in the wire format of its route, as its front door writes one. */
function errorFrame(wire: ErrorWire, err: AppError, requestId: string): { data: string; event?: string } {
  switch (wire) {
    // OpenAI's SDK raises a data chunk that holds `error` (and no [DONE] follows).
    case 'openai':
      return { data: JSON.stringify(openAiErrorBody(err, requestId)) };
    // Anthropic's SDK raises `event: error`; the stream ends without message_stop.
    case 'anthropic':
      return { data: JSON.stringify(anthropicErrorBody(err, requestId)), event: 'error' };
    case 'service':
      return { data: JSON.stringify({ error: { code: err.code, message: err.message, request_id: requestId } }), event: 'error' };
  }
}

/** Server-Sent Events over the raw response, with backpressure: a slow reader slows the writer, not memory. */
export class SseWriter {
  #sent = 0;
  private constructor(
    private readonly reply: FastifyReply,
    private readonly wire: ErrorWire,
    private readonly requestId: string,
  ) {}

  static open(request: FastifyRequest, reply: FastifyReply, headers: Record<string, string> = {}): SseWriter {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the whole stream.
      'x-accel-buffering': 'no',
      ...requestIdHeaders(request),
      ...headers,
    });
    const sse = new SseWriter(reply, request.routeOptions.config.errorWire ?? 'service', request.id);
    // A stream still open when the drain deadline passes ends with its error event, not with a reset connection.
    const forget = request.server.lifecycle.atDrainDeadline((err) => sse.fail(err));
    reply.raw.once('close', forget);
    return sse;
  }

  get closed(): boolean {
    return this.reply.raw.destroyed || this.reply.raw.writableEnded;
  }

  /** Writes one event; waits for the socket to drain when its buffer is full. */
  async send(data: string, event?: string): Promise<void> {
    if (this.closed) return;
    const frame = event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
    const ok = this.reply.raw.write(frame);
    // Node corks the socket on a response write and uncorks it on the next tick, which comes only once the
    // microtasks queued behind this write are done: with the rest of an answer already buffered upstream, the first
    // bytes would wait for the whole answer to be relayed. Let the first two frames (headers, start or role, first
    // token) go at once; later frames keep the batching.
    if (this.#sent++ < 2) this.reply.raw.socket?.uncork();
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.reply.raw.off('drain', done);
          this.reply.raw.off('close', done);
          resolve();
        };
        this.reply.raw.once('drain', done);
        this.reply.raw.once('close', done);
      });
    }
  }

  end(): void {
    if (!this.closed) this.reply.raw.end();
  }

  /**
   * Sends the error event of the route's wire format and ends the stream, at once (no waiting for a slow reader:
   * nothing is written after it). Whatever the front door sends afterwards is dropped.
   */
  fail(err: AppError): void {
    if (this.closed) return;
    const { data, event } = errorFrame(this.wire, err, this.requestId);
    this.reply.raw.end(event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`);
  }
}
