import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EmbeddingsBody } from '../llm/embeddings.js';
import { cacheModeOf } from './cache-mode.js';
import { setAnswerHeaders } from './llm-headers.js';
import { clientGoneSignal } from './sse.js';

const tokens = z.array(z.number().int());
const embeddingsBody = z
  .object({
    model: z.string().min(1).max(200),
    input: z.union([z.string(), z.array(z.string()).min(1), tokens.min(1), z.array(tokens).min(1)], { message: 'must be a string, an array of strings, or token arrays' }),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
    cache: z.union([z.boolean(), z.literal('refresh')]).optional(),
  })
  .loose();

/** OpenAI's embeddings API for OpenAI and OpenAI-compatible upstreams; the answer is relayed whole. */
export const embeddingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/embeddings',
    { config: { rateLimited: true, errorWire: 'openai' }, schema: { tags: ['openai'], summary: 'OpenAI embeddings: firewall-scanned, cached, recorded with tokens and cost', body: embeddingsBody } },
    async (request, reply) => {
      const { cache, ...body } = request.body;
      const a = await app.llm.embeddings({
        requestId: request.id,
        clientRequestId: request.clientRequestId,
        endpoint: 'embeddings',
        userId: request.principal?.userId ?? null, caller: app.callerOf(request),
        body: body as EmbeddingsBody,
        cacheMode: cacheModeOf(request, cache),
        signal: clientGoneSignal(reply),
      });
      setAnswerHeaders(reply, a);
      return a.value;
    },
  );
};
