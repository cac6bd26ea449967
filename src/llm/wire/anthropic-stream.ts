/**
 * Anthropic's stream, both ways: the accumulator rebuilds a Message from its events (as the SDK's MessageStream
 * does), and `replayMessage` turns a stored Message back into the events a live stream of it would have sent, so
 * `accumulate(replayMessage(m))` is `m` again.
 */
import type {
  ContentBlock,
  Message,
  RawContentBlockDeltaEvent,
  RawMessageDeltaEvent,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { StreamAccumulator } from './codec.js';
import { wordPieces } from './openai-codec.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Tool input text back into an input object. Anthropic requires an object; text that is not one (a firewall
 * replacement, a broken stream) is kept whole under `_redacted` rather than lost.
 */
export function parseToolInput(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // kept below
  }
  return { _redacted: text };
}

/** Streamed tool input arrives as JSON text; no text at all means no arguments. */
const inputOfStream = (json: string): Record<string, unknown> => (json === '' ? {} : parseToolInput(json));

function emptyMessage(): Message {
  return {
    id: '',
    type: 'message',
    role: 'assistant',
    model: '',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      cache_creation: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: null,
      speed: null,
    },
  };
}

export class MessageAccumulator implements StreamAccumulator<RawMessageStreamEvent, Message> {
  private message: Message | undefined;
  /** Tool input JSON of blocks still open, by block index. */
  private readonly json = new Map<number, string>();
  private done = false;

  get finished(): boolean {
    return this.done;
  }

  push(ev: RawMessageStreamEvent): void {
    // Blocks are copied in: the events themselves go on to the client and may be masked there.
    switch (ev.type) {
      case 'message_start':
        this.message = structuredClone(ev.message);
        return;
      case 'content_block_start': {
        const block = structuredClone(ev.content_block);
        this.msg().content[ev.index] = block;
        if (block.type === 'tool_use' || block.type === 'server_tool_use') this.json.set(ev.index, '');
        return;
      }
      case 'content_block_delta':
        this.applyDelta(ev);
        return;
      case 'content_block_stop': {
        const json = this.json.get(ev.index);
        const block = this.msg().content[ev.index];
        if (json !== undefined && block && 'input' in block) block.input = inputOfStream(json);
        this.json.delete(ev.index);
        return;
      }
      case 'message_delta':
        this.applyMessageDelta(ev);
        return;
      case 'message_stop':
        this.done = true;
        return;
    }
  }

  result(): Message {
    const msg = this.msg();
    // A stream cut inside a tool block: its input so far, if it is whole JSON already.
    for (const [index, json] of this.json) {
      const block = msg.content[index];
      if (block && 'input' in block) block.input = inputOfStream(json);
    }
    return msg;
  }

  private msg(): Message {
    return (this.message ??= emptyMessage());
  }

  private applyDelta(ev: RawContentBlockDeltaEvent): void {
    const block: ContentBlock | undefined = this.msg().content[ev.index];
    const d = ev.delta;
    if (!block) return;
    if (d.type === 'input_json_delta') this.json.set(ev.index, (this.json.get(ev.index) ?? '') + d.partial_json);
    else if (d.type === 'text_delta' && block.type === 'text') block.text += d.text;
    else if (d.type === 'citations_delta' && block.type === 'text') block.citations = [...(block.citations ?? []), d.citation];
    else if (d.type === 'thinking_delta' && block.type === 'thinking') block.thinking += d.thinking;
    else if (d.type === 'signature_delta' && block.type === 'thinking') block.signature = d.signature;
  }

  /** message_delta counts are cumulative: they replace, and a null count leaves the known one. */
  private applyMessageDelta(ev: RawMessageDeltaEvent): void {
    const msg = this.msg();
    msg.stop_reason = ev.delta.stop_reason;
    msg.stop_sequence = ev.delta.stop_sequence;
    if (ev.delta.stop_details !== undefined) msg.stop_details = ev.delta.stop_details;
    if (ev.delta.container != null) msg.container = ev.delta.container;
    const u = ev.usage;
    msg.usage.output_tokens = u.output_tokens;
    if (u.input_tokens != null) msg.usage.input_tokens = u.input_tokens;
    if (u.cache_creation_input_tokens != null) msg.usage.cache_creation_input_tokens = u.cache_creation_input_tokens;
    if (u.cache_read_input_tokens != null) msg.usage.cache_read_input_tokens = u.cache_read_input_tokens;
    if (u.output_tokens_details != null) msg.usage.output_tokens_details = u.output_tokens_details;
    if (u.server_tool_use != null) msg.usage.server_tool_use = u.server_tool_use;
  }
}

/** The events a live stream of `m` would have sent: text in word-sized pieces, tool input as one JSON delta. */
export function replayMessage(m: Message): RawMessageStreamEvent[] {
  const events: RawMessageStreamEvent[] = [
    {
      type: 'message_start',
      message: { ...m, content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: { ...m.usage, output_tokens: 0 } },
    },
  ];
  m.content.forEach((b, index) => {
    const delta = (d: RawContentBlockDeltaEvent['delta']): void => void events.push({ type: 'content_block_delta', index, delta: d });
    switch (b.type) {
      case 'text':
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: b.citations ? [] : null } });
        for (const citation of b.citations ?? []) delta({ type: 'citations_delta', citation });
        for (const piece of b.text ? wordPieces(b.text) : []) delta({ type: 'text_delta', text: piece });
        break;
      case 'tool_use':
      case 'server_tool_use':
        events.push({ type: 'content_block_start', index, content_block: { ...b, input: {} } });
        delta({ type: 'input_json_delta', partial_json: JSON.stringify(b.input ?? {}) });
        break;
      case 'thinking':
        events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        if (b.thinking) delta({ type: 'thinking_delta', thinking: b.thinking });
        delta({ type: 'signature_delta', signature: b.signature });
        break;
      default:
        // Redacted thinking and server tool results arrive whole in their start event.
        events.push({ type: 'content_block_start', index, content_block: b });
    }
    events.push({ type: 'content_block_stop', index });
  });
  const u = m.usage;
  events.push({
    type: 'message_delta',
    delta: { stop_reason: m.stop_reason, stop_sequence: m.stop_sequence, stop_details: m.stop_details, container: m.container },
    usage: {
      input_tokens: u.input_tokens,
      cache_creation_input_tokens: u.cache_creation_input_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens,
      output_tokens: u.output_tokens,
      output_tokens_details: u.output_tokens_details,
      server_tool_use: u.server_tool_use,
    },
  });
  events.push({ type: 'message_stop' });
  return events;
}
