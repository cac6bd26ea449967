import type { ChatRequest, LlmProvider, ProviderName, StreamEvent } from '../types.js';

/**
 * A provider whose SDK is imported on first use: an SDK costs megabytes of memory and start-up time, and many
 * deployments configure a provider they rarely or never call.
 */
export function lazyProvider(name: ProviderName, load: () => Promise<LlmProvider>): LlmProvider {
  let loading: Promise<LlmProvider> | undefined;
  const get = () => (loading ??= load());
  return {
    name,
    complete: async (req: ChatRequest) => (await get()).complete(req),
    async *stream(req: ChatRequest): AsyncGenerator<StreamEvent> {
      yield* (await get()).stream(req);
    },
    listModels: async () => (await get()).listModels?.() ?? [],
  };
}
