import { addDays, isoDateOf } from './iso-dates';

export interface WindowInput {
  /** YYYY-MM-DD (UTC). */
  readonly today: string;
  /** Start of the last sync that read the account completely; `null` before the first one. */
  readonly transactionsSyncedAt: Date | null;
  /** Expected booking date of the account's oldest stored pending row. */
  readonly earliestPendingDate: string | null;
  readonly historyDays: number;
  readonly overlapDays: number;
}

/**
 * First booking date to read for an account. A first sync reads the whole history window; later
 * ones re-read a few days before the last one (late bookings, corrections) and always every stored
 * pending row, so a pending row missing from the answer really is gone.
 */
export function transactionWindowStart(input: WindowInput): string {
  const historyStart = addDays(input.today, -input.historyDays);
  if (!input.transactionsSyncedAt) return historyStart;
  let start = addDays(isoDateOf(input.transactionsSyncedAt), -input.overlapDays);
  if (input.earliestPendingDate && input.earliestPendingDate < start) {
    start = input.earliestPendingDate;
  }
  return start < historyStart ? historyStart : start;
}
