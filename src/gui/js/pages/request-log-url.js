/**
 * The request log's address: #/prompts?model=…&user_id=…&from=…&to=… for a filtered log, #/prompts/<request id>?…
 * for one request's drawer over it. Every breakdown row and chart bucket links here.
 */
import { qs } from '../api.js';

export const LOG_FILTERS = ['from', 'to', 'model', 'user_id', 'api_key_id', 'status', 'firewall_decision', 'request_id'];

/** { id, filters } from a hash (location.hash by default). */
export function parseLogHash(hash = location.hash) {
  const m = /^#\/prompts(?:\/([^?]+))?(?:\?(.*))?$/.exec(hash);
  if (!m) return { id: null, filters: {} };
  const p = new URLSearchParams(m[2] ?? '');
  const filters = {};
  for (const k of LOG_FILTERS) if (p.get(k)) filters[k] = p.get(k);
  return { id: m[1] ? decodeURIComponent(m[1]) : null, filters };
}

/** The hash of the log with these filters, and of one request's drawer when id is given. */
export function logHash(filters = {}, id = null) {
  const kept = Object.fromEntries(LOG_FILTERS.map((k) => [k, filters[k]]));
  return `#/prompts${id ? `/${encodeURIComponent(id)}` : ''}${qs(kept)}`;
}
