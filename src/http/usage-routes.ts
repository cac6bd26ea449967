import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANALYSTS } from '../auth/principal.js';
import type { PeriodBudget } from '../limits/budget.js';
import { errorSchema } from './schemas.js';

const line = z.object({ spent_usd: z.number(), limit_usd: z.number().nullable(), remaining_usd: z.number().nullable(), resets_at: z.string() });
const pair = z.object({ daily: line, monthly: line });

/** Spend against budget: the caller's own (and their keys'), and everyone's for analysts. */
export const usageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app;
  const { guard } = app.services.spend;
  /** A user's own budget, else the organisation default. */
  const userLimits = (daily: number | null, monthly: number | null): PeriodBudget => ({
    dailyUsd: daily ?? config.budgets.dailyUsd ?? null,
    monthlyUsd: monthly ?? config.budgets.monthlyUsd ?? null,
  });

  app.get(
    '/api/v1/auth/me/usage',
    {
      schema: {
        tags: ['auth'],
        summary: "The caller's spend in USD today and this month (UTC) against their budgets, and their API keys'",
        response: { 200: pair.extend({ user_id: z.string(), keys: z.array(pair.extend({ id: z.string(), prefix: z.string(), name: z.string() })) }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      const [user, keys] = await Promise.all([app.repos.users.byId(p.userId), app.repos.apiKeys.list({ userId: p.userId })]);
      const limits = userLimits(user?.budgetUsdDaily ?? null, user?.budgetUsdMonthly ?? null);
      const mine = await guard.status({ userId: p.userId }, { user: limits });
      const active = keys.filter((k) => !k.revokedAt);
      const perKey = await Promise.all(
        active.map(async (k) => {
          const s = await guard.status({ userId: p.userId, apiKeyId: k.id }, { user: limits, key: { dailyUsd: k.budgetUsdDaily, monthlyUsd: k.budgetUsdMonthly } });
          return { id: k.id, prefix: k.prefix, name: k.name, ...(s.key ?? s.user) };
        }),
      );
      return { user_id: p.userId, ...mine.user, keys: perKey };
    },
  );

  app.get(
    '/api/v1/analytics/spend',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['analytics'],
        summary: "Every user's spend in USD today and this month (UTC) against their budget",
        response: {
          200: z.object({
            defaults: z.object({ budget_usd_daily: z.number().nullable(), budget_usd_monthly: z.number().nullable() }),
            users: z.array(pair.extend({ user_id: z.string(), username: z.string() })),
          }),
          '4xx': errorSchema,
          '5xx': errorSchema,
        },
      },
    },
    async () => {
      const users = (await app.repos.users.list()).filter((u) => u.isActive);
      const rows = await Promise.all(
        users.map(async (u) => {
          const s = await guard.status({ userId: u.id }, { user: userLimits(u.budgetUsdDaily, u.budgetUsdMonthly) });
          return { user_id: u.id, username: u.username, ...s.user };
        }),
      );
      // Most spent first: the question is who is close to a limit.
      rows.sort((a, b) => b.monthly.spent_usd - a.monthly.spent_usd || a.username.localeCompare(b.username));
      return { defaults: { budget_usd_daily: config.budgets.dailyUsd ?? null, budget_usd_monthly: config.budgets.monthlyUsd ?? null }, users: rows };
    },
  );
};
