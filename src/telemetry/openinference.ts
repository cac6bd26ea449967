import { MimeType, OpenInferenceSpanKind, SemanticConventions as SC } from '@arizeai/openinference-semantic-conventions';
import type { Attributes, Span } from '@opentelemetry/api';
import type { FinishReason, Usage } from '../llm/types.js';
import type { TextSite } from '../llm/wire/codec.js';
import { activeScope } from './context.js';
import { beginSpan, endSpan } from './spans.js';

export const spanKind = (kind: OpenInferenceSpanKind): Attributes => ({ [SC.OPENINFERENCE_SPAN_KIND]: kind });

export interface LlmCallRequest {
  model: string;
  /** Provider label (openai, anthropic, openai-compatible or an endpoint name). */
  provider: string;
  /** The API spoken: anthropic, or openai for OpenAI and every OpenAI-compatible server. */
  system: string;
  /** The texts the provider is sent (after firewall redaction), in order; read only when the call is traced. */
  sites: () => TextSite[];
  /** The body sent upstream; everything but the messages goes in as invocation parameters. */
  body: Record<string, unknown>;
}

export interface LlmCallResult {
  model: string;
  provider: string;
  usage: Usage;
  /** The answer as delivered (leaks masked, redaction placeholders not yet restored). */
  content: string;
  finishReason: FinishReason;
  attempts: number;
  /** The answer's tool calls. */
  toolCalls?: { id: string; name: string; arguments: string }[];
}

/** One provider call as an OpenInference LLM span; a no-op outside a traced request. */
export interface LlmCall {
  /** `ttftMs`: since the request entered the pipeline. */
  firstToken(ttftMs: number): void;
  succeed(result: LlmCallResult): void;
  /** Ends the span as failed and returns `err`, so callers can `throw call.fail(err)`. */
  fail<E>(err: E): E;
}

const noopCall: LlmCall = { firstToken: () => undefined, succeed: () => undefined, fail: (err) => err };

/**
 * Bounds what one span carries (the SDK also cuts every string at 16 KB): a long conversation is recorded by its last
 * messages, so a span stays small enough to queue and to fit a gRPC export batch.
 */
const MAX_RECORDED_MESSAGES = 20;

interface SpanMessage {
  role: string;
  content: string;
}

/** Fields of a body that are the conversation, not parameters. */
const NOT_PARAMS = new Set(['messages', 'system', 'model', 'stream', 'cache']);

const messageAttributes = (prefix: string, messages: SpanMessage[]): Attributes =>
  Object.fromEntries(
    messages.flatMap((m, i) => [
      [`${prefix}.${i}.${SC.MESSAGE_ROLE}`, m.role],
      [`${prefix}.${i}.${SC.MESSAGE_CONTENT}`, m.content],
    ]),
  );

export function startLlmCall(name: string, req: LlmCallRequest): LlmCall {
  const scope = activeScope();
  if (!scope) return noopCall;
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.body)) if (!NOT_PARAMS.has(k)) params[k] = v;
  const messages: SpanMessage[] = req.sites().map((s) => ({ role: s.role, content: s.text }));
  const attributes: Attributes = {
    ...spanKind(OpenInferenceSpanKind.LLM),
    [SC.LLM_MODEL_NAME]: req.model,
    [SC.LLM_PROVIDER]: req.provider,
    [SC.LLM_SYSTEM]: req.system,
    [SC.LLM_INVOCATION_PARAMETERS]: JSON.stringify(params),
  };
  // The tools the model was offered (their schemas), as OpenInference's llm.tools list.
  const tools = Array.isArray(req.body.tools) ? (req.body.tools as unknown[]) : [];
  tools.forEach((t, i) => (attributes[`${SC.LLM_TOOLS}.${i}.${SC.TOOL_JSON_SCHEMA}`] = JSON.stringify(t)));
  if (!scope.hideInputs) {
    const recorded = messages.slice(-MAX_RECORDED_MESSAGES);
    if (recorded.length < messages.length) attributes['llm.input_messages_omitted'] = messages.length - recorded.length;
    Object.assign(attributes, messageAttributes(SC.LLM_INPUT_MESSAGES, recorded), {
      [SC.INPUT_VALUE]: JSON.stringify({ messages: recorded }),
      [SC.INPUT_MIME_TYPE]: MimeType.JSON,
    });
  }
  const span: Span = beginSpan(name, attributes);
  const { hideOutputs } = scope;
  return {
    firstToken: (ttftMs) => span.addEvent('first_token', { 'llm.time_to_first_token_ms': ttftMs }),
    succeed(r) {
      span.setAttributes({
        // A fallback model may have answered.
        [SC.LLM_MODEL_NAME]: r.model,
        [SC.LLM_PROVIDER]: r.provider,
        [SC.LLM_TOKEN_COUNT_PROMPT]: r.usage.promptTokens,
        [SC.LLM_TOKEN_COUNT_COMPLETION]: r.usage.completionTokens,
        [SC.LLM_TOKEN_COUNT_TOTAL]: r.usage.totalTokens,
        'llm.finish_reason': r.finishReason,
        'llm.attempts': r.attempts,
      });
      if (!hideOutputs) {
        span.setAttributes({
          ...messageAttributes(SC.LLM_OUTPUT_MESSAGES, [{ role: 'assistant', content: r.content }]),
          [SC.OUTPUT_VALUE]: r.content,
          [SC.OUTPUT_MIME_TYPE]: MimeType.TEXT,
        });
        const prefix = `${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}`;
        r.toolCalls?.forEach((c, j) =>
          span.setAttributes({
            [`${prefix}.${j}.${SC.TOOL_CALL_ID}`]: c.id,
            [`${prefix}.${j}.${SC.TOOL_CALL_FUNCTION_NAME}`]: c.name,
            [`${prefix}.${j}.${SC.TOOL_CALL_FUNCTION_ARGUMENTS_JSON}`]: c.arguments,
          }),
        );
      }
      endSpan(span);
    },
    fail(err) {
      endSpan(span, err);
      return err;
    },
  };
}
