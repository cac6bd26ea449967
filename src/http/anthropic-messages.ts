import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { anthropicErrorBody } from '../errors/error-handler.js';
import { chatToMessages, createChatToMessagesStream, messagesToChat } from '../llm/translate/messages-to-chat.js';
import { UnsupportedParameterError } from '../llm/translate/unsupported.js';
import type { ChatBody, ChatCompletionChunk, MessagesBody } from '../llm/types.js';
import { cacheModeOf } from './cache-mode.js';
import { answerBody, answerHeaders, setAnswerHeaders } from './llm-headers.js';
import { clientGoneSignal, SseWriter } from './sse.js';

/** A message as the gateway reads it: a role, and text or content blocks (each with a type); blocks pass through. */
const message = z
  .object({
    role: z.enum(['user', 'assistant']),
    content: z.union([z.string(), z.array(z.object({ type: z.string() }).loose())], { message: 'must be a string or an array of content blocks' }),
  })
  .loose();

/** What the gateway reads of a Messages body, checked as Anthropic checks it; the rest passes through untouched. */
const messagesBody = z
  .object({
    model: z.string().min(1).max(200),
    max_tokens: z.number().int().min(0),
    messages: z.array(message).min(1, 'must contain at least one message'),
    stream: z.boolean().nullable().optional(),
    /** Gateway extension: false bypasses the cache, "refresh" forces a new answer. */
    cache: z.union([z.boolean(), z.literal('refresh')]).optional(),
  })
  .loose();

/** A request the other API cannot express: a 400 naming the field, never a silent drop. */
function untranslatable(err: unknown): never {
  if (err instanceof UnsupportedParameterError) {
    throw new AppError('VALIDATION_ERROR', `${err.param}: ${err.message}`, { details: { fields: [{ path: err.param, message: err.message }] } });
  }
  throw err;
}

/**
 * Anthropic's Messages API (the Anthropic SDK and Claude Code with their base URL pointed here). Claude models are
 * forwarded natively, the body whole; other models are translated to Chat Completions and their answers back to
 * Anthropic's format, streamed events included. Both go through the same pipeline as every other front door.
 */
export const anthropicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/messages',
    {
      config: { rateLimited: true, errorWire: 'anthropic' },
      schema: { tags: ['anthropic'], summary: 'Anthropic Messages API: native for Claude models, translated for others; streamed and not', body: messagesBody },
    },
    async (request, reply) => {
      const { cache, stream: streamField, ...rest } = request.body;
      const body = rest as unknown as MessagesBody;
      const stream = streamField === true;
      const base = { requestId: request.id, clientRequestId: request.clientRequestId, endpoint: 'anthropic' as const, userId: request.principal?.userId ?? null, caller: app.callerOf(request), cacheMode: cacheModeOf(request, cache), signal: clientGoneSignal(reply) };
      const native = await app.llm.pipeline.speaksMessages(body.model);

      if (native) {
        const input = { ...base, body };
        if (!stream) {
          const a = await app.llm.pipeline.messages.complete(input);
          setAnswerHeaders(reply, a);
          return answerBody(reply, a);
        }
        const streaming = await app.llm.pipeline.messages.stream(input);
        const sse = SseWriter.open(request, reply, answerHeaders(streaming));
        try {
          for await (const ev of streaming.events) {
            if (sse.closed) break;
            await sse.send(JSON.stringify(ev), ev.type);
          }
        } catch (err) {
          await sendError(sse, err, request.id);
        }
        return sse.end();
      }

      let chat: ChatBody;
      try {
        chat = messagesToChat(body);
      } catch (err) {
        untranslatable(err);
      }
      const input = { ...base, body: chat };
      if (!stream) {
        const a = await app.llm.pipeline.chat.complete(input);
        setAnswerHeaders(reply, a);
        return chatToMessages(a.value);
      }
      const streaming = await app.llm.pipeline.chat.stream(input);
      const sse = SseWriter.open(request, reply, answerHeaders(streaming));
      const tr = createChatToMessagesStream({ model: streaming.model });
      try {
        const events = streaming.events as AsyncGenerator<ChatCompletionChunk>;
        for await (const chunk of events) {
          if (sse.closed) break;
          let out;
          try {
            out = tr.push(chunk);
          } catch (err) {
            // Handed back to the pipeline's stream, so the request is recorded as failed (not as cancelled) and
            // the error it maps comes back here to be sent.
            await events.throw(err);
            throw err;
          }
          for (const ev of out) await sse.send(JSON.stringify(ev), ev.type);
        }
        // Anthropic's stream ends with message_delta (usage) and message_stop, only once the answer is whole.
        for (const ev of tr.end()) await sse.send(JSON.stringify(ev), ev.type);
      } catch (err) {
        await sendError(sse, err, request.id);
      }
      sse.end();
    },
  );
};

/** What the gateway reads of a count_tokens body; the rest passes through as for /messages. */
const countBody = z
  .object({
    model: z.string().min(1).max(200),
    messages: z.array(message).min(1, 'must contain at least one message'),
  })
  .loose();

export const anthropicCountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/messages/count_tokens',
    { config: { errorWire: 'anthropic' }, schema: { tags: ['anthropic'], summary: "Anthropic's token count of a Messages body (forwarded for Claude, estimated for other models)", body: countBody } },
    async (request, reply) => {
      const { cache: _gateway, ...body } = request.body as typeof request.body & { cache?: unknown };
      const counted = await app.llm.pipeline.messages.countTokens({
        requestId: request.id,
        endpoint: 'anthropic',
        userId: request.principal?.userId ?? null, caller: app.callerOf(request),
        body: body as unknown as MessagesBody,
        cacheMode: 'bypass',
        signal: clientGoneSignal(reply),
      });
      if (counted.upstreamRequestId) reply.header('x-upstream-request-id', counted.upstreamRequestId);
      if (counted.estimated) reply.header('x-moolai-token-count', 'estimated');
      return { input_tokens: counted.input_tokens };
    },
  );
};

/** Anthropic's in-stream error event: the stream ends without message_stop, so the SDK raises it. */
async function sendError(sse: SseWriter, err: unknown, requestId: string): Promise<void> {
  const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
  await sse.send(JSON.stringify(anthropicErrorBody(e, requestId)), 'error');
}
