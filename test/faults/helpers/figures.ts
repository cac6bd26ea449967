import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIGURES_FILE = fileURLToPath(new URL('../../../test-artifacts/faults-figures.jsonl', import.meta.url));

/**
 * The figures each scenario measures (requests sent, failed, records lost, seconds to recover…), printed as they
 * are measured and appended to test-artifacts/faults-figures.jsonl, which the global teardown prints as one table at the end.
 */
export function figures(scenario: string, values: Record<string, number | string | boolean | null>): void {
  const line = Object.entries(values)
    .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`)
    .join('  ');
  console.log(`[faults] ${scenario}: ${line}`);
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ scenario, ...values })}\n`);
}

/** Seconds (two decimals) since `from` (Date.now() units). */
export const secondsSince = (from: number): number => Math.round((Date.now() - from) / 10) / 100;

/** Polls `check` until true or `timeoutMs`; returns the seconds it took, or null if it never held. */
export async function secondsUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return secondsSince(started);
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
