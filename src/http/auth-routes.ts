import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ROLES, type Principal } from '../auth/principal.js';
import type { UserRow } from '../storage/orchestrator/users-repo.js';
import { AppError } from '../errors/app-error.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { errorSchema } from './schemas.js';

const userOut = z.object({
  user_id: z.string(),
  username: z.string(),
  full_name: z.string(),
  role: z.enum(ROLES),
  org_id: z.string(),
  email: z.string().nullable().optional(),
  /** Who created the user through the API; null when the service made it at start-up. */
  created_by: z.string().nullable().optional(),
  /** Created while ENVIRONMENT=development by a caller nobody authenticated: it cannot log in in production. */
  created_in_dev_mode: z.boolean().optional(),
  is_active: z.boolean().optional(),
  /** The user's own budgets in USD; null: the organisation default (BUDGET_USD_*_DEFAULT) applies. */
  budget_usd_daily: z.number().nullable().optional(),
  budget_usd_monthly: z.number().nullable().optional(),
  /** Signed in through SSO (the provider's subject), so it has no password here. */
  sso: z.boolean().optional(),
});
const loginOut = z.object({ success: z.literal(true), token: z.string(), user: userOut, expires_at: z.string() });

const wireUser = (u: UserRow) => ({
  user_id: u.id,
  username: u.username,
  full_name: u.fullName,
  role: u.role,
  org_id: u.orgId,
  email: u.email,
  created_by: u.createdBy,
  created_in_dev_mode: u.createdInDevMode,
  is_active: u.isActive,
  budget_usd_daily: u.budgetUsdDaily,
  budget_usd_monthly: u.budgetUsdMonthly,
  sso: u.oidcSubject !== null,
});
const wirePrincipal = (p: Principal) => ({ user_id: p.userId, username: p.username, full_name: p.fullName, role: p.role, org_id: p.orgId });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.users;
  const throttle = app.services.auth.loginThrottle;
  const dev = app.config.environment === 'development';

  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; development users need no password. Failed attempts are throttled per username and address (429)',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().max(500).optional() }),
        response: { 200: loginOut, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      // Counted before anything is checked, so parallel guesses are counted too; 429 once over the limit.
      const attempt = await throttle.begin(username, request.ip);
      const user = await repo.byUsername(username);
      // Every path with a password costs exactly one scrypt derivation, so the answer time does not tell whether
      // the username exists; without a password nothing is hashed on any path.
      let ok: boolean;
      if (password === undefined) ok = !!user && !user.passwordHash && dev;
      else if (user?.passwordHash) ok = await app.services.auth.passwords.verify(password, user.passwordHash);
      else ok = (await app.services.auth.passwords.verifyDummy(password)) || (!!user && dev); // password-free users exist only for development
      if (!ok || !user || !user.isActive) {
        throw new AppError('UNAUTHORIZED', dev && !user ? `unknown user ${username}` : 'invalid username or password');
      }
      // Its password was set by a development caller nobody authenticated (anyone who could reach that instance).
      if (!dev && user.createdInDevMode) {
        throw new AppError('FORBIDDEN', `user ${username} was created in development mode, where callers are not authenticated, so it cannot log in in production; an admin creates a new user instead`);
      }
      await attempt.succeeded();
      await repo.touchLogin(user.id);
      const { token, expiresAt } = app.authenticator.issueToken({ userId: user.id, username: user.username, role: user.role, orgId: user.orgId, fullName: user.fullName }, user.tokenVersion);
      return { success: true as const, token, user: wireUser(user), expires_at: expiresAt.toISOString() };
    },
  );

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The caller', response: { 200: userOut, '4xx': errorSchema } } }, async (request) =>
    wirePrincipal(request.principal!),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign the caller's token out, on every instance (an API key is revoked with DELETE /api/v1/keys/:id instead)",
        response: { 200: z.object({ success: z.literal(true), revoked: z.enum(['token', 'all_tokens', 'nothing']) }), '4xx': errorSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      if (p.via !== 'token' || !p.tokenExpiresAt) return { success: true as const, revoked: 'nothing' as const };
      if (p.tokenId) {
        try {
          await app.services.auth.revocations.revokeToken(p.tokenId, p.tokenExpiresAt);
          return { success: true as const, revoked: 'token' as const };
        } catch (err) {
          // Redis cannot hold the sign-out: sign every token of the user out in the database instead, which holds.
          request.log.warn({ err: (err as Error).message }, 'token sign-out list unavailable: signing the user out everywhere');
        }
      }
      // A token without an id (issued before ids existed, or by the Controller) can only go with all of them.
      if ((await repo.bumpTokenVersion(p.userId)) === undefined) return { success: true as const, revoked: 'nothing' as const };
      await app.services.auth.revocations.userChanged(p.userId);
      return { success: true as const, revoked: 'all_tokens' as const };
    },
  );

  const userParams = z.object({ id: z.string().min(1).max(200) });
  const found = async (id: string) => {
    const u = await repo.byId(id);
    if (!u) throw new AppError('NOT_FOUND', `user ${id} not found`);
    return u;
  };
  /** After any change to a user: every instance drops what it cached (status, budgets, keys) at once. */
  const changed = async (id: string) => {
    await app.services.auth.revocations.userChanged(id);
    await app.services.auth.apiKeys.invalidateUser(id);
  };

  app.patch(
    '/api/v1/auth/users/:id',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['auth'],
        summary: 'Change a user (admin): deactivating ends their tokens and API keys at once, on every instance',
        params: userParams,
        body: z.object({ is_active: z.boolean().optional(), role: z.enum(ROLES).optional(), full_name: z.string().max(200).optional() }).refine((b) => Object.keys(b).length > 0, 'name at least one of is_active, role, full_name'),
        response: { 200: userOut, '4xx': errorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const b = request.body;
      if (id === request.principal!.userId && b.is_active === false) throw new AppError('VALIDATION_ERROR', 'body.is_active: you cannot deactivate yourself');
      await found(id);
      const updated = await repo.update(id, {
        ...(b.is_active !== undefined ? { isActive: b.is_active } : {}),
        ...(b.role ? { role: b.role } : {}),
        ...(b.full_name !== undefined ? { fullName: b.full_name } : {}),
      });
      // A role change must not live on in tokens that name the old role: they are signed out too.
      if (b.role) await repo.bumpTokenVersion(id);
      await changed(id);
      return wireUser(updated!);
    },
  );

  app.put(
    '/api/v1/auth/users/:id/budget',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['auth'],
        summary: "Set a user's budgets in USD per UTC day and month (admin); null returns to the organisation default",
        params: userParams,
        body: z.object({
          budget_usd_daily: z.number().min(0).max(1e9).nullable().optional(),
          budget_usd_monthly: z.number().min(0).max(1e9).nullable().optional(),
        }),
        response: { 200: userOut, '4xx': errorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const b = request.body;
      await found(id);
      const updated = await repo.update(id, {
        ...(b.budget_usd_daily !== undefined ? { budgetUsdDaily: b.budget_usd_daily } : {}),
        ...(b.budget_usd_monthly !== undefined ? { budgetUsdMonthly: b.budget_usd_monthly } : {}),
      });
      await changed(id);
      return wireUser(updated!);
    },
  );

  app.delete(
    '/api/v1/auth/users/:id',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['auth'],
        summary:
          "Delete a user (admin): their stored prompt text first (and any still on its way), then the user with their conversations and API keys; their tokens stop working on every instance. Request records (figures) stay",
        params: userParams,
        response: { 200: z.object({ deleted: z.literal(true), user_id: z.string(), prompt_texts_deleted: z.number() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (id === request.principal!.userId) throw new AppError('VALIDATION_ERROR', 'params.id: you cannot delete yourself');
      await found(id);
      // Text first: if the monitoring database cannot erase it, the user stays and the admin may try again.
      const texts = await app.services.promptText.service.eraseUser(request.principal!, id).catch((err: unknown) => {
        if (!isDatabaseUnavailable(err)) throw err;
        throw new AppError('DATABASE_UNAVAILABLE', 'the stored prompt text could not be deleted, so the user was not: try again', { cause: err, retryAfterS: 5 });
      });
      await repo.delete(id);
      await changed(id);
      return { deleted: true as const, user_id: id, prompt_texts_deleted: texts };
    },
  );

  app.post(
    '/api/v1/auth/users/:id/revoke-tokens',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['auth'],
        summary: "Sign every one of a user's tokens out, on every instance (admin); their API keys stay (revoke those one by one)",
        params: userParams,
        response: { 200: z.object({ success: z.literal(true), token_version: z.number() }), '4xx': errorSchema },
      },
    },
    async (request) => {
      const version = await repo.bumpTokenVersion(request.params.id);
      if (version === undefined) throw new AppError('NOT_FOUND', `user ${request.params.id} not found`);
      await changed(request.params.id);
      return { success: true as const, token_version: version };
    },
  );

  app.get(
    '/api/v1/auth/users/dev',
    {
      config: { auth: { public: true } },
      schema: { tags: ['auth'], summary: 'Development users (404 in production)', response: { 200: z.object({ users: z.array(userOut), total: z.number(), development_mode: z.boolean() }), '4xx': errorSchema } },
    },
    async () => {
      if (!dev) throw new AppError('NOT_FOUND', 'route GET /api/v1/auth/users/dev not found');
      const users = (await repo.list()).filter((u) => !u.passwordHash);
      return { users: users.map(wireUser), total: users.length, development_mode: true };
    },
  );

  app.get(
    '/api/v1/auth/users',
    { config: { auth: { roles: ADMINS } }, schema: { tags: ['auth'], summary: 'All users (admin)', response: { 200: z.object({ users: z.array(userOut), total: z.number() }), '4xx': errorSchema } } },
    async () => {
      const users = await repo.list();
      return { users: users.map(wireUser), total: users.length };
    },
  );

  app.post(
    '/api/v1/auth/users',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['auth'],
        summary: 'Create a user (admin)',
        body: z.object({
          username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, '3-64 letters, digits, _ . or -'),
          password: z.string().min(12, 'must be at least 12 characters').max(500),
          role: z.enum(ROLES),
          full_name: z.string().max(200).optional(),
          email: z.email().optional(),
        }),
        response: { 201: userOut, '4xx': errorSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await repo.create({
        username: b.username,
        fullName: b.full_name,
        email: b.email ?? null,
        role: b.role,
        passwordHash: await app.services.auth.passwords.hash(b.password),
        createdBy: request.principal!.userId,
        createdInDevMode: dev,
      });
      if (!created) throw new AppError('VALIDATION_ERROR', `body.username: ${b.username} is taken`);
      return reply.status(201).send(wireUser(created));
    },
  );
};
