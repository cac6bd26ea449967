/**
 * The OpenAI Chat Completions request → Anthropic Messages parameters (API version 2026-10-21, the one
 * @anthropic-ai/sdk 1.x speaks), modelled on LiteLLM's translation. The answer goes back through
 * anthropic-to-chat-response.ts / anthropic-to-chat-stream.ts, re-exported here so the provider has one import.
 *
 * Every field of the request ends in exactly one of four places: translated, refused (UnsupportedParameterError:
 * it would change the answer and cannot be honoured), dropped (listed: it only concerns OpenAI's platform), or
 * passed through unchanged (not a Chat Completions field, so it is the client speaking Anthropic).
 */
import type {
  MessageCreateParamsBase,
  OutputConfig,
  ThinkingConfigParam,
  Tool,
  ToolChoice,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCompletionCreateParamsBase, ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { ChatBody } from '../types.js';
import { translateMessages } from './chat-to-anthropic-messages.js';
import { UnsupportedParameterError } from './unsupported.js';

export { UnsupportedParameterError } from './unsupported.js';
export * from './anthropic-to-chat-response.js';
export * from './anthropic-to-chat-stream.js';

export interface ToAnthropicOptions {
  /** Anthropic requires max_tokens; used when the client sent neither max_completion_tokens nor max_tokens. */
  defaultMaxTokens: number;
  /** drop untranslatable sampling params instead of refusing */
  dropUnsupported?: boolean;
}

export type AnthropicParams = Omit<MessageCreateParamsBase, 'stream'>;

/** Every Chat Completions field; anything else in a body is passed through to Anthropic. */
const CHAT_FIELDS = new Set<string>([
  'messages', 'model', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs',
  'max_completion_tokens', 'max_tokens', 'metadata', 'modalities', 'moderation', 'n', 'parallel_tool_calls',
  'prediction', 'presence_penalty', 'prompt_cache_key', 'prompt_cache_options', 'prompt_cache_retention',
  'reasoning_effort', 'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop', 'store', 'stream',
  'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity',
  'web_search_options',
] satisfies Array<keyof ChatCompletionCreateParamsBase>);

/** Sampling knobs API 2026-10-21 answers with a 400 even at their defaults. top_k is Anthropic's, sent as extra. */
const SAMPLING = ['temperature', 'top_p', 'top_k'] as const;

/** OpenAI-platform fields (storage, billing tier, its prompt cache, stream framing): no effect on the answer. */
const PLATFORM_ONLY = new Set<string>([
  'store', 'metadata', 'service_tier', 'stream_options', 'stream', 'prompt_cache_key', 'prompt_cache_options',
  'prompt_cache_retention', 'safety_identifier', 'verbosity',
]);

const isSet = (v: unknown): boolean => v !== undefined && v !== null;
const nonZero = (v: unknown): boolean => isSet(v) && v !== 0;

/** Fields that would change the answer and have no Anthropic equivalent; a harmless value (n: 1, 0) passes. */
const REFUSED: ReadonlyArray<[field: keyof ChatCompletionCreateParamsBase, refuse: (v: unknown) => boolean, why: string]> = [
  ['n', (v) => isSet(v) && v !== 1, 'Claude models return one choice per request'],
  ['logprobs', (v) => v === true, 'Claude models do not return log probabilities'],
  ['top_logprobs', nonZero, 'Claude models do not return log probabilities'],
  ['logit_bias', (v) => isSet(v) && Object.keys(v as object).length > 0, 'Claude models take no logit bias'],
  ['presence_penalty', nonZero, 'Claude models take no presence penalty'],
  ['frequency_penalty', nonZero, 'Claude models take no frequency penalty'],
  ['seed', isSet, 'Claude models take no seed'],
  ['prediction', isSet, 'Claude models take no predicted output'],
  ['audio', isSet, 'Claude models do not produce audio'],
  ['modalities', (v) => isSet(v) && !(Array.isArray(v) && v.length === 1 && v[0] === 'text'), 'Claude models answer in text only'],
  ['web_search_options', isSet, 'web search is not available for Claude models through Chat Completions'],
  ['functions', isSet, 'functions is deprecated; send tools'],
  ['function_call', isSet, 'function_call is deprecated; send tool_choice'],
  ['moderation', isSet, "OpenAI's moderated completions are not available for Claude models"],
];

/** The thinking budget for each OpenAI effort (low/medium/high as LiteLLM maps them; xhigh/max continue the scale). */
const EFFORT_BUDGET: ReadonlyMap<string, number> = new Map([
  ['low', 1024],
  ['medium', 2048],
  ['high', 4096],
  ['xhigh', 8192],
  ['max', 16384],
]);
/** Efforts that ask for no reasoning: Claude then answers without thinking. */
const NO_THINKING = new Set(['none', 'minimal']);

export function chatToAnthropic(body: ChatBody, opts: ToAnthropicOptions): { params: AnthropicParams; dropped: string[] } {
  const dropped: string[] = [];
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if ((SAMPLING as readonly string[]).includes(field)) {
      if (!isSet(value)) continue;
      if (!opts.dropUnsupported) {
        throw new UnsupportedParameterError(
          field,
          `${field} is not supported for Claude models: Anthropic's Messages API version 2026-10-21 no longer accepts temperature, top_p or top_k (remove it)`,
        );
      }
      dropped.push(field);
    } else if (PLATFORM_ONLY.has(field)) {
      if (isSet(value)) dropped.push(field);
    } else if (!CHAT_FIELDS.has(field) && field !== 'cache') {
      // `cache` is the gateway's own field, normally stripped before; anything else is the client speaking Anthropic.
      extra[field] = value;
    }
  }
  for (const [field, refuse, why] of REFUSED) {
    if (refuse(body[field])) throw new UnsupportedParameterError(field, `${field} is not supported: ${why}`);
  }

  // The pipeline puts the resolved upstream name here; without one there is nothing to ask Anthropic for.
  if (!body.model) throw new UnsupportedParameterError('model', 'model is required for Claude models');
  const { system, messages } = translateMessages(body.messages);
  const params: AnthropicParams = {
    model: body.model,
    max_tokens: body.max_completion_tokens ?? body.max_tokens ?? opts.defaultMaxTokens,
    messages,
  };
  if (system !== undefined) params.system = system;
  if (body.tools?.length) params.tools = body.tools.map(toTool);
  const toolChoice = translateToolChoice(body.tool_choice, body.parallel_tool_calls, (body.tools?.length ?? 0) > 0);
  if (toolChoice) params.tool_choice = toolChoice;
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? []);
  if (stop.length > 0) params.stop_sequences = stop;

  // An explicit Anthropic `thinking` (passed through below) wins over the OpenAI spelling.
  const effort = body.reasoning_effort;
  if (isSet(effort) && !EFFORT_BUDGET.has(effort as string) && !NO_THINKING.has(effort as string)) {
    throw new UnsupportedParameterError('reasoning_effort', `reasoning_effort "${String(effort)}" is not supported for Claude models`);
  }
  const budget = extra.thinking === undefined && effort ? EFFORT_BUDGET.get(effort) : undefined;
  if (budget !== undefined) {
    const thinking: ThinkingConfigParam = { type: 'enabled', budget_tokens: budget };
    params.thinking = thinking;
    // The API refuses a budget that is not below max_tokens; leave the answer its usual room after thinking.
    if (params.max_tokens <= budget) params.max_tokens = budget + opts.defaultMaxTokens;
  }

  const outputConfig = translateResponseFormat(body.response_format);
  if (outputConfig) {
    const explicit = extra.output_config;
    params.output_config = typeof explicit === 'object' && explicit !== null ? { ...outputConfig, ...explicit } : outputConfig;
    delete extra.output_config;
  }
  if (isSet(body.user)) params.metadata = { user_id: body.user };
  return { params: { ...params, ...extra }, dropped };
}

