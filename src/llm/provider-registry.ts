import type { Config } from '../config/index.js';
import { AppError } from '../errors/app-error.js';
import { lazyProvider } from './providers/lazy.js';
import { createOpenAiProvider } from './providers/openai.js';
import { createUpstreamFetch } from './providers/upstream-fetch.js';
import type { LlmProvider } from './types.js';

/** A model name resolved to the provider that serves it and the name that provider knows it by. */
export interface ResolvedModel {
  /** What the client asked for (after alias expansion), used in answers, records and cache keys. */
  model: string;
  /** The name sent upstream (without an endpoint prefix). */
  upstreamModel: string;
  provider: LlmProvider;
  /** Provider label for records: openai | anthropic | openai-compatible | an endpoint name. */
  providerLabel: string;
}

export interface AdvertisedModel {
  id: string;
  /** The provider that answers it (openai, anthropic, openai-compatible, an endpoint name). */
  owned_by: string;
}

export interface ProviderRegistry {
  /** Throws AppError UNKNOWN_MODEL / PROVIDER_NOT_CONFIGURED. */
  resolve(requested: string | undefined): Promise<ResolvedModel>;
  /**
   * What actually routes, for GET /v1/models: the configured providers' known models, the aliases, the default, and
   * the lists self-hosted servers serve (fetched at start-up and refreshed, with a timeout).
   */
  advertisedModels(knownPriced: string[]): Promise<AdvertisedModel[]>;
  /** Fetches the self-hosted servers' model lists now (start-up), without waiting for a request to need them. */
  warm(): void;
  /** Closes the upstream connection pool. */
  close(): Promise<void>;
}

const OPENAI_MODEL = /^(gpt-|o\d|chatgpt-|ft:gpt-|text-|davinci|babbage)/;
const ANTHROPIC_MODEL = /^claude-/;

/** How long a self-hosted server's model list is trusted before it is asked again. */
const MODEL_LIST_TTL_MS = 60_000;
/** A server that does not list its models within this long is taken as unable to. */
const MODEL_LIST_TIMEOUT_MS = 5_000;

/** `list()` or undefined when it fails or is slow: a model list is a convenience, never a reason to fail. */
function listWithin(list: (() => Promise<string[]>) | undefined): Promise<Set<string> | undefined> {
  if (!list) return Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), MODEL_LIST_TIMEOUT_MS);
    timer.unref();
  });
  const listed = list().then(
    (xs) => new Set(xs),
    () => undefined,
  );
  return Promise.race([listed, timeout]).finally(() => clearTimeout(timer));
}

/** A model list cached for MODEL_LIST_TTL_MS. */
function cachedList(list: (() => Promise<string[]>) | undefined): () => Promise<Set<string> | undefined> {
  let listed: { at: number; ids: Promise<Set<string> | undefined> } | undefined;
  return () => {
    if (!listed || Date.now() - listed.at > MODEL_LIST_TTL_MS) listed = { at: Date.now(), ids: listWithin(list) };
    return listed.ids;
  };
}

/**
 * Model → provider, in one place: aliases first, then `endpoint/model` for named OpenAI-compatible servers, then
 * name families (gpt-*, o* → OpenAI; claude-* → Anthropic). With a self-hosted OPENAI_BASE_URL (vLLM, Ollama…),
 * whose models have free names (llama3, mistral…), the default model and any name the server lists route there;
 * if the server cannot list its models, the name is passed through and the server decides.
 */
