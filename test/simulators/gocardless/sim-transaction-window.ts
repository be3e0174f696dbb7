import { addDays } from './sim-clock';
import { dateRangeError } from './sim-errors';
import { ISO_DATE, type SimResult } from './sim-http';

export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

export interface WindowLimits {
  readonly today: string;
  /** The institution's `transaction_total_days`: how far back the bank keeps anything. */
  readonly bankHistoryDays: number;
  /** The EUA's `max_historical_days`: how far back this consent reaches. */
  readonly agreementHistoryDays: number;
  /** What a `date_from` before the bank's history gets: a 400, or the oldest date it has. */
  readonly beyondBankHistory: 'reject' | 'clip';
}

/**
 * Reads `date_from`/`date_to` (both optional). A `date_from` older than the EUA allows is clipped to
 * it (§1.4); older than the bank's history, it is refused with a DateRangeError unless set to clip.
 */
export function transactionWindow(
  query: URLSearchParams,
  limits: WindowLimits,
): DateWindow | SimResult {
  const dateFrom = query.get('date_from');
  const dateTo = query.get('date_to');
  for (const [name, value] of [
    ['date_from', dateFrom],
    ['date_to', dateTo],
  ] as const) {
    if (value !== null && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      return dateRangeError(`${name} must be a date in the format YYYY-MM-DD, got '${value}'`);
    }
  }
  const oldestInBank = addDays(limits.today, -limits.bankHistoryDays);
  const oldestInAgreement = addDays(limits.today, -limits.agreementHistoryDays);
  const oldestAllowed = oldestInBank > oldestInAgreement ? oldestInBank : oldestInAgreement;
  const to = dateTo ?? limits.today;
  if (dateFrom !== null && dateFrom < oldestInBank && limits.beyondBankHistory === 'reject') {
    return dateRangeError(
      `date_from ${dateFrom} is older than this institution's transaction history of ${limits.bankHistoryDays} days (${oldestInBank})`,
    );
  }
  const from = dateFrom === null || dateFrom < oldestAllowed ? oldestAllowed : dateFrom;
  if (dateFrom !== null && dateTo !== null && dateFrom > dateTo) {
    return dateRangeError(`date_from ${dateFrom} is after date_to ${dateTo}`);
  }
  return { from, to };
}

export function isWindow(value: DateWindow | SimResult): value is DateWindow {
  return 'from' in value;
}
