import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConversationRow, MessageRow } from '../storage/orchestrator/conversations-repo.js';
import { AppError } from '../errors/app-error.js';
import { errorSchema } from './schemas.js';

const page = (max: number, dflt: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(dflt),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  });
const idParams = z.object({ id: z.string().min(1).max(200) });

const conversationOut = z.object({ id: z.string(), title: z.string(), created_at: z.string(), updated_at: z.string() });
const messageOut = z.object({
  id: z.string(),
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
  status: z.enum(['complete', 'blocked', 'cancelled', 'error']),
  model: z.string().nullable(),
  request_id: z.string().nullable(),
  prompt_tokens: z.number().nullable(),
  completion_tokens: z.number().nullable(),
  /** An answer's cost in USD as charged (0 for one from the cache); null before it was kept or when not answered. */
  cost_usd: z.number().nullable(),
  /** Whether the answer came from the response cache. */
  cached: z.boolean().nullable(),
  latency_ms: z.number().nullable(),
  /** Why the firewall blocked this question (finding types and rule names, never the blocked values). */
  block_reasons: z.array(z.string()).nullable(),
  created_at: z.string(),
});
const listedOut = conversationOut.extend({
  message_count: z.number(),
  /** The start of the first question, one line (masked if it was blocked): tells apart conversations titled alike. */
  first_prompt: z.string().nullable(),
});

const wireConversation = (c: ConversationRow) => ({ id: c.id, title: c.title, created_at: c.createdAt.toISOString(), updated_at: c.updatedAt.toISOString() });
const wireMessage = (m: MessageRow) => ({
  id: m.id,
  role: m.role,
  content: m.content,
  status: m.status,
  model: m.model,
  request_id: m.requestId,
  prompt_tokens: m.promptTokens,
  completion_tokens: m.completionTokens,
  cost_usd: m.costUsd,
  cached: m.cached,
  latency_ms: m.latencyMs,
  block_reasons: m.blockReasons,
  created_at: m.createdAt.toISOString(),
});

/** The same answer for "not yours" and "does not exist", so ids of other people's conversations do not leak. */
const notFound = (id: string) => new AppError('NOT_FOUND', `conversation ${id} not found`);

/**
 * The caller's own chat conversations (every role sees only its own here; reading other people's prompts is the
 * analytics API's job).
 */
export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.conversations;

  app.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'The caller’s conversations, most recently active first',
        querystring: page(100, 20),
        response: {
          200: z.object({ conversations: z.array(listedOut), total: z.number(), limit: z.number(), offset: z.number() }),
          '4xx': errorSchema,
          '5xx': errorSchema,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const { items, total } = await repo.list(request.principal!.userId, { limit, offset });
      return { conversations: items.map((c) => ({ ...wireConversation(c), message_count: c.messageCount, first_prompt: c.firstPrompt })), total, limit, offset };
    },
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Messages of one of the caller’s conversations, oldest first (blocked, cancelled and failed ones included)',
        params: idParams,
        querystring: page(1000, 200),
        response: {
          200: z.object({ conversation: conversationOut, messages: z.array(messageOut), total: z.number(), limit: z.number(), offset: z.number() }),
          '4xx': errorSchema,
          '5xx': errorSchema,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const found = await repo.messages(request.params.id, request.principal!.userId, { limit, offset });
      if (!found) throw notFound(request.params.id);
      return { conversation: wireConversation(found.conversation), messages: found.items.map(wireMessage), total: found.total, limit, offset };
    },
  );

  app.delete(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Delete one of the caller’s conversations with its messages',
        params: idParams,
        response: { 204: z.null(), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request, reply) => {
      if (!(await repo.remove(request.params.id, request.principal!.userId))) throw notFound(request.params.id);
      return reply.status(204).send(null);
    },
  );
};
