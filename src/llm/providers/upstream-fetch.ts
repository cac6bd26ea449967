import { Agent, interceptors, type Dispatcher } from 'undici';

/**
 * The `fetch` the provider SDKs call, on undici's `request()` API instead of WHATWG fetch.
 *
 * Why: on the miss path the SDKs' default transport (Node's built-in fetch) was the largest single cost per
 * request. WHATWG fetch builds a Request, a Response, web-IDL Headers, a ReadableStream for each body and several
 * AbortSignals, and Node 20 makes every web stream "transferable", which is slow to create. `request()` on a
 * keep-alive Agent does the same HTTP work with a Node stream for the body. The SDKs still do everything else
 * (request building, error classes, SSE parsing): they only need the small part of `Response` used below, and
 * accept any async iterable of bytes as a streamed body.
 *
 * Anything this adapter does not handle (a body that is not a string or bytes: uploads, forms) goes to the
 * built-in fetch, so the SDK keeps working unchanged.
 */
export interface UpstreamFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

export function createUpstreamFetch(options: Agent.Options = {}): UpstreamFetch {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    // Time limits are the SDKs' (whole call) and the CallGuard's (first byte, idle stream): undici's own would
    // cut a slow model at 300 s with an error none of them expects.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...options,
  });
  // Redirects are followed, as fetch does (e.g. a proxy in front of a self-hosted server that moves http to https).
  // Only once one comes: the redirect interceptor wraps every request in handlers of its own and parses a WHATWG URL
  // for its history on every response (~15 us a request), for something that almost never happens. A request is
  // sent plain; a 3xx with a Location is sent again from the start through the interceptor (the body is a string
  // or bytes here, so it can be), which follows it exactly as it would have.
  const redirecting = agent.compose(interceptors.redirect({ maxRedirections: 5 }));

  async function upstreamFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const body = init.body;
    if (input instanceof Request || (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))) {
      return fetch(input, init);
    }
    const url = typeof input === 'string' ? target(input) : { origin: input.origin, path: input.pathname + input.search, href: input.href };
    const req: Dispatcher.RequestOptions = {
      origin: url.origin,
      path: url.path,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: headerRecord(init.headers),
      body: body ?? undefined,
      signal: init.signal ?? undefined,
    };
    let res = await agent.request(req);
    if (REDIRECTS.has(res.statusCode) && res.headers.location !== undefined) {
      await res.body.dump();
      res = await redirecting.request(req);
    }
    return new UpstreamResponse(res, url.href) as unknown as Response;
  }

  /**
   * Parsed request URLs by their text. A gateway calls a handful of URLs (one per endpoint and API path), and a
   * WHATWG URL costs a couple of microseconds and a kilobyte or two to build on every call. Bounded all the same:
   * past the bound it starts over.
   */
  const targets = new Map<string, { origin: string; path: string; href: string }>();
  function target(href: string) {
    let t = targets.get(href);
    if (!t) {
      const u = new URL(href);
      t = { origin: u.origin, path: u.pathname + u.search, href: u.href };
      if (targets.size >= 256) targets.clear();
      targets.set(href, t);
    }
    return t;
  }

  return {
    fetch: upstreamFetch as typeof fetch,
    close: () => agent.close(),
  };
}

/** The statuses undici's redirect interceptor follows. */
const REDIRECTS = new Set([300, 301, 302, 303, 307, 308]);

function headerRecord(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else if (Array.isArray(h)) for (const [k, v] of h as [string, string][]) out[k.toLowerCase()] = v;
  else for (const [k, v] of Object.entries(h as Record<string, string>)) out[k.toLowerCase()] = v;
  return out;
}

type Body = Dispatcher.ResponseData['body'];

/**
 * The part of WHATWG `Response` the Stainless SDKs (openai, @anthropic-ai/sdk) read: status, ok, url, headers
 * (`get`, `has`, `entries`, iteration), `json()`, `text()` and `body` as an async iterable of bytes.
 */
class UpstreamResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText = '';
  readonly redirected = false;
  readonly type = 'basic';
  readonly headers: ResponseHeaders;
  readonly body: Body;
  readonly url: string;

  constructor(res: Dispatcher.ResponseData, url: string) {
    this.status = res.statusCode;
    this.ok = res.statusCode >= 200 && res.statusCode < 300;
    this.headers = new ResponseHeaders(res.headers);
    this.body = res.body;
    this.url = url;
  }

  get bodyUsed(): boolean {
    return this.body.bodyUsed;
  }

  text(): Promise<string> {
    return this.body.text();
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.body.text()) as unknown;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.arrayBuffer();
  }
}

/** Read-only `Headers` over undici's header object (names already lower-case; repeated ones as arrays). */
class ResponseHeaders {
  readonly #raw: Record<string, string | string[] | undefined>;

  constructor(raw: Record<string, string | string[] | undefined>) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const v = this.#raw[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v.join(', ') : v;
  }

  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  forEach(fn: (value: string, name: string, parent: this) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const k of Object.keys(this.#raw)) {
      const v = this.get(k);
      if (v !== null) yield [k, v];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
