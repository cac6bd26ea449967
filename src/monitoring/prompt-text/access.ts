import type { Principal } from '../../auth/principal.js';
import type { TextView } from '../prompt-log.js';

/**
 * Who sees stored text: admins everyone's; analysts everyone's only with PROMPT_LOGGING_ANALYSTS=true; everyone
 * their own. The request log's figures follow the roles as before, except that a developer sees only their own.
 */
export function textViewOf(p: Pick<Principal, 'role' | 'userId'>, analystsSeeText: boolean): Exclude<TextView, { scope: 'none' }> {
  if (p.role === 'admin' || (p.role === 'analyst' && analystsSeeText)) return { scope: 'all' };
  return { scope: 'own', userId: p.userId };
}

/** The only user whose records a caller may list; undefined: everyone's. */
export function recordsOf(p: Pick<Principal, 'role' | 'userId'>): string | undefined {
  return p.role === 'developer' ? p.userId : undefined;
}
