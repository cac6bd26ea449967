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

export type PromptVerdict =
  | {
      allowed: true;
      decision: 'allow' | 'redact';
      /** What goes upstream (PII replaced by placeholders when redacting). */
      messages: ChatMessage[];
      /** Puts redacted values back into text coming from the model. Absent when nothing was redacted. */
      restore?: (text: string) => string;
    }
  | { allowed: false; decision: 'block'; reasons: string[] };

export interface PromptGate {
  checkPrompt(messages: ChatMessage[], ctx: GateContext): PromptVerdict | Promise<PromptVerdict>;
}

/** Used when FIREWALL_ENABLED=false: every prompt passes untouched. */
export const openGate: PromptGate = {
  checkPrompt: (messages) => ({ allowed: true, decision: 'allow', messages }),
};
