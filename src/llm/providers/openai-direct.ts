import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface DirectPostOptions {
  apiKey: string;
  /** With the `/v1` suffix, as the SDK takes it. */
  baseURL: string;
  /** The provider's transport (upstream-fetch.ts); the built-in fetch when absent. */
  fetch?: typeof fetch;
}

export interface DirectAnswer {
  /** The parsed JSON body. */
  data: unknown;
  requestId: string | undefined;
}

export interface DirectStream {
  /** Each server-sent event's data, parsed: for Chat Completions, the chunks. */
  events: AsyncIterable<unknown>;
  requestId: string | undefined;
}

/**
 * Chat calls to an OpenAI-compatible endpoint without going through the SDK's request machinery.
 *
 * Why: on the miss path the SDK was the largest cost of ours (~90 µs a request in the CPU profile of
 * `npm run bench -- --profile`): it merges web `Headers` from six sources per call, builds its retry and logging
 * context (formatting debug details even with logging off), wraps the answer in an APIPromise, and for a stream runs
 * its own line and event decoders. These calls send the same request (the body as the SDK would serialise it, the same
 * authorization, content type and user agent) on the same transport, read server-sent events with eventsource-parser
 * (a spec-complete parser, smaller and faster than the SDK's), and fail with the SDK's own error classes, built by
 * the SDK's own `APIError.generate`, so what a failure means (status, retry-after, the upstream's error body, an error
 * event inside a stream) is decided exactly as before by CallGuard.
 */
export function createDirectCalls(opts: DirectPostOptions) {
  const transport = opts.fetch ?? fetch;
  const base = opts.baseURL.replace(/\/+$/, '');
  const headers = (accept: string) => ({
    authorization: `Bearer ${opts.apiKey}`,
    'content-type': 'application/json',
    accept,
    'user-agent': `OpenAI/JS ${VERSION}`,
  });
  const jsonHeaders = headers('application/json');
  const streamHeaders = headers('text/event-stream');

  /** Sends the request; a status other than 2xx is thrown as the SDK would throw it. */
  async function send(path: string, body: unknown, signal: AbortSignal, h: Record<string, string>): Promise<Response> {
    let res: Response;
    try {
      res = await transport(base + path, { method: 'POST', headers: h, body: JSON.stringify(body), signal });
    } catch (err) {
      // As the SDK reports a failed fetch; an abort is read from the signal by the caller (CallGuard), not from here.
      if (signal.aborted) throw new OpenAI.APIUserAbortError();
      throw new OpenAI.APIConnectionError({ cause: err instanceof Error ? err : new Error(String(err)) });
    }
    if (!res.ok) {
      const text = await res.text();
      const json = parse(text);
      throw OpenAI.APIError.generate(res.status, json as object | undefined, json === undefined ? text : undefined, res.headers);
    }
    return res;
  }

  return {
    /** A non-streamed call: the answer's JSON. */
    async post(path: string, body: unknown, signal: AbortSignal): Promise<DirectAnswer> {
      const res = await send(path, body, signal, jsonHeaders);
      const data = parse(await res.text());
      // As the SDK's JSON parse fails: an upstream error (retryable), not the client's fault.
      if (data === undefined) throw new SyntaxError(`upstream answered ${res.status} with a body that is not JSON`);
      return { data, requestId: res.headers.get('x-request-id') ?? undefined };
    },

    /** A streamed call: resolves once the upstream has answered 2xx, with its events to read. */
    async stream(path: string, body: unknown, signal: AbortSignal): Promise<DirectStream> {
      const res = await send(path, body, signal, streamHeaders);
      return { events: sseData(res), requestId: res.headers.get('x-request-id') ?? undefined };
    },
  };
}

/**
 * The events' data as the SDK's Stream yields it: `[DONE]` ends the data (the body is still read to its end, so the
 * connection goes back to the pool), an `error` event or a payload carrying `error` is thrown as the SDK's APIError,
 * and data that is not JSON throws (the caller calls the stream broken).
 */
async function* sseData(res: Response): AsyncGenerator<unknown> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => void events.push(e) });
  const decoder = new TextDecoder();
  let done = false;
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (done) continue;
      if (e.data.startsWith('[DONE]')) {
        done = true;
        continue;
      }
      const data = JSON.parse(e.data) as { error?: unknown; message?: unknown } | null;
      if (e.event === 'error') throw new OpenAI.APIError(undefined, data?.error as object | undefined, data?.message as string | undefined, undefined);
      if (data && data.error) throw new OpenAI.APIError(undefined, data.error as object, undefined, res.headers);
      yield data;
    }
    events.length = 0;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
