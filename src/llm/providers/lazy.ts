import type { LlmProvider, ProviderName } from '../types.js';

/**
 * A provider whose SDK is imported on first use: an SDK costs megabytes of memory and start-up time, and many
 * deployments configure a provider they rarely or never call.
 */
export function lazyProvider(name: ProviderName, load: () => Promise<LlmProvider>, native: { messages: boolean; embed: boolean }): LlmProvider {
  let loading: Promise<LlmProvider> | undefined;
  const get = () => (loading ??= load());
  const p: LlmProvider = {
    name,
    complete: async (req) => (await get()).complete(req),
    stream: async (req) => (await get()).stream(req),
    listModels: async () => (await get()).listModels?.() ?? [],
  };
  if (native.messages) {
    p.messages = {
      complete: async (req) => (await get()).messages!.complete(req),
      stream: async (req) => (await get()).messages!.stream(req),
      countTokens: async (req) => (await get()).messages!.countTokens(req),
    };
  }
  if (native.embed) p.embed = async (req) => (await get()).embed!(req);
  return p;
}
