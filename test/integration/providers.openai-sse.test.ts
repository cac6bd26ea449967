import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiProvider } from '../../src/llm/providers/openai.js';
import type { ChatCompletionChunk } from '../../src/llm/types.js';
import { sdkTransports } from '../helpers/transports.js';

/**
 * The OpenAI provider reads streams with its own event parser (not the SDK's), so the framing an OpenAI-compatible
 * server may use must all come through: CRLF and CR line endings, comment and keep-alive lines, an event split over
 * several `data:` lines, and bytes cut anywhere on the wire, a multi-byte character included.
 */

const chunk = (content: string, finish: string | null = null) => ({
  id: 'chatcmpl-sse',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-test',
  choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
});
const WORDS = ['héllo ', 'wörld ', '🌍 ', 'naïve ', 'done'];

/** The same events with each framing an upstream may use. */
function wire(framing: 'lf' | 'crlf' | 'cr' | 'comments' | 'multiline'): string {
  const events = WORDS.map((w, i) => JSON.stringify(chunk(w, i === WORDS.length - 1 ? 'stop' : null)));
  if (framing === 'multiline') {
    // A pretty-printed event: each line its own data field, joined again by "\n" (valid JSON whitespace).
    return events.map((e) => JSON.stringify(JSON.parse(e), null, 2).split('\n').map((l) => `data: ${l}\n`).join('') + '\n').join('') + 'data: [DONE]\n\n';
  }
  const nl = framing === 'crlf' ? '\r\n' : framing === 'cr' ? '\r' : '\n';
  const body = events.map((e) => (framing === 'comments' ? `: keep-alive${nl}id: 1${nl}` : '') + `data:${framing === 'comments' ? '' : ' '}${e}${nl}${nl}`).join('');
  return `${body}data: [DONE]${nl}${nl}`;
}

describe.each(sdkTransports())('stream framing through the $name transport', ({ fetch }) => {
  let server: Server;
  let baseURL = '';
  let next = '';
  /** Bytes per write, each write a moment apart, so the client reads them as separate chunks. */
  let sliceBytes = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const bytes = Buffer.from(next);
        if (!sliceBytes) return res.end(bytes);
        for (let i = 0; i < bytes.length; i += sliceBytes) {
          res.write(bytes.subarray(i, i + sliceBytes));
          await new Promise((r) => setImmediate(r));
        }
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function read(framing: Parameters<typeof wire>[0], slice: number): Promise<ChatCompletionChunk[]> {
    next = wire(framing);
    sliceBytes = slice;
    const provider = createOpenAiProvider({ apiKey: 'k', baseURL, name: 'openai-compatible', timeoutMs: 5_000, fetch });
    const out: ChatCompletionChunk[] = [];
    for await (const c of (await provider.stream({ body: { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] } })).value) out.push(c);
    return out;
  }

  for (const framing of ['lf', 'crlf', 'cr', 'comments', 'multiline'] as const) {
    for (const slice of [0, 1, 7]) {
      it(`${framing} line endings, ${slice ? `${slice}-byte writes` : 'one write'}: every chunk, exactly`, async () => {
        const chunks = await read(framing, slice);
        expect(chunks).toEqual(WORDS.map((w, i) => chunk(w, i === WORDS.length - 1 ? 'stop' : null)));
      });
    }
  }
});
