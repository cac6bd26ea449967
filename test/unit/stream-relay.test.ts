import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { createStreamMasker } from '../../src/firewall/stream-masker.js';
import type { OutputMasker } from '../../src/firewall/gate.js';
import { relayStream } from '../../src/llm/stream-relay.js';
import { openAiCodec } from '../../src/llm/wire/openai-codec.js';

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk' as const, created: 1, model: 'gpt-4o-mini' };
const text = (t: string): ChatCompletionChunk => ({ ...head, choices: [{ index: 0, delta: { content: t }, finish_reason: null, logprobs: null }] });
const finish: ChatCompletionChunk = { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }] };

/** A masker per channel over a finder that masks "SECRET…" tokens, like the gate's. */
function masker(): OutputMasker {
  const channels = new Map<string, ReturnType<typeof createStreamMasker>>();
  const find = (t: string) => [...t.matchAll(/SECRET\w+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: 'token', masked: 'S***' }));
  const of = (c: string) => channels.get(c) ?? channels.set(c, createStreamMasker({ find, pii: false })).get(c)!;
  return {
    push: (c, t) => of(c).push(t),
    flush: () => [...channels].map(([channel, m]) => ({ channel, text: m.flush() })).filter((x) => x.text),
  };
}

async function* from<T>(xs: T[]): AsyncGenerator<T> {
  yield* xs;
}

describe('stream relay', () => {
  it('sends no chunk whose text was all held back, and the whole masked text before the finish', async () => {
    const pieces = ['Ec', 'ho', ': my ', 'key is SEC', 'RETabc12', '3 ok'];
    let whole: ChatCompletion | undefined;
    let ended = 0;
    const relay = relayStream({ codec: openAiCodec, source: from([...pieces.map(text), finish]), masker: masker(), onComplete: (w) => (whole = w), onEnd: () => ended++ });
    const out: ChatCompletionChunk[] = [];
    for await (const c of relay.chunks) out.push(c);
    const deltas = out.flatMap((c) => c.choices.map((ch) => ch.delta.content)).filter((d) => d !== undefined);
    expect(deltas.every((d) => d !== '')).toBe(true);
    expect(deltas.join('')).toBe('Echo: my key is [token S***] ok');
    expect(out.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    // What is stored for replay is the masked answer, whole.
    expect(whole!.choices[0]!.message.content).toBe('Echo: my key is [token S***] ok');
    expect(ended).toBe(1);
  });

  it('keeps a chunk that carries more than held text (a role, a tool call id, logprobs)', () => {
    expect(openAiCodec.isEmpty({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] })).toBe(false);
    expect(openAiCodec.isEmpty({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '' } }] }, finish_reason: null, logprobs: null }] })).toBe(false);
    expect(openAiCodec.isEmpty({ ...head, choices: [{ index: 0, delta: { content: '' }, finish_reason: null, logprobs: { content: [], refusal: null } }] })).toBe(false);
    expect(openAiCodec.isEmpty({ ...head, choices: [{ index: 0, delta: { content: '' }, finish_reason: null, logprobs: null }] })).toBe(true);
    expect(openAiCodec.isEmpty({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '' } }] }, finish_reason: null, logprobs: null }] })).toBe(true);
  });
});
