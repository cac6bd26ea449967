import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { FinishReason, Usage } from '../llm/types.js';
import { cacheModeOf } from './cache-mode.js';
import { clientGoneSignal, SseWriter } from './sse.js';

/** OpenAI content may be a string or an array of parts; text parts are all a text gateway can pass on. */
const content = z.union([
  z.string(),
  z.array(z.object({ type: z.literal('text', { message: 'only text content parts are supported' }), text: z.string() }).loose()).min(1),
]);

const chatBody = z
  .object({
    model: z.string().min(1).max(200).optional(),
    messages: z
      .array(z.object({ role: z.enum(['system', 'developer', 'user', 'assistant']), content, name: z.string().optional() }).loose())
      .min(1, 'must contain at least one message'),
    max_tokens: z.number().int().positive().optional(),
    max_completion_tokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional(),
    n: z.literal(1, { message: 'only n=1 is supported' }).optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    tools: z.undefined({ message: 'tool calling is not supported by this gateway' }).optional(),
    /** Gateway extension (send via the SDK's extra body): false bypasses the cache, "refresh" forces a new answer. */
    cache: z.union([z.boolean(), z.literal('refresh')]).optional(),
  })
  // Unknown OpenAI parameters (user, seed, penalties, metadata…) are accepted and not forwarded.
  .loose();

const textOf = (c: z.infer<typeof content>) => (typeof c === 'string' ? c : c.map((p) => p.text).join(''));
const finishOf = (f: FinishReason) => (f === 'length' || f === 'content_filter' || f === 'tool_calls' ? f : 'stop');
const usageOf = (u: Usage) => ({ prompt_tokens: u.promptTokens, completion_tokens: u.completionTokens, total_tokens: u.totalTokens });

export const openAiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/chat/completions',
    { config: { rateLimited: true }, schema: { tags: ['openai'], summary: 'OpenAI-compatible chat completions (streaming and not)', body: chatBody } },
    async (request, reply) => {
      const b = request.body;
      const input = {
        requestId: request.id,
        endpoint: 'openai' as const,
        userId: request.principal?.userId ?? null,
        model: b.model,
        messages: b.messages.map((m) => ({ role: m.role === 'developer' ? ('system' as const) : m.role, content: textOf(m.content) })),
        params: {
          maxTokens: b.max_completion_tokens ?? b.max_tokens,
          temperature: b.temperature,
          topP: b.top_p,
          stop: b.stop == null ? undefined : Array.isArray(b.stop) ? b.stop : [b.stop],
        },
        cacheMode: cacheModeOf(request, b.cache),
        signal: clientGoneSignal(reply),
      };
      const id = `chatcmpl-${request.id}`;
      const created = Math.floor(Date.now() / 1000);

      if (!b.stream) {
        const a = await app.llm.pipeline.complete(input);
        reply.header('x-cache', a.cacheStatus).header('x-orchestrator-overhead-ms', a.overheadMs.toFixed(2));
        return {
          id,
          object: 'chat.completion',
          created,
          model: a.model,
          choices: [{ index: 0, message: { role: 'assistant', content: a.content, refusal: null }, finish_reason: finishOf(a.finishReason), logprobs: null }],
          usage: usageOf(a.usage),
          system_fingerprint: null,
        };
      }

      const release = await app.rateLimiter.acquireStream(request.principal!.userId);
      reply.raw.once('close', release);
      const streaming = await app.llm.pipeline.stream(input);
      const sse = SseWriter.open(request, reply, { 'x-cache': streaming.cacheStatus });
      const chunk = (delta: object, finish: string | null) =>
        JSON.stringify({ id, object: 'chat.completion.chunk', created, model: streaming.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
      try {
        await sse.send(chunk({ role: 'assistant', content: '' }, null));
        for await (const ev of streaming.events) {
          if (sse.closed) break;
          if (ev.type === 'delta') await sse.send(chunk({ content: ev.text }, null));
          else {
            await sse.send(chunk({}, finishOf(ev.finishReason)));
            if (b.stream_options?.include_usage) {
              await sse.send(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: streaming.model, choices: [], usage: usageOf(ev.usage) }));
            }
          }
        }
        await sse.send('[DONE]');
      } catch (err) {
        // No [DONE]: an OpenAI client must see this stream as failed, not as a short answer.
        const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error');
        await sse.send(JSON.stringify({ error: { message: e.message, type: e.status >= 500 ? 'api_error' : 'invalid_request_error', code: e.code.toLowerCase(), param: null } }));
      }
      sse.end();
    },
  );

  app.get('/v1/models', { schema: { tags: ['openai'], summary: 'Models this gateway routes (OpenAI-compatible list)' } }, async () => ({
    object: 'list',
    data: app.llm.registry.advertisedModels(app.llm.pricing.knownModels()).map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.owned_by })),
  }));
};