function toTool(tool: ChatCompletionTool, i: number): Tool {
  if (tool.type !== 'function') {
    throw new UnsupportedParameterError(`tools[${i}].type`, `tools[${i}].type "${tool.type}" is not supported for Claude models`);
  }
  const fn = tool.function;
  return {
    name: fn.name,
    ...(fn.description !== undefined ? { description: fn.description } : {}),
    // OpenAI allows a tool without parameters; Anthropic requires an object schema.
    input_schema: (fn.parameters ?? { type: 'object', properties: {} }) as Tool.InputSchema,
    ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
  };
}

function translateToolChoice(
  choice: ChatCompletionToolChoiceOption | undefined,
  parallel: boolean | undefined,
  hasTools: boolean,
): ToolChoice | undefined {
  let out: ToolChoice | undefined;
  if (choice === 'auto') out = { type: 'auto' };
  else if (choice === 'none') out = { type: 'none' };
  else if (choice === 'required') out = { type: 'any' };
  else if (choice?.type === 'function') out = { type: 'tool', name: choice.function.name };
  else if (choice !== undefined) {
    throw new UnsupportedParameterError('tool_choice', `tool_choice of type "${choice.type}" is not supported for Claude models`);
  }
  if (parallel === false) {
    if (out === undefined && hasTools) out = { type: 'auto' };
    if (out !== undefined && out.type !== 'none') out = { ...out, disable_parallel_tool_use: true };
  }
  return out;
}

function translateResponseFormat(format: ChatCompletionCreateParamsBase['response_format']): OutputConfig | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { format: { type: 'json_schema', schema: { type: 'object' } } };
  if (format.type === 'json_schema') return { format: { type: 'json_schema', schema: format.json_schema.schema ?? { type: 'object' } } };
  throw new UnsupportedParameterError(
    'response_format',
    `response_format of type "${(format as { type: string }).type}" is not supported for Claude models`,
  );
}
