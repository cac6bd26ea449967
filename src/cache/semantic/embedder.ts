import type { ProviderRegistry } from '../../llm/provider-registry.js';
import { embeddingOf } from './vectors.js';

/** Turns a question into a unit vector with the configured embedding model. */
export interface Embedder {
  readonly model: string;
  /** Throws when the model cannot be reached or answers something that is not one embedding. */
  embed(text: string, signal?: AbortSignal): Promise<{ vector: Float32Array; tokens: number }>;
}

/**
 * The embedding model called through the provider layer, as /v1/embeddings calls it: OpenAI, or any
 * OpenAI-compatible server (a local vLLM or Ollama embedding model named `endpoint/model`). One attempt within
 * `timeoutMs`: a slow embedding only turns a lookup into a miss, so retrying would only add latency to the request.
 */
export function createProviderEmbedder(registry: ProviderRegistry, model: string, timeoutMs: number, dimensions?: number): Embedder {
  return {
    model,
    async embed(text, signal) {
      const resolved = await registry.resolve(model);
      const embed = resolved.provider.embed;
      if (!embed) throw new Error(`${resolved.model} is served by ${resolved.providerLabel}, which has no embeddings API`);
      // One controller and one timer, cleared on the answer: cheaper on every miss than AbortSignal.any + timeout().
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(new DOMException('embedding timed out', 'TimeoutError')), timeoutMs);
      const onAbort = () => ctl.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const body = { model: resolved.upstreamModel, input: text, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) };
      let res;
      try {
        res = await embed({ body, signal: ctl.signal });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const vector = embeddingOf(res.value.data[0]);
      if (!vector) throw new Error('the embedding model answered no embedding');
      return { vector, tokens: res.value.usage?.prompt_tokens ?? 0 };
    },
  };
}
