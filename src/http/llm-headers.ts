import type { FastifyReply } from 'fastify';
import type { AnswerMeta } from '../llm/pipeline.js';

/** Headers every LLM answer carries: cache status, and the upstream's own request id when there was one. */
export function answerHeaders(a: AnswerMeta & { overheadMs?: number }): Record<string, string> {
  const h: Record<string, string> = { 'x-cache': a.cacheStatus };
  if (a.similarity !== undefined) h['x-cache-similarity'] = a.similarity.toFixed(4);
  if (a.upstreamRequestId) h['x-upstream-request-id'] = a.upstreamRequestId;
  if (a.overheadMs !== undefined) h['x-orchestrator-overhead-ms'] = a.overheadMs.toFixed(2);
  return h;
}

export function setAnswerHeaders(reply: FastifyReply, a: AnswerMeta & { overheadMs?: number }): void {
  for (const [k, v] of Object.entries(answerHeaders(a))) reply.header(k, v);
}

/**
 * The answer's body: its stored JSON text as it is when the answer came from the cache unchanged (no parse, no
 * serialisation), else the value for Fastify to serialise.
 */
export function answerBody<R>(reply: FastifyReply, a: { value: R; json?: string }): R | string {
  if (a.json === undefined) return a.value;
  reply.type('application/json; charset=utf-8');
  return a.json;
}
