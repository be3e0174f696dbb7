import { parseSqlDateTime } from './sim-clock';
import { flag } from './sim-http';
import type { SimTransaction } from './sim-types';

export const MAX_LIMIT = 1000;

export interface TransactionQuery {
  readonly limit: number;
  readonly offset: number;
  /** Inclusive YYYY-MM-DD bounds. */
  readonly minDate?: string;
  readonly maxDate?: string;
  /** Strictly after this epoch ms. */
  readonly updatedAfter?: number;
  /** `true`: deleted rows only; `false`: none; `undefined`: as `all` says. */
  readonly deleted?: boolean;
  readonly all: boolean;
}

/** Parses the list's query, or says what is wrong with it (Powens answers 400 `invalidValue`). */
export function parseTransactionQuery(
  query: URLSearchParams,
): TransactionQuery | { readonly problem: string; readonly code: string } {
  const limitText = query.get('limit');
  if (limitText === null) return { code: 'missingParameter', problem: 'limit is required' };
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return { code: 'invalidValue', problem: `limit must be an integer from 1 to ${MAX_LIMIT}` };
  }
  const offset = Number(query.get('offset') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) {
    return { code: 'invalidValue', problem: 'offset must be a non-negative integer' };
  }
  const minDate = calendarBound(query.get('min_date'), 'start');
  const maxDate = calendarBound(query.get('max_date'), 'end');
  if (minDate === null || maxDate === null) {
    return { code: 'invalidValue', problem: 'dates must be YYYY-MM-DD, YYYY-MM or YYYY' };
  }
  // `filter` picks `date` or `application_date`; they are the same day in the simulator.
  const filter = query.get('filter');
  if (filter !== null && filter !== 'date' && filter !== 'application_date') {
    return { code: 'invalidValue', problem: 'filter must be date or application_date' };
  }
  const lastUpdate = query.get('last_update');
  const updatedAfter = lastUpdate === null ? undefined : parseSqlDateTime(lastUpdate);
  if (lastUpdate !== null && updatedAfter === undefined) {
    return { code: 'invalidValue', problem: 'last_update must be YYYY-MM-DD HH:MM:SS' };
  }
  const deletedText = query.get('deleted');
  return {
    limit,
    offset,
    minDate,
    maxDate,
    updatedAfter,
    deleted: deletedText === null ? undefined : flag(query, 'deleted'),
    all: flag(query, 'all'),
  };
}

/** Matching rows, newest date first (ties: newest id first), before paging. */
export function selectTransactions(
  rows: readonly SimTransaction[],
  query: TransactionQuery,
): SimTransaction[] {
  return rows
    .filter((tx) => {
      if (query.deleted === true && tx.deleted === null) return false;
      if (query.deleted === false && tx.deleted !== null) return false;
      if (query.deleted === undefined && !query.all && tx.deleted !== null) return false;
      if (query.minDate !== undefined && tx.date < query.minDate) return false;
      if (query.maxDate !== undefined && tx.date > query.maxDate) return false;
      return query.updatedAfter === undefined || tx.lastUpdate > query.updatedAfter;
    })
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
}

/** `YYYY`, `YYYY-MM` or a date, widened to the first or last day; `null` when malformed. */
function calendarBound(text: string | null, side: 'start' | 'end'): string | undefined | null {
  if (text === null) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (/^\d{4}-\d{2}$/.test(text)) {
    if (side === 'start') return `${text}-01`;
    const [year, month] = text.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${text}-${String(lastDay).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(text)) return side === 'start' ? `${text}-01-01` : `${text}-12-31`;
  return null;
}
