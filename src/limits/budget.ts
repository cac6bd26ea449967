import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import { periodOf, secondsUntilReset, type SpendPeriod } from './spend-periods.js';
import type { PeriodSpend, Spend, SpendStore, SpendSubject } from './spend-store.js';

/** A budget in USD per UTC day and month; null or absent: no limit. */
export interface PeriodBudget {
  dailyUsd?: number | null;
  monthlyUsd?: number | null;
}

/**
 * The budgets a request is held to: its user's (already resolved from the user's own value or the org default)
 * and its API key's own, on top.
 */
export interface BudgetLimits {
  user: PeriodBudget;
  key?: PeriodBudget | null;
}

export type BudgetName = 'user_daily' | 'user_monthly' | 'key_daily' | 'key_monthly';

/** The details of a BUDGET_EXCEEDED error: which budget, its limit, the spend, and when it resets. */
export interface BudgetExceededDetails {
  budget: BudgetName;
  limit_usd: number;
  spent_usd: number;
  resets_at: string;
}

export interface BudgetLine {
  spent_usd: number;
  limit_usd: number | null;
  remaining_usd: number | null;
  resets_at: string;
}

/** Spend against budget, as `GET /api/v1/auth/me/usage` and analytics show it. */
export interface BudgetStatus {
  user: { daily: BudgetLine; monthly: BudgetLine };
  key?: { daily: BudgetLine; monthly: BudgetLine };
}

/** Six decimals: the counters' micro-dollars, without the float noise of the division. */
const usd = (n: number): number => Math.round(n * 1e6) / 1e6;
const isLimit = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

interface Line {
  budget: BudgetName;
  scope: 'user' | 'key';
  period: SpendPeriod;
  limit: number | null | undefined;
  spent: number;
}

function linesOf(spend: Spend, limits: BudgetLimits): Line[] {
  const of = (scope: 'user' | 'key', s: PeriodSpend, b: PeriodBudget): Line[] => [
    { budget: `${scope}_daily`, scope, period: 'day', limit: b.dailyUsd, spent: s.day },
    { budget: `${scope}_monthly`, scope, period: 'month', limit: b.monthlyUsd, spent: s.month },
  ];
  return [...of('user', spend.user, limits.user), ...(spend.key && limits.key ? of('key', spend.key, limits.key) : [])];
}

/** Whether any budget applies; without one the check needs no read at all. */
export const hasBudget = (limits: BudgetLimits, apiKeyId?: string | null): boolean =>
  isLimit(limits.user.dailyUsd) || isLimit(limits.user.monthlyUsd) || (!!apiKeyId && !!limits.key && (isLimit(limits.key.dailyUsd) || isLimit(limits.key.monthlyUsd)));

/**
 * Throws BUDGET_EXCEEDED (429, Retry-After) when the spend has reached any budget: a request that would start past
 * its budget is refused, one that starts under it may end a little over (its cost is known only afterwards). When
 * several are used up it names the one that resets last, since that is when the request can go through again.
 */
export function checkBudget(spend: Spend, limits: BudgetLimits, now: Date): void {
  let worst: (Line & { limit: number }) | undefined;
  for (const line of linesOf(spend, limits)) {
    if (!isLimit(line.limit) || line.spent < line.limit) continue;
    if (!worst || periodOf(line.period, now).end > periodOf(worst.period, now).end) worst = { ...line, limit: line.limit };
  }
  if (!worst) return;
  const resetsAt = periodOf(worst.period, now).end.toISOString();
  const details: BudgetExceededDetails = { budget: worst.budget, limit_usd: usd(worst.limit), spent_usd: usd(worst.spent), resets_at: resetsAt };
  const whose = worst.scope === 'user' ? 'this user' : 'this API key';
  throw new AppError(
    'BUDGET_EXCEEDED',
    `${worst.period === 'day' ? 'daily' : 'monthly'} budget of $${details.limit_usd} for ${whose} is used up ($${details.spent_usd} spent); it resets at ${resetsAt}`,
    { details, retryAfterS: secondsUntilReset(worst.period, now) },
  );
}

/** Spend against every budget (null limit: none set), for display. */
export function budgetStatus(spend: Spend, limits: BudgetLimits, now: Date): BudgetStatus {
  const line = (spent: number, limit: number | null | undefined, period: SpendPeriod): BudgetLine => ({
    spent_usd: usd(spent),
    limit_usd: isLimit(limit) ? usd(limit) : null,
    remaining_usd: isLimit(limit) ? usd(Math.max(0, limit - spent)) : null,
    resets_at: periodOf(period, now).end.toISOString(),
  });
  const pair = (s: PeriodSpend, b: PeriodBudget) => ({ daily: line(s.day, b.dailyUsd, 'day'), monthly: line(s.month, b.monthlyUsd, 'month') });
  const status: BudgetStatus = { user: pair(spend.user, limits.user) };
  if (spend.key) status.key = pair(spend.key, limits.key ?? {});
  return status;
}

export interface BudgetGuardOptions {
  store: SpendStore;
  log: Logger;
  /** Where `status` reads spend when the store cannot answer (e.g. `spendFromDb` on the monitoring database). */
  fallback?: (subject: SpendSubject, now: Date) => Promise<Spend>;
}

/** The budget check of the request path and the usage read of the API, over the spend store. */
export function createBudgetGuard(opts: BudgetGuardOptions) {
  let failing = false;
  return {
    /**
     * Refuses the request (BUDGET_EXCEEDED) if its user or key has used up a budget. Synchronous and free without
     * a budget; otherwise one read of the spend counters. If that read fails (Redis down or slow past its command
     * timeout) the request is allowed: DESIGN §5 serves every request through a Redis outage, and a budget is a
     * cap on spend, not a security boundary, so an outage may let some spend past it (counted all the same, and
     * reconciled from the database once Redis is back). Logged once per outage.
     */
    check(subject: SpendSubject, limits: BudgetLimits, now: Date = new Date()): void | Promise<void> {
      if (!hasBudget(limits, subject.apiKeyId)) return;
      return opts.store.get(subject, now).then(
        (spend) => {
          if (failing) opts.log.info('budget checks read spend again');
          failing = false;
          checkBudget(spend, limits, now);
        },
        (err: unknown) => {
          if (!failing) opts.log.warn({ err: (err as Error).message }, 'spend unreadable: allowing requests without a budget check');
          failing = true;
        },
      );
    },

    /** Spend against budget for display; from `fallback` when the store cannot answer, else 503. */
    async status(subject: SpendSubject, limits: BudgetLimits, now: Date = new Date()): Promise<BudgetStatus> {
      let spend: Spend;
      try {
        spend = await opts.store.get(subject, now);
      } catch (err) {
        if (!opts.fallback) throw new AppError('SERVICE_UNAVAILABLE', 'spend figures are not available right now; retry shortly', { retryAfterS: 5, cause: err });
        spend = await opts.fallback(subject, now);
      }
      return budgetStatus(spend, limits, now);
    },
  };
}

export type BudgetGuard = ReturnType<typeof createBudgetGuard>;
