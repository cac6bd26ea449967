import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS } from '../auth/principal.js';
import { errorSchema } from './schemas.js';

const stats = z.object({
  enabled: z.boolean(),
  backend: z.enum(['redis', 'memory']),
  backend_state: z.object({ status: z.enum(['up', 'down']), backend: z.string(), latency_ms: z.number(), error: z.string().optional() }),
  scope: z.literal('instance'),
  hits: z.number(),
  misses: z.number(),
  bypasses: z.number(),
  errors: z.number(),
  hit_rate: z.number(),
  entries: z.number(),
  memory_bytes: z.number(),
  ttl_seconds: z.number(),
  tokens_saved: z.number(),
  cost_saved_usd: z.number(),
});

export const cacheRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/cache/stats', { schema: { tags: ['cache'], summary: 'Response cache statistics', response: { 200: stats } } }, () => app.llm.cache.stats());
  app.delete(
    '/api/v1/cache',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['cache'],
        summary: 'Remove this organisation’s cached answers, however many; 503 with Retry-After when Redis is not reachable',
        response: { 200: z.object({ deleted: z.number() }), 503: errorSchema },
      },
    },
    async () => ({ deleted: await app.llm.cache.clear() }),
  );
};
