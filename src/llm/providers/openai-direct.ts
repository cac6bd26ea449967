import OpenAI from 'openai';
import { VERSION } from 'openai/version';

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

/**
 * A non-streamed JSON POST to an OpenAI-compatible endpoint without going through the SDK's request machinery.
 *
 * Why: on the non-streamed miss path the SDK was the largest cost of ours (~90 µs a request in the CPU profile of
 * `npm run bench -- --profile`): it merges web `Headers` from six sources per call, builds its retry and logging
 * context (formatting debug details even with logging off) and wraps the answer in an APIPromise. This call sends the
 * same request (the body as the SDK would serialise it, the same authorization, content type and user agent) on the
 * same transport, and fails with the SDK's own error classes, built by the SDK's own `APIError.generate`, so what a
 * failure means (status, retry-after, the upstream's error body) is decided exactly as before by CallGuard.
 */
export function createDirectPost(opts: DirectPostOptions) {
  const transport = opts.fetch ?? fetch;
  const base = opts.baseURL.replace(/\/+$/, '');
  const headers = {
    authorization: `Bearer ${opts.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': `OpenAI/JS ${VERSION}`,
  };

  return async function post(path: string, body: unknown, signal: AbortSignal): Promise<DirectAnswer> {
    let res: Response;
    try {
      res = await transport(base + path, { method: 'POST', headers, body: JSON.stringify(body), signal });
    } catch (err) {
      // As the SDK reports a failed fetch; an abort is read from the signal by the caller (CallGuard), not from here.
      if (signal.aborted) throw new OpenAI.APIUserAbortError();
      throw new OpenAI.APIConnectionError({ cause: err instanceof Error ? err : new Error(String(err)) });
    }
    const text = await res.text();
    const requestId = res.headers.get('x-request-id') ?? undefined;
    if (!res.ok) {
      const json = parse(text);
      throw OpenAI.APIError.generate(res.status, json as object | undefined, json === undefined ? text : undefined, res.headers);
    }
    const data = parse(text);
    // As the SDK's JSON parse fails: an upstream error (retryable), not the client's fault.
    if (data === undefined) throw new SyntaxError(`upstream answered ${res.status} with a body that is not JSON`);
    return { data, requestId };
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
