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
