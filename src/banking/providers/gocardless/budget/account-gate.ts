import { HttpClientError } from '../../../../infra/http-client';
import type { AccountBudget } from '../../../sync/bank-sync-provider.port';
import { budgetNow, planAccountCalls, type AccountPlan, type Budget } from './budget-plan';
import type { AccountBook } from './gocardless-budget.store';
import { BUDGET_SCOPES, type BudgetScope } from './gocardless-budget.entity';

/** GoCardless suspends an account after 10 failed calls in a row; finsync stops well before. */
export const SUSPENSION_GUARD_FAILURES = 8;

/** Account statuses in which no data call can succeed. */
export const STOPPED_STATUSES = new Set(['ERROR', 'SUSPENDED']);

export interface GateSettings {
  readonly defaultLimit: number;
  readonly balancesEvery: number;
}

export interface ScheduleState {
  readonly intervalMs: number;
  readonly nextRun: Date | null;
}

export type AccountVerdict =
  | { readonly read: true; readonly plan: AccountPlan }
  | { readonly read: false; readonly reason: string; readonly retryAt: Date | null };

/** Whether an account may be read now, and which scopes: nothing is called that cannot succeed. */
export function judgeAccount(
  book: AccountBook,
  now: Date,
  userPresent: boolean,
  schedule: ScheduleState,
  settings: GateSettings,
): AccountVerdict {
  const { state } = book;
  if (state.stoppedReason) return { read: false, reason: state.stoppedReason, retryAt: null };
  if (state.circuitOpenUntil && state.circuitOpenUntil.getTime() > now.getTime()) {
    return {
      read: false,
      reason: `${state.consecutiveFailures} failed calls in a row; circuit open`,
      retryAt: state.circuitOpenUntil,
    };
  }
  const budget = (scope: BudgetScope): Budget =>
    budgetNow(book.budgets.get(scope) ?? null, settings.defaultLimit, now);
  const plan = planAccountCalls({
    now,
    userPresent,
    intervalMs: schedule.intervalMs,
    nextScheduledRun: schedule.nextRun,
    transactions: budget('transactions'),
    balances: budget('balances'),
    details: budget('details'),
    detailsRead: state.detailsReadAt !== null,
    transactionsReads: state.transactionsReads,
    balancesEvery: settings.balancesEvery,
  });
  if (!plan.transactions) {
    return { read: false, reason: 'transactions budget spent', retryAt: plan.retryAt };
  }
  return { read: true, plan };
}

/** The budgets to show for one account. */
export function budgetViews(book: AccountBook, now: Date, defaultLimit: number): AccountBudget[] {
  return BUDGET_SCOPES.map((scope) => {
    const budget = budgetNow(book.budgets.get(scope) ?? null, defaultLimit, now);
    return {
      account: book.state.accountId,
      scope,
      limit: budget.limit,
      remaining: budget.remaining,
      resetsAt: budget.resetsAt,
      stoppedReason: book.state.stoppedReason,
    };
  });
}

/**
 * Whether GoCardless counts this failure towards the account's suspension: 429 and 503 do not,
 * nor does a call that never got an answer; the rest (500, access errors, ...) do.
 */
export function countsTowardSuspension(error: unknown): boolean {
  if (!(error instanceof HttpClientError)) return false;
  const status = error.status;
  return status !== undefined && status !== 429 && status !== 503;
}
