/**
 * OpenAI Chat Completions chunks → Anthropic stream events, for a streamed /v1/messages call answered by a
 * non-Claude model. Anthropic's stream is stricter than OpenAI's: one content block at a time, each opened,
 * filled and closed before the next, so the translator keeps which block is open and which tool call owns it.
 */
import type { RawMessageStreamEvent, StopReason } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { randomUUID } from 'node:crypto';
import { ProviderError } from '../types.js';
import { deltaUsageOf, stopDetailsOf, stopReasonOf, toolUse, usageOf } from './chat-to-messages.js';

export interface ChatToMessagesStream {
  /** The events one upstream chunk becomes (none, or several). */
  push(chunk: ChatCompletionChunk): RawMessageStreamEvent[];
  /** The closing events, once the upstream stream has finished (its usage chunk comes after finish_reason). */
  end(): RawMessageStreamEvent[];
}

/** The block being filled; `call` is the OpenAI tool call index that owns a tool_use block. */
type OpenBlock = { index: number; kind: 'text' } | { index: number; kind: 'tool'; call: number };

export function createChatToMessagesStream(opts: { model: string; id?: string }): ChatToMessagesStream {
  let started = false;
  let ended = false;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  /** OpenAI tool call indices seen so far, each with its own tool_use block. */
  const calls = new Set<number>();
  let finish: ChatCompletionChunk.Choice['finish_reason'] = null;
  let refused = false;
  let usage: CompletionUsage | undefined;

  function start(out: RawMessageStreamEvent[], id: string): void {
    if (started) return;
    started = true;
    out.push({
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: opts.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        // Input counts arrive with OpenAI's last chunk; message_delta carries them.
        usage: usageOf(usage),
      },
    });
  }

  function close(out: RawMessageStreamEvent[]): void {
    if (!open) return;
    out.push({ type: 'content_block_stop', index: open.index });
    open = undefined;
  }

  function text(out: RawMessageStreamEvent[], t: string): void {
    if (open?.kind !== 'text') {
      close(out);
      open = { index: nextIndex++, kind: 'text' };
      out.push({ type: 'content_block_start', index: open.index, content_block: { type: 'text', text: '', citations: null } });
    }
    out.push({ type: 'content_block_delta', index: open.index, delta: { type: 'text_delta', text: t } });
  }

  function toolCall(out: RawMessageStreamEvent[], tc: ChatCompletionChunk.Choice.Delta.ToolCall): void {
    const args = tc.function?.arguments;
    if (!calls.has(tc.index)) {
      close(out);
      calls.add(tc.index);
      open = { index: nextIndex++, kind: 'tool', call: tc.index };
      const block = toolUse(tc.id ?? `call_${tc.index}`, tc.function?.name ?? '', {});
      out.push({ type: 'content_block_start', index: open.index, content_block: block });
    }
    if (!args) return;
    if (open?.kind !== 'tool' || open.call !== tc.index) {
      // Every known server streams one call after the other. Arguments for a call whose block is closed cannot
      // be put back into it, and dropping them would hand the client a wrong tool call.
      throw new ProviderError('stream_broken', 'upstream interleaved tool call arguments');
    }
    out.push({ type: 'content_block_delta', index: open.index, delta: { type: 'input_json_delta', partial_json: args } });
  }

  return {
    push(chunk) {
      if (ended) return [];
      const out: RawMessageStreamEvent[] = [];
      if (chunk.usage) usage = chunk.usage;
      start(out, opts.id ?? chunk.id);
      // An Anthropic request has no `n`: only the first choice exists.
      const choice = chunk.choices.find((c) => c.index === 0);
      if (!choice) return out;
      const d = choice.delta;
      if (d?.content) text(out, d.content);
      if (d?.refusal) {
        refused = true;
        text(out, d.refusal);
      }
      for (const tc of d?.tool_calls ?? []) toolCall(out, tc);
      if (choice.finish_reason) finish = choice.finish_reason;
      return out;
    },

    end() {
      if (ended) return [];
      ended = true;
      const out: RawMessageStreamEvent[] = [];
      start(out, opts.id ?? `msg_${randomUUID().replaceAll('-', '')}`);
      close(out);
      const stopReason: StopReason = stopReasonOf(finish, refused, calls.size > 0);
      out.push({
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null, stop_details: stopDetailsOf(stopReason), container: null },
        usage: deltaUsageOf(usage),
      });
      out.push({ type: 'message_stop' });
      return out;
    },
  };
}