export function createProviderRegistry(config: Config, overrides: Partial<Record<string, LlmProvider>> = {}): ProviderRegistry {
  const { openai, anthropic, endpoints } = config.providers;
  const timeoutMs = config.llm.totalTimeoutMs;
  const selfHosted = Boolean(openai.baseUrl && !/^https:\/\/api\.openai\.com/.test(openai.baseUrl));
  const openaiLabel = selfHosted ? 'openai-compatible' : 'openai';
  // One keep-alive pool for every provider's upstream connections.
  const transport = createUpstreamFetch();
  const { fetch } = transport;

  const providers: Record<string, LlmProvider | undefined> = {
    openai:
      overrides.openai ??
      (openai.apiKey || openai.baseUrl
        ? createOpenAiProvider({ apiKey: openai.apiKey ?? 'not-needed', baseURL: openai.baseUrl, name: selfHosted ? 'openai-compatible' : 'openai', timeoutMs, fetch })
        : undefined),
    anthropic:
      overrides.anthropic ??
      (anthropic.apiKey
        ? lazyProvider(
            'anthropic',
            async () =>
              (await import('./providers/anthropic.js')).createAnthropicProvider({ apiKey: anthropic.apiKey!, baseURL: anthropic.baseUrl, timeoutMs, fetch, dropUnsupported: config.llm.dropUnsupportedParams }),
            { messages: true, embed: false },
          )
        : undefined),
  };
  const endpointProviders = new Map<string, LlmProvider>();
  for (const [name, baseURL] of Object.entries(endpoints)) {
    endpointProviders.set(name, overrides[name] ?? createOpenAiProvider({ apiKey: 'not-needed', baseURL, name: 'openai-compatible', timeoutMs, fetch }));
  }

  function need(key: 'openai' | 'anthropic', model: string): LlmProvider {
    const p = providers[key];
    if (!p) {
      const variable = key === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
      throw new AppError('PROVIDER_NOT_CONFIGURED', `model ${model} needs the ${key} provider, which is not configured (${variable})`);
    }
    return p;
  }

  const selfHostedModels = cachedList(selfHosted && providers.openai?.listModels ? () => providers.openai!.listModels!() : undefined);
  const endpointModels = new Map([...endpointProviders].map(([name, p]) => [name, cachedList(p.listModels ? () => p.listModels!() : undefined)]));

  /** The provider label a model name routes to by its shape, without asking any server. */
  function ownerOf(model: string): string | undefined {
    const slash = model.indexOf('/');
    if (slash > 0 && endpointProviders.has(model.slice(0, slash).toLowerCase())) return model.slice(0, slash).toLowerCase();
    if (ANTHROPIC_MODEL.test(model)) return providers.anthropic ? 'anthropic' : undefined;
    if (OPENAI_MODEL.test(model) || selfHosted) return providers.openai ? openaiLabel : undefined;
    return undefined;
  }

  return {
    async resolve(requested) {
      const asked = requested?.trim() || config.llm.defaultModel;
      const model = config.llm.aliases[asked] ?? asked;
      const slash = model.indexOf('/');
      if (slash > 0) {
        const endpoint = endpointProviders.get(model.slice(0, slash).toLowerCase());
        if (endpoint) return { model, upstreamModel: model.slice(slash + 1), provider: endpoint, providerLabel: model.slice(0, slash).toLowerCase() };
      }
      if (ANTHROPIC_MODEL.test(model)) return { model, upstreamModel: model, provider: need('anthropic', model), providerLabel: 'anthropic' };
      if (OPENAI_MODEL.test(model)) return { model, upstreamModel: model, provider: need('openai', model), providerLabel: openaiLabel };
      if (selfHosted && providers.openai) {
        const known = model === config.llm.defaultModel ? undefined : await selfHostedModels();
        if (!known || known.has(model)) return { model, upstreamModel: model, provider: providers.openai, providerLabel: openaiLabel };
      }
      throw new AppError('UNKNOWN_MODEL', `model "${asked}" is not served here`, { details: { model: asked } });
    },
    async advertisedModels(knownPriced) {
      const out = new Map<string, string>();
      for (const m of knownPriced) {
        if (ANTHROPIC_MODEL.test(m) && providers.anthropic) out.set(m, 'anthropic');
        else if (OPENAI_MODEL.test(m) && providers.openai && !selfHosted) out.set(m, openaiLabel);
      }
      const [served, ...perEndpoint] = await Promise.all([selfHostedModels(), ...[...endpointModels.values()].map((list) => list())]);
      for (const id of served ?? []) out.set(id, openaiLabel);
      [...endpointModels.keys()].forEach((name, i) => {
        for (const id of perEndpoint[i] ?? []) out.set(`${name}/${id}`, name);
      });
      if (!out.has(config.llm.defaultModel)) {
        const label = ownerOf(config.llm.defaultModel);
        if (label) out.set(config.llm.defaultModel, label);
      }
      // An alias is owned by the provider of the model it stands for.
      for (const [alias, target] of Object.entries(config.llm.aliases)) {
        const label = out.get(target) ?? ownerOf(target);
        if (label) out.set(alias, label);
      }
      return [...out].map(([id, owned_by]) => ({ id, owned_by }));
    },
    warm() {
      void selfHostedModels();
      for (const list of endpointModels.values()) void list();
    },
    close: () => transport.close(),
  };
}
