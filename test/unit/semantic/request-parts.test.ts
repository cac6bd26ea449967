import { describe, expect, it } from 'vitest';
import { chatParts, messagesParts } from '../../../src/cache/semantic/request-parts.js';

const opts = { maxTurns: 3, allowSampled: false };

describe('what the semantic cache compares', () => {
  it('the last user turn is the question; everything else is the context', () => {
    const a = chatParts({ model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '  How do I reset it? ' }], max_tokens: 50 }, opts);
    const b = chatParts({ model: 'other', stream: true, user: 'u1', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Reset how?' }] }], max_tokens: 50 }, opts);
    expect(a).toMatchObject({ ok: true, query: 'How do I reset it?' });
    expect(b).toMatchObject({ ok: true, query: 'Reset how?' });
    // Model, stream and user are not context (the model is part of the partition, the others do not change answers).
    expect(a.ok && b.ok && a.context === b.context).toBe(true);
  });

  it.each([
    ['system prompt', { messages: [{ role: 'system', content: 'Be verbose.' }, { role: 'user', content: 'q' }], max_tokens: 50 }],
    ['sampling', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'q' }], max_tokens: 51 }],
    ['tools', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'q' }], max_tokens: 50, tools: [] }],
    ['response_format', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'q' }], max_tokens: 50, response_format: { type: 'json_object' } }],
    ['earlier turns', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'q' }], max_tokens: 50 }],
  ])('a different %s is a different context', (_what, body) => {
    const base = chatParts({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'q' }], max_tokens: 50 }, opts);
    const other = chatParts(body, opts);
    expect(base.ok && other.ok && base.context !== other.context).toBe(true);
  });

  it.each([
    ['not_last_user_turn', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] }],
    ['tool_use', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: null, tool_calls: [] }, { role: 'user', content: 'q2' }] }],
    ['tool_use', { messages: [{ role: 'tool', tool_call_id: 'x', content: 'r' }, { role: 'user', content: 'q' }] }],
    ['sampled', { messages: [{ role: 'user', content: 'q' }], temperature: 0.7 }],
    ['sampled', { messages: [{ role: 'user', content: 'q' }], n: 2 }],
    ['binary_input', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] }] }],
    ['binary_input', { messages: [{ role: 'user', content: 'a\u0000b' }] }],
    ['too_long', { messages: [{ role: 'user', content: 'x'.repeat(4_001) }] }],
    ['empty', { messages: [{ role: 'user', content: '   ' }] }],
    ['too_deep', { messages: [1, 2, 3, 4].flatMap((i) => [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: 'a' }]).slice(0, -1) }],
  ])('not compared: %s', (reason, body) => {
    expect(chatParts(body, opts)).toEqual({ ok: false, reason });
  });

  it('temperature 0 is cached; temperature > 0 only when configured', () => {
    expect(chatParts({ messages: [{ role: 'user', content: 'q' }], temperature: 0 }, opts).ok).toBe(true);
    expect(chatParts({ messages: [{ role: 'user', content: 'q' }], temperature: 0.7 }, { ...opts, allowSampled: true }).ok).toBe(true);
  });

  it('Anthropic: system is context, tool blocks refuse the request', () => {
    const a = messagesParts({ system: 'Be brief.', max_tokens: 100, messages: [{ role: 'user', content: 'q?' }] }, opts);
    const b = messagesParts({ system: 'Be long.', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'q?' }] }] }, opts);
    expect(a).toMatchObject({ ok: true, query: 'q?' });
    expect(a.ok && b.ok && a.context !== b.context).toBe(true);
    const tool = messagesParts({ max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }] }] }, opts);
    expect(tool).toEqual({ ok: false, reason: 'tool_use' });
  });
});
