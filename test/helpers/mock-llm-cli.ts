/**
 * `npm run mock-llm [-- flags]`: the fake OpenAI server on a fixed port, for local runs and as the upstream (and
 * the bare-passthrough baseline) in benchmarks. Calls are not recorded and nothing is logged per request, so the
 * mock adds as little as possible to what is measured.
 *
 *   MOCK_LLM_PORT   port (default 8090); --port overrides
 *   --host          bind address (default 127.0.0.1; 0.0.0.0 to reach it from a container)
 *   --latency       ms before the response headers (default 0)
 *   --chunks        content chunks per streamed answer (default 4)
 *   --chunk-delay   ms between streamed chunks (default 0)
 *   --text          fixed answer text (default: "Echo: <last user message>")
 */
import { parseArgs } from 'node:util';
import { startFakeOpenAi } from './fake-openai.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
    chunks: { type: 'string', default: '4' },
    'chunk-delay': { type: 'string', default: '0' },
    text: { type: 'string' },
  },
});

function num(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 0) {
    console.error(`mock-llm: --${name} must be a non-negative integer, got ${String(raw)}`);
    process.exit(2);
  }
  return n;
}

const port = num('port', values.port ?? process.env.MOCK_LLM_PORT ?? '8090');
const fake = await startFakeOpenAi({
  port,
  host: values.host,
  record: false,
  defaultStep: {
    kind: 'answer',
    latencyMs: num('latency', values.latency),
    chunks: Math.max(1, num('chunks', values.chunks)),
    chunkDelayMs: num('chunk-delay', values['chunk-delay']),
    ...(values.text === undefined ? {} : { text: values.text }),
  },
});
console.log(`mock-llm: OpenAI-compatible fake listening on http://${values.host}:${port}/v1`);

const stop = (): void => void fake.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
