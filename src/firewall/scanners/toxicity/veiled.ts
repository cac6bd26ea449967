import type { Hit } from './rules.js';

/**
 * Veiled threats that span two sentences, which the word patterns never cross: having found or knowing someone's
 * (new) place, and "see you soon" right after ("I found the new place already. See you soon"). A cheap test for
 * "see you" first keeps the 1 KB scan where it was.
 */
const QUICK = /\bsee\s+(?:you|u|ya)\b/i;
const FOUND = new RegExp(
  String.raw`\b(?:i|we)(?:'ve|\s+have|\s+already)?\s+(?:already\s+)?(?:found|know|tracked\s+down|located|figured\s+out)\s+` +
    String.raw`(?:where\s+(?:you|u)\s+(?:live|moved|work|stay)|(?:your|ur|the)\s+(?:new\s+)?(?:place|address|apartment|flat|house|home|hideout|hotel|room))\b` +
    String.raw`[^]{0,60}?\bsee\s+(?:you|u|ya)\s+(?:soon|tonight|there|around|real\s+soon|very\s+soon)\b`,
  'gi',
);
const BENIGN = /\b(?:party|dinner|housewarming|invite|invitation|sent\s+me|thanks|address\s+you\s+sent|lunch|bbq|barbecue)\b/i;

export function veiledThreats(text: string): Hit[] {
  if (!QUICK.test(text)) return [];
  const hits: Hit[] = [];
  FOUND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FOUND.exec(text)) !== null) {
    if (BENIGN.test(text.slice(m.index, m.index + m[0].length + 40))) continue;
    hits.push({ cat: 'threat', score: 0.75, start: m.index, end: m.index + m[0].length });
  }
  return hits;
}
