import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdHeaders } from '../plugins/lifecycle.js';

/**
 * A signal that fires when the client goes away before the answer is complete, so the upstream call is cancelled
 * and nobody pays for tokens no one reads. ServerResponse 'close' fires on both completion and disconnect;
 * only the latter leaves the response unfinished.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const ctl = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ctl.abort(new DOMException('client closed the connection', 'AbortError'));
  });
  return ctl.signal;
}

/** Server-Sent Events over the raw response, with backpressure: a slow reader slows the writer, not memory. */
export class SseWriter {
  #sent = 0;
  private constructor(private readonly reply: FastifyReply) {}

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
    return new SseWriter(reply);
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
}
