import { renderAccount, renderTransaction } from '../sim-render';
import { ISO_DATE, ok, tinkError, type SimResult } from '../sim-http';
import { decodePageToken, encodePageToken } from '../sim-page-token';
import { queryTransactions } from '../sim-transaction-query';
import type { RouteContext, RouteDefinition } from '../sim-state';
import type { SimAccount, TransactionStatus } from '../sim-types';
import { readPageSize } from './pagination';

function lastRefreshed(context: RouteContext, account: SimAccount): number {
  const credential = context.state.store.credential(account.credentialId);
  if (!credential) return account.createdAt;
  return context.state.refresh.settle(credential).updated ?? account.createdAt;
}

function userAccounts(context: RouteContext): SimAccount[] {
  return context.state.store.accountsOf(context.token?.userId ?? '');
}

function listAccounts(context: RouteContext): SimResult {
  const { query } = context.request;
  const pageSize = readPageSize(query);
  if (typeof pageSize !== 'number') return pageSize;
  const idIn = query.getAll('idIn');
  const typesIn = query.getAll('typesIn');
  const fingerprint = `accounts|${[...idIn].sort().join(',')}|${[...typesIn].sort().join(',')}`;
  let afterId = '';
  const pageToken = query.get('pageToken');
  if (pageToken) {
    const cursor = decodePageToken(pageToken);
    if (!cursor || cursor.fingerprint !== fingerprint) {
      return tinkError(400, 'INVALID_PAGE_TOKEN', 'pageToken is not valid for this query');
    }
    afterId = cursor.key[0] ?? '';
  }
  const matching = userAccounts(context)
    .filter((a) => idIn.length === 0 || idIn.includes(a.id))
    .filter((a) => typesIn.length === 0 || typesIn.includes(a.type))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .filter((a) => a.id > afterId);
  const page = matching.slice(0, pageSize);
  const hasMore = matching.length > pageSize;
  return ok({
    accounts: page.map((a) =>
      renderAccount(a, lastRefreshed(context, a), context.state.unknownFields),
    ),
    nextPageToken: hasMore ? encodePageToken({ key: [page[page.length - 1].id], fingerprint }) : '',
  });
}

function getAccount(context: RouteContext): SimResult {
  const account = userAccounts(context).find((a) => a.id === context.params[0]);
  if (!account) return tinkError(404, 'ACCOUNT_NOT_FOUND', 'Account not found');
  return ok(renderAccount(account, lastRefreshed(context, account), context.state.unknownFields));
}

const STATUSES: ReadonlySet<string> = new Set(['BOOKED', 'PENDING']);

function listTransactions(context: RouteContext): SimResult {
  const { query } = context.request;
  const pageSize = readPageSize(query);
  if (typeof pageSize !== 'number') return pageSize;
  const statusIn = query.getAll('statusIn');
  if (statusIn.some((s) => !STATUSES.has(s))) {
    return tinkError(400, 'INVALID_PARAMETER', 'statusIn must be PENDING or BOOKED');
  }
  const gte = query.get('bookedDateGte') ?? undefined;
  const lte = query.get('bookedDateLte') ?? undefined;
  if ((gte !== undefined && !ISO_DATE.test(gte)) || (lte !== undefined && !ISO_DATE.test(lte))) {
    return tinkError(400, 'INVALID_PARAMETER', 'bookedDateGte/bookedDateLte must be YYYY-MM-DD');
  }
  const accountIdIn = query.getAll('accountIdIn');
  const accounts = userAccounts(context).filter(
    (a) => accountIdIn.length === 0 || accountIdIn.includes(a.id),
  );
  const fingerprint = [
    'transactions',
    accounts
      .map((a) => a.id)
      .sort()
      .join(','),
    [...statusIn].sort().join(','),
    gte ?? '',
    lte ?? '',
  ].join('|');

  let after: [string, string] | undefined;
  const pageToken = query.get('pageToken');
  if (pageToken) {
    const cursor = decodePageToken(pageToken);
    if (!cursor || cursor.fingerprint !== fingerprint || cursor.key.length !== 2) {
      return tinkError(400, 'INVALID_PAGE_TOKEN', 'pageToken is not valid for this query');
    }
    after = [cursor.key[0], cursor.key[1]];
  }
  const { store } = context.state;
  const page = queryTransactions({
    accounts: accounts.map((a) => store.transactionsOf(a.id)),
    statuses: statusIn.length > 0 ? new Set(statusIn as TransactionStatus[]) : undefined,
    bookedDateGte: gte,
    bookedDateLte: lte,
    after,
    pageSize,
  });
  const last = page.rows[page.rows.length - 1];
  return ok({
    transactions: page.rows.map((tx) => renderTransaction(tx, context.state.unknownFields)),
    nextPageToken:
      page.hasMore && last ? encodePageToken({ key: [last.bookedDate, last.id], fingerprint }) : '',
  });
}

export const dataRoutes: readonly RouteDefinition[] = [
  {
    name: 'accounts.list',
    method: 'GET',
    pattern: /^\/data\/v2\/accounts$/,
    auth: { kind: 'user', scope: 'accounts:read' },
    handle: listAccounts,
  },
  {
    name: 'accounts.get',
    method: 'GET',
    pattern: /^\/data\/v2\/accounts\/([^/]+)$/,
    auth: { kind: 'user', scope: 'accounts:read' },
    handle: getAccount,
  },
  {
    name: 'transactions.list',
    method: 'GET',
    pattern: /^\/data\/v2\/transactions$/,
    auth: { kind: 'user', scope: 'transactions:read' },
    handle: listTransactions,
  },
];
