/** GoCardless counts successful calls per account and scope over a rolling 24 h. */
export const BUDGET_WINDOW_MS = 24 * 3_600_000;

/** A scope's budget as stored: the last headers' word, and finsync's own successful calls. */
export interface StoredBudget {
  readonly callLimit: number | null;
  readonly remaining: number | null;
  readonly resetsAt: Date | null;
  readonly recentCalls: readonly number[];
}

/** What is left now. `resetsAt`: when one more call frees up (null while nothing is spent). */
export interface Budget {
  readonly limit: number;
  readonly remaining: number;
  readonly resetsAt: Date | null;
}

/**
 * The budget left now: finsync's own count over the rolling window, lowered by what the last
 * answer's headers said while their reset has not come. The smaller one wins, so neither a
 * restart nor another client of the same account can make finsync overspend.
 */
export function budgetNow(stored: StoredBudget | null, defaultLimit: number, now: Date): Budget {
  const at = now.getTime();
  const limit = stored?.callLimit ?? defaultLimit;
  const recent = (stored?.recentCalls ?? [])
    .filter((t) => t > at - BUDGET_WINDOW_MS)
    .sort((a, b) => a - b);
  let remaining = Math.max(0, limit - recent.length);
  // The next call to leave the window frees one more: the oldest of the last `limit` calls.
  const freeing = recent.length >= limit ? recent[recent.length - limit] : recent[0];
  let resetsAt = freeing === undefined ? null : new Date(freeing + BUDGET_WINDOW_MS);
  const headerFresh = stored?.resetsAt && stored.resetsAt.getTime() > at;
  if (headerFresh && stored.remaining !== null && stored.remaining < remaining) {
    remaining = stored.remaining;
    resetsAt = stored.resetsAt;
  }
  return { limit, remaining, resetsAt };
}

/** Scheduled syncs per day at an interval; the smallest interval a daily budget sustains. */
export function syncsPerDay(intervalMs: number): number {
  return Math.max(1, Math.ceil(BUDGET_WINDOW_MS / intervalMs));
}

/** The shortest sync interval (whole hours) at which every scheduled sync can read transactions. */
export function smallestSustainableIntervalHours(dailyLimit: number): number {
  return Math.ceil(24 / Math.max(1, dailyLimit));
}

/** Scheduled fires from `nextRun` on (every `intervalMs`) that fall before `until`. */
export function scheduledFiresBefore(
  nextRun: Date | null,
  intervalMs: number,
  now: Date,
  until: Date,
): number {
  if (!nextRun) return 0;
  let first = nextRun.getTime();
  if (first < now.getTime()) first = now.getTime();
  const span = until.getTime() - first;
  return span <= 0 ? 0 : Math.ceil(span / intervalMs);
}

export interface PlanInput {
  readonly now: Date;
  /** A person is waiting (manual refresh): leave what the schedule still needs today. */
  readonly userPresent: boolean;
  readonly intervalMs: number;
  /** The connection's next scheduled sync, if it has a task. */
  readonly nextScheduledRun: Date | null;
  readonly transactions: Budget;
  readonly balances: Budget;
  readonly details: Budget;
  readonly detailsRead: boolean;
  /** Transactions reads done so far on this consent. */
  readonly transactionsReads: number;
  readonly balancesEvery: number;
}

export interface AccountPlan {
  readonly transactions: boolean;
  readonly balances: boolean;
  readonly details: boolean;
  /** When transactions can be read again, if not now. */
  readonly retryAt: Date | null;
}

/**
 * One account's calls for one sync. Transactions are read when a call is left after keeping one
 * for each scheduled sync still due before the budget frees up (only a person's refresh keeps
 * them: the scheduled sync is one of them). Balances come with every `balancesEvery`-th
 * transactions read, details once per consent; neither is read when transactions are not.
 */
export function planAccountCalls(input: PlanInput): AccountPlan {
  const { transactions } = input;
  const horizon = transactions.resetsAt ?? new Date(input.now.getTime() + BUDGET_WINDOW_MS);
  const reserved = input.userPresent
    ? scheduledFiresBefore(input.nextScheduledRun, input.intervalMs, input.now, horizon)
    : 0;
  const canRead = transactions.remaining - reserved >= 1;
  if (!canRead) {
    return {
      transactions: false,
      balances: false,
      details: false,
      retryAt: horizon,
    };
  }
  return {
    transactions: true,
    balances: input.balances.remaining >= 1 && input.transactionsReads % input.balancesEvery === 0,
    details: !input.detailsRead && input.details.remaining >= 1,
    retryAt: null,
  };
}
