import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertModelAllowed, modelAllowed } from '../auth/model-access.js';
import { AppError } from '../errors/app-error.js';
import { openAiErrorBody } from '../errors/error-handler.js';
import type { ChatBody } from '../llm/types.js';
import { cacheModeOf } from './cache-mode.js';
import { chatValidatorCompiler } from './chat-body-check.js';
import { answerBody, answerHeaders, setAnswerHeaders } from './llm-headers.js';
import { clientGoneSignal, SseWriter } from './sse.js';

/**
 * What the gateway itself reads of a Chat Completions body, checked as OpenAI checks it; everything else (tools,
 * response_format, seed, logprobs, parameters OpenAI adds tomorrow…) passes through unchecked and untouched, and
 * the upstream judges it.
 */
const message = z.object({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']) }).loose();
const positiveInt = z.number().int().positive().nullable().optional();
export const chatBody = z
  .object({
    model: z.string().min(1).max(200).optional(),
    messages: z.array(message).min(1, 'must contain at least one message'),
    max_tokens: positiveInt,
    max_completion_tokens: positiveInt,
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    n: z.number().int().min(1).max(128).nullable().optional(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    tools: z.array(z.object({ type: z.string() }).loose()).optional(),
    /** Gateway extension (send via the SDK's extra body): false bypasses the cache, "refresh" forces a new answer. */
    cache: z.union([z.boolean(), z.literal('refresh')]).optional(),
  })
  .loose();

/** Sampling parameters that Anthropic's API version 2026-10-21 refuses; see LLM_DROP_UNSUPPORTED_PARAMS. */
const CLAUDE_REFUSED = ['temperature', 'top_p', 'top_k'];

export const openAiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/chat/completions',
    {
      config: { rateLimited: true, errorWire: 'openai' },
      schema: { tags: ['openai'], summary: 'OpenAI Chat Completions: every parameter, tools, images, structured outputs; streamed and not', body: chatBody },
      // The schema's rules, checked by hand on the hot path (chat-body-check.ts); zod words every 400.
      validatorCompiler: chatValidatorCompiler,
    },
    async (request, reply) => {
      // Rest-destructuring rather than `delete`, which would turn the body into a slow dictionary-mode object.
      const { cache, stream: streamField, stream_options: streamOptions, ...rest } = request.body;
      const stream = streamField === true;
      // The client's own stream_options go upstream (on a stream); the usage chunk is the client's only if it asked.
      const body = (stream && streamOptions != null ? { ...rest, stream_options: streamOptions } : rest) as unknown as ChatBody;
      const includeUsage = streamOptions?.include_usage === true;
      const input = {
        requestId: request.id,
        clientRequestId: request.clientRequestId,
        endpoint: 'openai' as const,
        userId: request.principal?.userId ?? null, caller: app.callerOf(request),
        body,
        cacheMode: cacheModeOf(request, cache),
        signal: clientGoneSignal(reply),
      };
      // The model as the registry will resolve it: an alias, or the default when the body names none.
      const asked = (typeof body.model === 'string' && body.model.trim()) || app.config.llm.defaultModel;
      const dropped = app.config.llm.dropUnsupportedParams && /^claude-/.test(app.config.llm.aliases[asked] ?? asked)
        ? CLAUDE_REFUSED.filter((k) => body[k] !== undefined)
        : [];
      if (dropped.length) reply.header('x-moolai-dropped-params', dropped.join(','));

      if (!stream) {
        const a = await app.llm.pipeline.chat.complete(input);
        setAnswerHeaders(reply, a);
        return answerBody(reply, a);
      }

      const streaming = await app.llm.pipeline.chat.stream(input);
      const sse = SseWriter.open(request, reply, { ...answerHeaders(streaming), ...(dropped.length ? { 'x-moolai-dropped-params': dropped.join(',') } : {}) });
      try {
        for await (const chunk of streaming.events) {
          if (sse.closed) break;
          if (!includeUsage) {
            if (chunk.choices.length === 0) continue;
            // Undefined rather than delete (which makes a slow object); JSON leaves it out all the same.
            (chunk as { usage?: unknown }).usage = undefined;
          }
          await sse.send(JSON.stringify(chunk));
        }
        // [DONE] only on success: an OpenAI client must see a failed stream as failed, not as a short answer.
        await sse.send('[DONE]');
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
        await sse.send(JSON.stringify(openAiErrorBody(e, request.id)));
      }
      sse.end();
    },
  );

  /** What the caller may call, of what this gateway routes: a key limited to some models lists only those. */
  const visibleModels = async (request: FastifyRequest) => {
    const caller = app.callerOf(request);
    const all = await app.llm.registry.advertisedModels(app.llm.pricing.knownModels());
    return caller ? all.filter((m) => modelAllowed(m.id, caller.access)) : all;
  };

  app.get('/models', { config: { errorWire: 'openai' }, schema: { tags: ['openai'], summary: 'Models this gateway routes and the caller may call (OpenAI-compatible list)' } }, async (request) => ({
    object: 'list',
    data: (await visibleModels(request)).map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.owned_by })),
  }));

  app.get(
    // A wildcard: model ids may hold a slash (`endpoint/model`).
    '/models/*',
    { config: { errorWire: 'openai' }, schema: { tags: ['openai'], summary: 'One model this gateway routes', params: z.object({ '*': z.string().min(1, 'names no model') }) } },
    async (request) => {
      const id = request.params['*'];
      const caller = app.callerOf(request);
      if (caller) assertModelAllowed(id, caller.access);
      const listed = (await visibleModels(request)).find((m) => m.id === id);
      if (listed) return { id, object: 'model', created: 0, owned_by: listed.owned_by };
      // A name the lists do not carry may still route (a dated snapshot, a model a server serves unlisted).
      const resolved = await app.llm.registry.resolve(id).catch(() => undefined);
      if (!resolved) throw new AppError('UNKNOWN_MODEL', `model "${id}" is not served here`);
      return { id, object: 'model', created: 0, owned_by: resolved.providerLabel };
    },
  );
};
