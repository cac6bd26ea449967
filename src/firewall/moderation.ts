/**
 * The firewall's second toxicity stage: a moderation classifier behind OpenAI's moderation API (or any server that
 * speaks it), called with the `openai` SDK. The rules catch what a pattern can say; a classifier catches hate,
 * threats and harassment phrased in ways no list foresees. It costs a network round trip, so the pipeline runs it
 * alongside the provider call (see pipeline.ts) and only for prompts the rules let through.
 */
import OpenAI from 'openai';
import type { TextSite } from '../llm/wire/codec.js';
import { CATEGORIES } from './scanners/toxicity/lexicon.js';

export interface ModerationResult {
  flagged: boolean;
  /** Our toxicity categories the classifier flagged, with its highest score for each. */
  categories: Record<string, number>;
  /** The classifier's own flagged category names, for the record (including ones we have no category for). */
  raw: string[];
}

export interface Moderator {
  check(text: string, signal: AbortSignal): Promise<ModerationResult>;
}

export interface OpenAiModeratorOptions {
  model: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
}

/**
 * OpenAI's moderation categories → the firewall's toxicity categories, so the one policy table governs both stages.
 * Categories with no counterpart (illicit advice) are recorded but decide nothing.
 */
const ours = new Set<string>(CATEGORIES);
const pick = (...names: string[]) => names.filter((n) => ours.has(n)).slice(0, 1);
const CATEGORY_MAP: Record<string, string[]> = {
  harassment: ours.has('harassment') ? ['harassment'] : ['insult'],
  'harassment/threatening': ['threat'],
  hate: ['identity_attack'],
  'hate/threatening': ['identity_attack', 'threat'],
  'self-harm': ['self_harm'],
  'self-harm/intent': ['self_harm'],
  'self-harm/instructions': ['self_harm'],
  sexual: ['sexual'],
  'sexual/minors': ['sexual'],
  violence: ['threat'],
  'violence/graphic': pick('violence', 'threat'),
  'illicit/violent': ['threat'],
};

export function createOpenAiModerator(o: OpenAiModeratorOptions): Moderator {
  // One retry: a moderation verdict that comes late is worth less than the latency it adds.
  const client = new OpenAI({ apiKey: o.apiKey ?? 'not-needed', baseURL: o.baseUrl, timeout: o.timeoutMs, maxRetries: 1 });
  return {
    async check(text, signal) {
      const res = await client.moderations.create({ model: o.model, input: text }, { signal });
      const categories: Record<string, number> = {};
      const raw: string[] = [];
      let flagged = false;
      for (const r of res.results) {
        flagged ||= r.flagged;
        const scores = r.category_scores as unknown as Record<string, number>;
        for (const [name, on] of Object.entries(r.categories as unknown as Record<string, boolean | null>)) {
          if (!on) continue;
          raw.push(name);
          for (const cat of CATEGORY_MAP[name] ?? []) categories[cat] = Math.max(categories[cat] ?? 0, scores[name] ?? 1);
        }
      }
      return { flagged, categories, raw: [...new Set(raw)] };
    },
  };
}

/** Most recent first is what matters; the classifier's input is bounded. */
const MAX_CHARS = 32_000;

/**
 * What the classifier reads: what people and tools wrote (system, user, tool and input texts), not earlier answers
 * of the model. The newest text is kept when the whole is too long.
 */
export function moderationText(sites: readonly TextSite[]): string {
  const parts = sites.filter((s) => s.role !== 'assistant' && s.role !== 'output' && s.text.trim() !== '').map((s) => s.text);
  const text = parts.join('\n\n');
  return text.length > MAX_CHARS ? text.slice(text.length - MAX_CHARS) : text;
}
