import { isoDate } from '../sim-clock';
import { flag, ok, powensError, type SimResult } from '../sim-http';
import { renderAccount, renderTransaction } from '../sim-render';
import type { RouteContext, RouteDefinition } from '../sim-state';
import { parseTransactionQuery, selectTransactions } from '../sim-transaction-query';
import type { SimTransaction } from '../sim-types';

const USER = '(?:me|\\d+)';

const noAccount = (): SimResult =>
  powensError(400, 'noAccount', 'No bank account is available for this user');

function listAccounts(context: RouteContext): SimResult {
  const accounts = context.state.store.accountsOf(
    context.token.userId,
    flag(context.request.query, 'all'),
  );
  if (accounts.length === 0) return noAccount();
  const balances: Record<string, number> = {};
  for (const account of accounts) {
    if (account.deleted !== null || account.disabled !== null) continue;
    balances[account.currency] =
      Math.round(((balances[account.currency] ?? 0) + account.balance) * 100) / 100;
  }
  return ok({ accounts: accounts.map(renderAccount), balances });
}

function getAccount(context: RouteContext): SimResult {
  const account = context.state.store.account(Number(context.params.id));
  if (!account || account.userId !== context.token.userId) {
    return powensError(404, 'notFound', `Account ${context.params.id} not found`);
  }
  return ok(renderAccount(account));
}

/** The rows a list may see: the user's, narrowed to one account or one connection. */
function scope(context: RouteContext): SimTransaction[] {
  const { store } = context.state;
  const rows = store.transactionsOf(context.token.userId);
  if (context.params.account !== undefined) {
    return rows.filter((tx) => tx.accountId === Number(context.params.account));
  }
  if (context.params.connection !== undefined) {
    const accountIds = new Set(
      store.accountsOfConnection(Number(context.params.connection)).map((a) => a.id),
    );
    return rows.filter((tx) => accountIds.has(tx.accountId));
  }
  return rows;
}

function listTransactions(context: RouteContext): SimResult {
  if (context.state.store.accountsOf(context.token.userId, true).length === 0) return noAccount();
  const query = parseTransactionQuery(context.request.query);
  if ('problem' in query) return powensError(400, query.code, query.problem);
  const matching = selectTransactions(scope(context), query);
  const page = matching.slice(query.offset, query.offset + query.limit);
  const today = isoDate(context.state.clock.now());
  const dates = (rows: readonly SimTransaction[]) => rows.map((tx) => tx.date).sort();
  const all = dates(matching);
  const shown = dates(page);
  return ok({
    transactions: page.map(renderTransaction),
    first_date: all[0] ?? today,
    last_date: all.at(-1) ?? today,
    result_min_date: shown[0] ?? today,
    result_max_date: shown.at(-1) ?? today,
    total: matching.length,
    _links: links(context, query.offset, query.limit, matching.length),
  });
}

function links(context: RouteContext, offset: number, limit: number, total: number) {
  const href = (at: number): { href: string } => {
    const query = new URLSearchParams(context.request.query);
    query.set('offset', String(at));
    query.set('limit', String(limit));
    return { href: `${context.request.path}?${query.toString()}` };
  };
  return {
    self: href(offset),
    next: offset + limit < total ? href(offset + limit) : null,
    prev: offset > 0 ? href(Math.max(0, offset - limit)) : null,
  };
}

export const DATA_ROUTES: readonly RouteDefinition[] = [
  {
    name: 'accounts.list',
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}/accounts$`),
    auth: true,
    handle: listAccounts,
  },
  {
    name: 'accounts.get',
    method: 'GET',
    pattern: new RegExp(`^/users/${USER}/accounts/(?<id>\\d+)$`),
    auth: true,
    handle: getAccount,
  },
  {
    name: 'transactions.list',
    method: 'GET',
    pattern: new RegExp(
      `^/users/${USER}(?:/accounts/(?<account>\\d+)|/connections/(?<connection>\\d+))?/transactions$`,
    ),
    auth: true,
    handle: listTransactions,
  },
];
