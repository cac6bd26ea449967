import type { GateContext, OutputMasker, PromptGate } from '../../firewall/gate.js';
import type { TextSite } from '../../llm/wire/codec.js';

/**
 * A gate that tells which answers the firewall masked (a leaked secret, PII when redacting): such an answer is
 * delivered masked but never stored by meaning, since the next asker would get a masked answer to a question that
 * did not leak anything. Everything else passes to `gate` unchanged.
 */
export function watchOutputMasking(gate: PromptGate, onMasked: (requestId: string) => void): PromptGate {
  const watched: PromptGate = { ...gate };
  const { checkOutput, outputMasker } = gate;
  if (checkOutput) {
    watched.checkOutput = (sites: TextSite[], ctx: GateContext) => {
      const before = sites.map((s) => s.text);
      checkOutput.call(gate, sites, ctx);
      if (sites.some((s, i) => s.text !== before[i])) onMasked(ctx.requestId);
    };
  }
  if (outputMasker) {
    watched.outputMasker = (ctx: GateContext): OutputMasker => {
      const inner = outputMasker.call(gate, ctx);
      // What went in and what came out, per channel: the masker only holds text back and releases it, so once it is
      // flushed the two differ only if something was masked.
      const sent = new Map<string, string>();
      const released = new Map<string, string>();
      const add = (m: Map<string, string>, channel: string, text: string) => m.set(channel, (m.get(channel) ?? '') + text);
      let masked = false;
      return {
        push(channel, text) {
          add(sent, channel, text);
          const out = inner.push(channel, text);
          add(released, channel, out);
          return out;
        },
        flush() {
          const out = inner.flush();
          for (const { channel, text } of out) add(released, channel, text);
          if (!masked && [...sent].some(([channel, text]) => released.get(channel) !== text)) {
            masked = true;
            onMasked(ctx.requestId);
          }
          return out;
        },
      };
    };
  }
  return watched;
}
