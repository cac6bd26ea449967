import type { ChatMessage } from '../llm/types.js';

/**
 * The firewall's seam in the LLM pipeline. The pipeline asks the gate about every prompt before the cache and the
 * provider, and about every answer before it reaches the user.
 */
export interface GateContext {
  requestId: string;
  userId: string | null;
  source: 'prompt' | 'openai' | 'ws';
}

export interface StreamRestorer {
  push(chunk: string): string;
  flush(): string;
}

export type PromptVerdict =
  | {
      allowed: true;
      /** allow: untouched (or a violation only logged); redact: PII replaced before the provider sees it. */
      decision: 'allow' | 'redact' | 'logged';
      /** What goes upstream (PII replaced by placeholders when redacting). */
      messages: ChatMessage[];
      /** Puts redacted values back into the model's answer. Absent when nothing was redacted. */
      restore?: (text: string) => string;
      streamRestorer?: () => StreamRestorer;
    }
  | { allowed: false; decision: 'block'; reasons: string[] };

export interface PromptGate {
  checkPrompt(messages: ChatMessage[], ctx: GateContext): PromptVerdict | Promise<PromptVerdict>;
  /**
   * Scans a model's answer (before PII is restored) for secrets and PII leaking out. Returns the text to deliver
   * (leaks masked). For streams, called once the stream ended, for the record only.
   */
  checkOutput?(text: string, ctx: GateContext): string;
}

/** Used when FIREWALL_ENABLED=false: every prompt passes untouched. */
export const openGate: PromptGate = {
  checkPrompt: (messages) => ({ allowed: true, decision: 'allow', messages }),
};
