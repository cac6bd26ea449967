/**
 * The baseline a gateway is compared with: Fastify + an undici Pool that forwards POST /v1/chat/completions to the
 * upstream and sends its answer back, with nothing in between (no validation, cache, firewall, records, logs).
 * Non-streamed answers are buffered (as a gateway that reads the answer would); SSE answers are piped.
 *
 *   node --import tsx bench/passthrough.ts --port 8091 --upstream http://127.0.0.1:8090
 */
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } } });
if (!values.port || !values.upstream) {
  console.error('passthrough: --port and --upstream are required');
  process.exit(2);
}

const upstream = new URL(values.upstream);
const pool = new Pool(upstream.origin, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });
const app = Fastify({ logger: false });

// Forward the bytes as they came: parsing and re-serialising JSON is the gateway's job, not the baseline's.
app.removeContentTypeParser('application/json');
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

app.post('/v1/chat/completions', async (request, reply) => {
  const res = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    body: request.body as Buffer,
  });
  const type = String(res.headers['content-type'] ?? 'application/json');
  reply.code(res.statusCode).header('content-type', type);
  if (type.startsWith('text/event-stream')) return reply.send(res.body);
  return reply.send(Buffer.from(await res.body.arrayBuffer()));
});
app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(values.port), host: values.host });
console.log(`passthrough: http://${values.host}:${values.port} → ${upstream.origin}`);

const stop = (): void => void app.close().then(() => pool.close()).then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
