import { readFileSync } from 'node:fs';
import { z } from 'zod';
import builtIn from './pricing-table.json' with { type: 'json' };
import type { Usage } from './types.js';

const priceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Input tokens read from the provider's prompt cache; default: 10 % of input for Claude, 50 % otherwise. */
  cached_input: z.number().nonnegative().optional(),
  /** Input tokens written to the prompt cache; default: 125 % of input for Claude (5-minute cache), input otherwise. */
  cache_write: z.number().nonnegative().optional(),
});
const tableSchema = z.object({ models: z.record(z.string(), priceSchema) });

export type Price = z.infer<typeof priceSchema>;

export interface Pricing {
  /** USD for this usage; 0 for a model with no known price (self-hosted). */
  cost(model: string, usage: Usage): number;
  priceOf(model: string): Price | undefined;
  knownModels(): string[];
}

/** Built-in list prices, with an operator's file (LLM_PRICING_FILE) merged over them. */
export function loadPricing(overrideFile?: string): Pricing {
  const table: Record<string, Price> = { ...tableSchema.parse(builtIn).models };
  if (overrideFile) {
    const parsed = tableSchema.safeParse(JSON.parse(readFileSync(overrideFile, 'utf8')));
    if (!parsed.success) throw new Error(`LLM_PRICING_FILE ${overrideFile}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    Object.assign(table, parsed.data.models);
  }
  // Longest prefix first, so "gpt-4o-mini-2024-07-18" prices as gpt-4o-mini, not gpt-4o or gpt-4.
  const prefixes = Object.keys(table).sort((a, b) => b.length - a.length);
  const memo = new Map<string, Price | undefined>();
  const priceOf = (model: string) => {
    if (memo.has(model)) return memo.get(model);
    const key = prefixes.find((p) => model.startsWith(p));
    const price = key ? table[key] : undefined;
    if (memo.size < 1_000) memo.set(model, price);
    return price;
  };
  return {
    priceOf,
    cost(model, usage) {
      const p = priceOf(model);
      if (!p) return 0;
      // Prompt tokens include cache reads and writes, which are billed at their own rates.
      const claude = model.startsWith('claude');
      const cached = usage.cachedTokens ?? 0;
      const written = usage.cacheWriteTokens ?? 0;
      const plain = Math.max(0, usage.promptTokens - cached - written);
      const cachedRate = p.cached_input ?? p.input * (claude ? 0.1 : 0.5);
      const writeRate = p.cache_write ?? p.input * (claude ? 1.25 : 1);
      const usd = (plain * p.input + cached * cachedRate + written * writeRate + usage.completionTokens * p.output) / 1e6;
      return Math.round(usd * 1e8) / 1e8;
    },
    knownModels: () => Object.keys(table),
  };
}
