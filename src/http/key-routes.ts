import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidModelPattern } from '../auth/model-access.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { ApiKeyRow } from '../storage/orchestrator/api-keys-repo.js';
import { errorSchema } from './schemas.js';

const usd = () => z.number().min(0).max(1e9).nullable().optional();

const keyOut = z.object({
  id: z.string(),
  prefix: z.string(),
  name: z.string(),
  user_id: z.string(),
  models: z.array(z.string()).nullable(),
  rpm: z.number().nullable(),
  budget_usd_daily: z.number().nullable(),
  budget_usd_monthly: z.number().nullable(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
});
const listedKey = keyOut.extend({
  username: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  /** USD spent through this key today and this month (UTC); null when the counters cannot be read. */
  spend: z.object({ day_usd: z.number(), month_usd: z.number() }).nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const wireKey = (k: ApiKeyRow) => ({
  id: k.id,
  prefix: k.prefix,
  name: k.name,
  user_id: k.userId,
  models: k.models,
  rpm: k.rpm,
  budget_usd_daily: k.budgetUsdDaily,
  budget_usd_monthly: k.budgetUsdMonthly,
  expires_at: iso(k.expiresAt),
  created_at: k.createdAt.toISOString(),
});

const isAdmin = (p: Principal) => p.role === 'admin';

/**
 * API keys for programs: `moolai_sk_…` secrets shown once at creation, stored as a hash, working wherever a token
 * does (Authorization: Bearer, x-api-key, ?token=). A user manages their own keys; an admin anyone's.
 */
export const keyRoutes: FastifyPluginAsyncZod = async (app) => {
  const keys = app.repos.apiKeys;

  app.post(
    '/api/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; `key`, the secret, is in this answer only',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          user_id: z.string().min(1).max(200).optional().describe('Owner (admins only); default the caller'),
          models: z.array(z.string().min(1).max(200)).max(100).nullable().optional().describe('Model names or `*` patterns; default whatever the owner may call'),
          rpm: z.number().int().min(1).max(1_000_000).nullable().optional(),
          budget_usd_daily: usd(),
          budget_usd_monthly: usd(),
          expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
        }),
        response: { 201: keyOut.extend({ key: z.string() }), '4xx': errorSchema },
      },
    },
    async (request, reply) => {
      const p = request.principal!;
      const b = request.body;
      const owner = b.user_id ?? p.userId;
      if (owner !== p.userId && !isAdmin(p)) throw new AppError('FORBIDDEN', 'only an admin creates keys for another user');
      // A key acts as its owner: a key may not make another (it could outlive its own limits).
      if (p.apiKey) throw new AppError('FORBIDDEN', 'an API key cannot create API keys; sign in as the user');
      const bad = b.models ? invalidModelPattern(b.models) : undefined;
      if (bad !== undefined) throw new AppError('VALIDATION_ERROR', `body.models: "${bad}" is not a model name or pattern (letters, digits, . _ : / @ - and *)`);
      const expiresAt = b.expires_at ? new Date(b.expires_at) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) throw new AppError('VALIDATION_ERROR', 'body.expires_at: must be in the future');
      const created = await keys.create({
        userId: owner,
        name: b.name,
        models: b.models ?? null,
        rpm: b.rpm ?? null,
        budgetUsdDaily: b.budget_usd_daily ?? null,
        budgetUsdMonthly: b.budget_usd_monthly ?? null,
        expiresAt,
        createdBy: p.userId,
      });
      if (!created) throw new AppError('NOT_FOUND', `user ${owner} not found`);
      request.log.info({ key_id: created.id, owner }, 'api key created');
      return reply.status(201).send({ ...wireKey(created), key: created.key });
    },
  );

  app.get(
    '/api/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: "API keys with their prefix, last use and spend: an admin sees everyone's (filter with user_id), others their own",
        querystring: z.object({ user_id: z.string().min(1).max(200).optional() }),
        response: { 200: z.object({ keys: z.array(listedKey) }), '4xx': errorSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      const userId = isAdmin(p) ? request.query.user_id : p.userId;
      if (!isAdmin(p) && request.query.user_id && request.query.user_id !== p.userId) throw new AppError('FORBIDDEN', "only an admin lists another user's keys");
      const [rows, users] = await Promise.all([keys.list(userId === undefined ? {} : { userId }), isAdmin(p) ? app.repos.users.list() : Promise.resolve([])]);
      const names = new Map(users.map((u) => [u.id, u.username]));
      if (!isAdmin(p)) names.set(p.userId, p.username);
      const store = app.services.spend.store;
      const listed = await Promise.all(
        rows.map(async (k) => {
          const spend = await store.get({ userId: k.userId, apiKeyId: k.id }).then(
            (s) => (s.key ? { day_usd: s.key.day, month_usd: s.key.month } : null),
            () => null,
          );
          return { ...wireKey(k), username: names.get(k.userId) ?? null, last_used_at: iso(k.lastUsedAt), revoked_at: iso(k.revokedAt), spend };
        }),
      );
      return { keys: listed };
    },
  );

  app.delete(
    '/api/v1/keys/:id',
    {
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key; every instance refuses it within a second',
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: z.object({ id: z.string(), revoked_at: z.string() }), '4xx': errorSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      const key = await keys.byId(request.params.id);
      // Someone else's key is "not found" to a non-admin: its existence is not theirs to learn.
      if (!key || (key.userId !== p.userId && !isAdmin(p))) throw new AppError('NOT_FOUND', `API key ${request.params.id} not found`);
      const revoked = await keys.revoke(key.id);
      await app.services.auth.apiKeys.revoke(key.id);
      request.log.info({ key_id: key.id }, 'api key revoked');
      return { id: key.id, revoked_at: revoked!.revokedAt!.toISOString() };
    },
  );
};
