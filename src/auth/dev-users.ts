import type { Config } from '../config/index.js';
import type { Role } from './principal.js';

/** The seed's development users: created in development, password-free. */
export const DEV_USERS: readonly { id: string; username: string; fullName: string; role: Role; email: string }[] = [
  { id: 'dev_dinakar', username: 'dinakar_developer', fullName: 'Dinakar (Developer)', role: 'developer', email: 'dinakar@moolai.dev' },
  { id: 'dev_amogh', username: 'amogh_analyst', fullName: 'Amogh (Analyst)', role: 'analyst', email: 'amogh@moolai.dev' },
  { id: 'dev_gabriella', username: 'gabriella_admin', fullName: 'Gabriella (Admin)', role: 'admin', email: 'gabriella@moolai.dev' },
];

/** Who an unauthenticated request acts as in development (so the seed's curl examples work as written). */
export const DEV_DEFAULT_USERNAME = 'gabriella_admin';

/** MULTI_USER_MODE=false: everyone is this one user. */
export const SINGLE_USER = { id: 'default_user', username: 'default', fullName: 'Default User', role: 'admin' as Role };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * The one start-up warning for a service where callers need no credentials (development, or a single user), saying
 * who they become and who can reach it; undefined when every caller must authenticate.
 */
export function openAccessWarning(config: Pick<Config, 'environment' | 'server' | 'auth'>): string | undefined {
  const { host, port } = config.server;
  const reach = LOOPBACK.test(host) ? `reachable from this machine only (${host}:${port})` : `reachable by every machine that can connect to ${host}:${port}`;
  if (!config.auth.multiUserMode) return `MULTI_USER_MODE=false: every request acts as the admin "${SINGLE_USER.username}", without a token or a login, ${reach}`;
  if (config.environment !== 'development') return undefined;
  return (
    `development mode: a request without a token acts as the admin ${DEV_DEFAULT_USERNAME} and the dev users log in without a password, ${reach}; ` +
    'users created here are marked and cannot log in in production. Set ENVIRONMENT=production for a deployment'
  );
}
