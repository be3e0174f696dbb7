import {
  BUDGET_WINDOW_MS,
  budgetNow,
  planAccountCalls,
  scheduledFiresBefore,
  smallestSustainableIntervalHours,
  type Budget,
  type PlanInput,
} from './budget-plan';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const full: Budget = { limit: 4, remaining: 4, resetsAt: null };

const input = (changes: Partial<PlanInput> = {}): PlanInput => ({
  now: NOW,
  userPresent: false,
  intervalMs: 24 * HOUR,
  nextScheduledRun: new Date(NOW.getTime() + 6 * HOUR),
  transactions: full,
  balances: full,
  details: full,
  detailsRead: true,
  transactionsReads: 1,
  balancesEvery: 2,
  ...changes,
});

describe('budgetNow', () => {
  it('counts finsync’s own successful calls over the rolling 24 h', () => {
    const calls = [NOW.getTime() - 25 * HOUR, NOW.getTime() - 3 * HOUR, NOW.getTime() - HOUR];
    expect(
      budgetNow({ callLimit: null, remaining: null, resetsAt: null, recentCalls: calls }, 4, NOW),
    ).toEqual({ limit: 4, remaining: 2, resetsAt: new Date(calls[1] + BUDGET_WINDOW_MS) });
  });

  it('frees the oldest call of the window first when all are spent', () => {
    const calls = [1, 2, 3, 4].map((h) => NOW.getTime() - h * HOUR);
    const budget = budgetNow(
      { callLimit: 4, remaining: null, resetsAt: null, recentCalls: calls },
      4,
      NOW,
    );
    expect(budget.remaining).toBe(0);
    expect(budget.resetsAt).toEqual(new Date(NOW.getTime() - 4 * HOUR + BUDGET_WINDOW_MS));
  });

  it('lets headers lower the count until their reset (another client spent some)', () => {
    const resetsAt = new Date(NOW.getTime() + HOUR);
    expect(budgetNow({ callLimit: 4, remaining: 0, resetsAt, recentCalls: [] }, 4, NOW)).toEqual({
      limit: 4,
      remaining: 0,
      resetsAt,
    });
    expect(
      budgetNow(
        { callLimit: 4, remaining: 0, resetsAt: new Date(NOW.getTime() - 1), recentCalls: [] },
        4,
        NOW,
      ).remaining,
    ).toBe(4);
  });
});

describe('planAccountCalls', () => {
  it('reads transactions on a scheduled sync while one call is left', () => {
    expect(planAccountCalls(input({ transactions: { ...full, remaining: 1 } })).transactions).toBe(
      true,
    );
  });

  it('keeps the calls still-due scheduled syncs need from a person’s refresh', () => {
    const resetsAt = new Date(NOW.getTime() + 20 * HOUR);
    const plan = planAccountCalls(
      input({
        userPresent: true,
        intervalMs: 6 * HOUR,
        transactions: { limit: 4, remaining: 3, resetsAt },
      }),
    );
    // Fires at +6, +12 and +18 h fall before the reset: all 3 calls are theirs.
    expect(plan).toEqual({
      transactions: false,
      balances: false,
      details: false,
      retryAt: resetsAt,
    });
    expect(
      planAccountCalls(
        input({ userPresent: true, transactions: { limit: 4, remaining: 3, resetsAt } }),
      ).transactions,
    ).toBe(true);
  });

  it('answers when the budget frees up once none is left', () => {
    const resetsAt = new Date(NOW.getTime() + 2 * HOUR);
    expect(
      planAccountCalls(input({ transactions: { limit: 4, remaining: 0, resetsAt } })).retryAt,
    ).toEqual(resetsAt);
  });

  it('reads balances with every other transactions read and details once per consent', () => {
    expect(planAccountCalls(input({ transactionsReads: 0, detailsRead: false }))).toMatchObject({
      balances: true,
      details: true,
    });
    expect(planAccountCalls(input({ transactionsReads: 1 }))).toMatchObject({
      balances: false,
      details: false,
    });
    expect(planAccountCalls(input({ transactionsReads: 2 })).balances).toBe(true);
    expect(
      planAccountCalls(input({ transactionsReads: 2, balances: { ...full, remaining: 0 } }))
        .balances,
    ).toBe(false);
  });
});

describe('schedule arithmetic', () => {
  it('counts the fires before an instant', () => {
    const next = new Date(NOW.getTime() + HOUR);
    expect(scheduledFiresBefore(next, 6 * HOUR, NOW, new Date(NOW.getTime() + 14 * HOUR))).toBe(3);
    expect(scheduledFiresBefore(null, 6 * HOUR, NOW, new Date(NOW.getTime() + 14 * HOUR))).toBe(0);
  });

  it('names the smallest interval a daily budget sustains', () => {
    expect(smallestSustainableIntervalHours(4)).toBe(6);
    expect(smallestSustainableIntervalHours(10)).toBe(3);
  });
});
