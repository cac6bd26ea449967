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
  created_at: z.string(),
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
          200: z.object({ conversations: z.array(conversationOut.extend({ message_count: z.number() })), total: z.number(), limit: z.number(), offset: z.number() }),
          '4xx': errorSchema,
          '5xx': errorSchema,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const { items, total } = await repo.list(request.principal!.userId, { limit, offset });
      return { conversations: items.map((c) => ({ ...wireConversation(c), message_count: c.messageCount })), total, limit, offset };
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
