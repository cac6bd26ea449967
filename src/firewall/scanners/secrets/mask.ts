/** Longest run of `*` in a masked value: enough to show the length class without echoing kilobytes of stars. */
const MAX_STARS = 24;

/**
 * Masks a secret for display and logs: at most the first and last 4 characters of long secrets (≥ 20 chars),
 * 2 for 12–19, 1 for 8–11 and none below, so at most 40 % of a value is ever shown.
 */
export function maskSecret(secret: string): string {
  const n = secret.length;
  const keep = n >= 20 ? 4 : n >= 12 ? 2 : n >= 8 ? 1 : 0;
  const stars = '*'.repeat(Math.min(MAX_STARS, Math.max(1, n - 2 * keep)));
  if (keep === 0) return stars;
  return secret.slice(0, keep) + stars + secret.slice(n - keep);
}
