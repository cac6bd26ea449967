import type { TextSite } from '../llm/wire/codec.js';
import type { ReportedFinding } from './engine.js';

/**
 * The firewall's seam in the LLM pipeline. The pipeline asks the gate about every text the provider will see
 * (before the cache and the provider), and about every text of the answer before it reaches the client.
 */
export interface GateContext {
  requestId: string;
  userId: string | null;
  source: 'prompt' | 'openai' | 'anthropic' | 'ws' | 'embeddings' | 'eval';
}

export interface StreamRestorer {
  push(chunk: string): string;
  flush(): string;
}

/**
 * The text the scanners read (every site, joined) and what they found in it, offsets into that text, as sent (before
 * any redaction). Stored prompt text (PROMPT_LOGGING) masks or highlights from it without scanning again; references
 * to what the scan made anyway, so it costs nothing when nobody reads it.
 */
export interface ScannedPrompt {
  scanned?: string;
  findings?: readonly ReportedFinding[];
}

export type PromptVerdict =
  | ({
      allowed: true;
      /** allow: untouched (or a violation only logged); redact: PII replaced before the provider sees it. */
      decision: 'allow' | 'redact' | 'logged';
      /** Puts redacted values back into the model's answer. Absent when nothing was redacted. */
      restore?: (text: string) => string;
      streamRestorer?: () => StreamRestorer;
    } & ScannedPrompt)
  | ({ allowed: false; decision: 'block'; reasons: string[] } & ScannedPrompt);

/** Masks leaks in a streamed answer, per channel (a choice's content, a tool call's arguments…), before bytes leave. */
export interface OutputMasker {
  /** Text safe to release now (leaks masked); the rest is held until it can no longer be part of a match. */
  push(channel: string, text: string): string;
  /** Releases what every channel still holds, masked. */
  flush(): { channel: string; text: string }[];
}

export interface PromptGate {
  /**
   * Scans every site; when redacting, writes the redacted text back through the sites (the body is edited in place,
   * so what goes upstream and into the cache key is the redacted form). `images`: the request carries binary input
   * the scanners cannot read.
   */
  checkPrompt(sites: TextSite[], ctx: GateContext, opts?: { images?: boolean }): PromptVerdict;
  /** Masks leaks (secrets; PII when redacting) in an answer's texts in place, before it is cached or delivered. */
  checkOutput?(sites: TextSite[], ctx: GateContext): void;
  /** A masker for one streamed answer. */
  outputMasker?(ctx: GateContext): OutputMasker;
  /**
   * The moderation stage, present only when it is configured: asks a classifier about a prompt the rules passed.
   * Never rejects; an unreachable classifier is decided by FIREWALL_MODERATION_FAIL.
   */
  moderate?(sites: TextSite[], ctx: GateContext, signal: AbortSignal): Promise<ModerationVerdict>;
}

export type ModerationVerdict = { allowed: true } | { allowed: false; reasons: string[] };

/** Used when FIREWALL_ENABLED=false: every prompt passes untouched. */
export const openGate: PromptGate = {
  checkPrompt: () => ({ allowed: true, decision: 'allow' }),
};
