import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { budgetStatus, checkBudget, createBudgetGuard, hasBudget, type BudgetExceededDetails, type BudgetLimits } from '../../src/limits/budget.js';
import { createMemorySpendBackend } from '../../src/limits/spend-backend.js';
import { periodOf, secondsUntilReset } from '../../src/limits/spend-periods.js';
import { createSpendStore, type Spend } from '../../src/limits/spend-store.js';

/** Budget arithmetic and the errors it throws: pure logic, and the guard over an in-memory store. */

const log = pino({ level: 'silent' });
const at = (iso: string) => new Date(iso);

/** Runs `fn`, expecting BUDGET_EXCEEDED; returns the error. */
function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected BUDGET_EXCEEDED');
}

describe('UTC periods', () => {
  it('turns at UTC midnight and on the first of the month, across the year', () => {
    expect(periodOf('day', at('2026-12-31T23:59:59.999Z'))).toEqual({ label: '2026-12-31', start: at('2026-12-31T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
    expect(periodOf('day', at('2027-01-01T00:00:00.000Z')).label).toBe('2027-01-01');
    expect(periodOf('month', at('2026-12-31T23:59:59.999Z'))).toEqual({ label: '2026-12', start: at('2026-12-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
    expect(periodOf('month', at('2028-02-29T12:00:00Z')).end).toEqual(at('2028-03-01T00:00:00Z'));
    expect(secondsUntilReset('day', at('2026-12-07T23:59:59.500Z'))).toBe(1);
    expect(secondsUntilReset('month', at('2026-12-31T00:00:00Z'))).toBe(86_400);
  });
});

describe('checkBudget', () => {
  const spend: Spend = { user: { day: 2, month: 40 }, key: { day: 0.5, month: 0.5 } };
  const now = at('2026-12-07T18:00:00Z');

  it('allows spend under every budget, and everything without budgets', () => {
    expect(() => checkBudget(spend, { user: { dailyUsd: 2.01, monthlyUsd: 100 }, key: { dailyUsd: 1 } }, now)).not.toThrow();
    expect(() => checkBudget(spend, { user: {} }, now)).not.toThrow();
    expect(hasBudget({ user: {} })).toBe(false);
    expect(hasBudget({ user: {}, key: { dailyUsd: 1 } })).toBe(false); // a key budget needs a key
    expect(hasBudget({ user: {}, key: { dailyUsd: 1 } }, 'k1')).toBe(true);
    expect(hasBudget({ user: { monthlyUsd: 0 } })).toBe(true);
  });

  it('refuses at the limit (spent ≥ limit) with 429, the budget, limit, spend, resets_at and Retry-After', () => {
    const err = refusal(() => checkBudget(spend, { user: { dailyUsd: 2 } }, now));
    expect(err.code).toBe('BUDGET_EXCEEDED');
    expect(err.status).toBe(429);
    expect(err.options.details).toEqual({ budget: 'user_daily', limit_usd: 2, spent_usd: 2, resets_at: '2026-12-08T00:00:00.000Z' } satisfies BudgetExceededDetails);
    expect(err.options.retryAfterS).toBe(6 * 3600);
    expect(err.message).toContain('daily budget of $2 for this user');
    expect(err.message).toContain('2026-12-08T00:00:00.000Z');
  });

  it("holds a key to its own budget, and names the month's reset when day and month are both used up", () => {
    const keyErr = refusal(() => checkBudget(spend, { user: { dailyUsd: 10 }, key: { monthlyUsd: 0.5 } }, now));
    expect(keyErr.options.details).toMatchObject({ budget: 'key_monthly', limit_usd: 0.5, resets_at: '2027-01-01T00:00:00.000Z' });
    expect(keyErr.message).toContain('this API key');

    const both = refusal(() => checkBudget(spend, { user: { dailyUsd: 1, monthlyUsd: 40 } }, now));
    expect((both.options.details as BudgetExceededDetails).budget).toBe('user_monthly');
    expect(both.options.retryAfterS).toBe((Date.parse('2027-01-01T00:00:00Z') - now.getTime()) / 1000);
  });

  it('a budget of 0 refuses everything', () => {
    expect(refusal(() => checkBudget({ user: { day: 0, month: 0 } }, { user: { monthlyUsd: 0 } }, now)).code).toBe('BUDGET_EXCEEDED');
  });
});

describe('budgetStatus', () => {
  it('shows spend, limit, what remains and when each resets; no limit is null', () => {
    const status = budgetStatus({ user: { day: 0.3, month: 1.2 }, key: { day: 0.1, month: 0.1 } }, { user: { dailyUsd: 1, monthlyUsd: 1 }, key: null }, at('2026-12-07T10:00:00Z'));
    expect(status).toEqual({
      user: {
        daily: { spent_usd: 0.3, limit_usd: 1, remaining_usd: 0.7, resets_at: '2026-12-08T00:00:00.000Z' },
        monthly: { spent_usd: 1.2, limit_usd: 1, remaining_usd: 0, resets_at: '2027-01-01T00:00:00.000Z' },
      },
      key: {
        daily: { spent_usd: 0.1, limit_usd: null, remaining_usd: null, resets_at: '2026-12-08T00:00:00.000Z' },
        monthly: { spent_usd: 0.1, limit_usd: null, remaining_usd: null, resets_at: '2027-01-01T00:00:00.000Z' },
      },
    });
  });
});

describe('budget guard over the in-memory store', () => {
  const limits: BudgetLimits = { user: { dailyUsd: 0.01 } };

  it('allows until the recorded costs add up to the budget, then refuses; the next day allows again', async () => {
    const store = createSpendStore({ backend: createMemorySpendBackend(), orgId: 'o', log });
    const guard = createBudgetGuard({ store, log });
    const day1 = at('2026-12-07T12:00:00Z');
    for (let i = 0; i < 4; i++) {
      await guard.check({ userId: 'u' }, limits, day1);
      await store.add({ userId: 'u', costUsd: 0.0025, at: day1 });
    }
    await expect(guard.check({ userId: 'u' }, limits, day1)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', status: 429 });
    await expect(guard.check({ userId: 'other' }, limits, day1)).resolves.toBeUndefined();
    await expect(guard.check({ userId: 'u' }, limits, at('2026-12-08T00:00:00Z'))).resolves.toBeUndefined();
  });

  it('costs no read without a budget: check returns synchronously', () => {
    const store = createSpendStore({ backend: createMemorySpendBackend(), orgId: 'o', log });
    expect(createBudgetGuard({ store, log }).check({ userId: 'u', apiKeyId: 'k' }, { user: {}, key: {} })).toBeUndefined();
  });
});

describe('in-memory spend backend', () => {
  it('lets counters expire like Redis keys, and a raise starts a counter with a fresh TTL', async () => {
    let clock = 0;
    const backend = createMemorySpendBackend(() => clock);
    await backend.add([{ key: 'a', micros: 5, ttlS: 10 }]);
    clock = 9_000;
    await backend.add([{ key: 'a', micros: 1, ttlS: 10 }]); // keeps its first expiry, as INCRBY on a live key does
    expect(await backend.read(['a', 'missing'])).toEqual([6, 0]);
    clock = 10_000;
    expect(await backend.read(['a'])).toEqual([0]);
    expect(await backend.raise([{ key: 'a', micros: 3, ttlS: 10 }, { key: 'b', micros: 0, ttlS: 10 }])).toBe(1);
    clock = 19_999;
    expect(await backend.read(['a'])).toEqual([3]);
  });
});
