import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { UsersRepo } from '../storage/orchestrator/users-repo.js';
import { DEV_USERS, openAccessWarning, SINGLE_USER } from './dev-users.js';
import { hashPassword } from './passwords.js';

/**
 * The users the service itself vouches for, made at start-up: the development users, the one user of single-user
 * mode and BOOTSTRAP_ADMIN. In production it also warns about users a development caller created with a password,
 * which login refuses there.
 */
export async function seedUsers(config: Config, repo: UsersRepo, log: Logger): Promise<void> {
  if (config.environment === 'development') {
    for (const u of DEV_USERS) await repo.ensure({ id: u.id, username: u.username, fullName: u.fullName, email: u.email, role: u.role, createdInDevMode: true });
  } else {
    const marked = (await repo.list()).filter((u) => u.createdInDevMode && u.passwordHash);
    if (marked.length) {
      const names = marked.map((u) => u.username);
      log.warn({ users: names.slice(0, 20), count: names.length }, `${names.length} user(s) created in development mode cannot log in in production: ${names.slice(0, 20).join(', ')}`);
    }
  }
  const open = openAccessWarning(config);
  if (open) log.warn({ host: config.server.host, port: config.server.port }, open);
  if (!config.auth.multiUserMode) await repo.ensure({ id: SINGLE_USER.id, username: SINGLE_USER.username, fullName: SINGLE_USER.fullName, role: SINGLE_USER.role });
  if (config.auth.bootstrapAdmin && !(await repo.byUsername(config.auth.bootstrapAdmin.username))) {
    await repo.ensure({ username: config.auth.bootstrapAdmin.username, fullName: 'Administrator', role: 'admin', passwordHash: await hashPassword(config.auth.bootstrapAdmin.password) });
    log.info({ username: config.auth.bootstrapAdmin.username }, 'bootstrap admin created');
  }
}
