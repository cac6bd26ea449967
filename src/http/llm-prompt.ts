import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Answer } from '../llm/pipeline.js';
import type { ChatBody, ChatCompletion } from '../llm/types.js';
import { cacheModeOf } from './cache-mode.js';
import { answerHeaders, setAnswerHeaders } from './llm-headers.js';
import { errorSchema } from './schemas.js';
import { clientGoneSignal, SseWriter } from './sse.js';

const promptBody = z.object({
  prompt: z.string().min(1, 'must not be empty').max(1_000_000),
  model: z.string().min(1).max(200).optional(),
  max_tokens: z.number().int().positive('must be a positive integer').max(1_000_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().gt(0).max(1).optional(),
  stop: z.array(z.string().max(100)).max(4).optional(),
  system: z.string().max(100_000).optional(),
  conversation_id: z.string().max(200).optional(),
  stream: z.boolean().optional(),
  /** false: neither read nor store; "refresh": ignore a cached answer and store the new one. */
  cache: z.union([z.boolean(), z.literal('refresh')]).optional(),
});

const usage = z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() });
const promptAnswer = z.object({
  request_id: z.string(),
  response: z.string(),
  model: z.string(),
  provider: z.string(),
  usage,
  cost_usd: z.number(),
  cached: z.boolean(),
  latency_ms: z.number(),
  finish_reason: z.string(),
});

const toWire = (a: Answer<ChatCompletion>) => ({
  request_id: a.requestId,
  response: a.value.choices[0]?.message.content ?? a.value.choices[0]?.message.refusal ?? '',
  model: a.model,
  provider: a.provider,
  usage: { prompt_tokens: a.summary.usage.promptTokens, completion_tokens: a.summary.usage.completionTokens, total_tokens: a.summary.usage.totalTokens },
  cost_usd: a.costUsd,
  cached: a.cached,
  latency_ms: a.latencyMs,
  finish_reason: a.summary.finishReason,
});

/** OpenAI's own models want max_completion_tokens (o-series refuse max_tokens); other servers know max_tokens best. */
const OPENAI_FAMILY = /^(gpt-|o\d|chatgpt-)/;

export const promptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/llm/prompt',
    {
      config: { rateLimited: true },
      schema: {
        tags: ['llm'],
        summary: 'Send a prompt; with stream: true the answer comes as Server-Sent Events (start, token…, done | error)',
        body: promptBody,
        response: { 200: promptAnswer, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const model = b.model ?? app.config.llm.defaultModel;
      const body: ChatBody = {
        model,
        messages: [...(b.system ? [{ role: 'system' as const, content: b.system }] : []), { role: 'user', content: b.prompt }],
      };
      if (b.max_tokens !== undefined) body[OPENAI_FAMILY.test(app.config.llm.aliases[model] ?? model) ? 'max_completion_tokens' : 'max_tokens'] = b.max_tokens;
      if (b.temperature !== undefined) body.temperature = b.temperature;
      if (b.top_p !== undefined) body.top_p = b.top_p;
      if (b.stop?.length) body.stop = b.stop;
      const input = {
        requestId: request.id,
        clientRequestId: request.clientRequestId,
        endpoint: 'prompt' as const,
        userId: request.principal?.userId ?? null, caller: app.callerOf(request),
        body,
        cacheMode: cacheModeOf(request, b.cache),
        signal: clientGoneSignal(reply),
      };

      if (!b.stream) {
        const answer = await app.llm.pipeline.chat.complete(input);
        setAnswerHeaders(reply, answer);
        return toWire(answer);
      }

      const streaming = await app.llm.pipeline.chat.stream(input);
      const sse = SseWriter.open(request, reply, answerHeaders(streaming));
      await sse.send(JSON.stringify({ request_id: request.id, model: streaming.model, provider: streaming.provider, cached: streaming.cached }), 'start');
      try {
        for await (const chunk of streaming.events) {
          if (sse.closed) break;
          const text = chunk.choices[0]?.delta?.content;
          if (text) await sse.send(JSON.stringify({ delta: text }), 'token');
        }
        if (!sse.closed) await sse.send(JSON.stringify(toWire(await streaming.completed)), 'done');
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'internal error');
        await sse.send(JSON.stringify({ error: { code: e.code, message: e.message, request_id: request.id } }), 'error');
      }
      sse.end();
    },
  );
};
