import { periodName } from '../sim-api-limits';
import { agreementOfAccount, settleAgreement } from '../sim-consent';
import { accountNotFound, institutionRateLimit, invalidId, rateLimitExceeded } from '../sim-errors';
import { ok, type SimResult } from '../sim-http';
import { UUID } from '../sim-ids';
import { findInstitution, historyDaysOf } from '../sim-institutions';
import {
  renderAccountMetadata,
  renderBalances,
  renderDetails,
  renderTransactions,
} from '../sim-render';
import type { RouteContext, RouteDefinition, SimState } from '../sim-state';
import { isWindow, transactionWindow, type DateWindow } from '../sim-transaction-window';
import type { DataScope, SimAccount } from '../sim-types';
import { isResult } from './lookup';

export const accountRoutes: readonly RouteDefinition[] = [
  {
    name: 'accounts.metadata',
    method: 'GET',
    pattern: /^\/api\/v2\/accounts\/([^/]+)\/$/,
    bucket: 'accounts',
    auth: true,
    handle: ({ params, state }) => {
      const account = findAccount(state, params[0]);
      if (isResult(account)) return account;
      const agreement = agreementOfAccount(state.store, account.id);
      if (agreement) settleAgreement(state.store, agreement, state.clock.now());
      return ok(renderAccountMetadata(account));
    },
  },
  dataRoute('details', 'accounts.details', (account) => renderDetails(account)),
  dataRoute('balances', 'accounts.balances', (account, { state }) =>
    renderBalances(account, state.clock.now()),
  ),
  dataRoute('transactions', 'accounts.transactions', (account, { state }, window) => {
    state.fetchNumber += 1;
    return renderTransactions(account, state.store.transactionsOf(account.id), window, {
      unknownFields: state.settings.unknownFields,
      fetchNumber: state.fetchNumber,
    });
  }),
];

/**
 * A bank call of one scope. Order: refusals that need no bank (suspended, consent gone, scope
 * missing, not ready), the request's own validity, the per-account success limit, the bank's
 * answer. Only a success is counted against the limit.
 */
function dataRoute(
  scope: DataScope,
  name: RouteDefinition['name'],
  render: (account: SimAccount, context: RouteContext, window: DateWindow) => unknown,
): RouteDefinition {
  return {
    name,
    method: 'GET',
    pattern: new RegExp(`^/api/v2/accounts/([^/]+)/${scope}/$`),
    bucket: 'accounts',
    auth: true,
    scope,
    handle: (context) => {
      const { state, params, request } = context;
      const account = findAccount(state, params[0]);
      if (isResult(account)) return account;
      const refusal = state.access.refusal(account, scope);
      if (refusal) return refusal;
      const window = requestedWindow(state, account, request.query, scope);
      if (!isWindow(window)) return window;
      const limit = state.accountLimits.state(account.id, scope, account.successLimit);
      if (limit.remaining === 0) {
        state.counters.rateLimited.accountSuccess += 1;
        return state.settings.accountLimitBody === 'institution'
          ? institutionRateLimit(scope)
          : rateLimitExceeded(limit.limit, periodName(86_400), limit.resetSeconds);
      }
      const failure = state.access.bankFailure(account, scope);
      if (failure) {
        if (failure.status === 429) state.counters.rateLimited.bank += 1;
        return failure;
      }
      const body = render(account, context, window);
      state.accountLimits.recordSuccess(account.id, scope);
      state.access.recordSuccess(account);
      const successes = (state.counters.accountSuccesses[account.id] ??= {});
      successes[scope] = (successes[scope] ?? 0) + 1;
      return ok(body);
    },
  };
}

function findAccount(state: SimState, id: string): SimAccount | SimResult {
  if (!UUID.test(id)) return invalidId(id);
  return state.store.account(id) ?? accountNotFound(id);
}

/** Only the transactions scope reads dates; the others get a window that is never used. */
function requestedWindow(
  state: SimState,
  account: SimAccount,
  query: URLSearchParams,
  scope: DataScope,
): DateWindow | SimResult {
  const today = state.clock.today();
  if (scope !== 'transactions') return { from: today, to: today };
  const institution = findInstitution(account.institutionId);
  const bankHistoryDays = institution ? historyDaysOf(institution) : 90;
  return transactionWindow(query, {
    today,
    bankHistoryDays,
    agreementHistoryDays:
      agreementOfAccount(state.store, account.id)?.maxHistoricalDays ?? bankHistoryDays,
    beyondBankHistory: state.settings.beyondBankHistory,
  });
}
