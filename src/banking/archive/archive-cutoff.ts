import { addDays, isoDateOf } from '../sync/iso-dates';

/**
 * The first booking date that stays in `transactions` (YYYY-MM-DD, UTC): booked rows dated before
 * it are archived. Moves forward one day a day, so every archived row stays older than it.
 */
export function archiveCutoff(now: Date, afterDays: number): string {
  return addDays(isoDateOf(now), -afterDays);
}

/** What ingest knows of the archive: rows dated before `cutoff`, or on or before `newestArchived`. */
export interface ArchiveHorizon {
  readonly cutoff: string;
  /** Booking date of the newest archived row; null while the archive is empty. */
  readonly newestArchived: string | null;
}

/**
 * Whether a row with this booking date could be in the archive. `newestArchived` covers rows
 * archived under a smaller TRANSACTION_ARCHIVE_AFTER_DAYS than the current one.
 */
export function mayBeArchived(bookingDate: string, horizon: ArchiveHorizon): boolean {
  return (
    bookingDate < horizon.cutoff ||
    (horizon.newestArchived !== null && bookingDate <= horizon.newestArchived)
  );
}
