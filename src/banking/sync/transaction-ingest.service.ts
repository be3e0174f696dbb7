import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mayBeArchived } from '../archive/archive-cutoff';
import { ArchiveHorizonService } from '../archive/archive-horizon.service';
import type { RejectedTransaction } from './bank-sync-provider.port';
import type { ProviderTransaction } from './bank-sync.types';
import {
  type IngestPlan,
  isEmptyPlan,
  planIngest,
  type StoredTransactionRef,
  withoutInserts,
} from './ingest-plan';
import { prepareTransactions } from './prepared-transaction';
import { createTransactionStore, type TransactionStore } from './transaction-store';

export interface IngestStats {
  inserted: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Rows the provider sent that could not be stored (reported, never silently dropped). */
  rejected: number;
}

export const EMPTY_INGEST_STATS: Readonly<IngestStats> = {
  inserted: 0,
  updated: 0,
  removed: 0,
  unchanged: 0,
  rejected: 0,
};

export function addIngestStats(a: IngestStats, b: IngestStats): IngestStats {
  return {
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    removed: a.removed + b.removed,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
  };
}

export interface AccountIngest {
  readonly accountId: number;
  /** The window the provider was asked for (YYYY-MM-DD, inclusive). */
  readonly since: string;
  readonly transactions: readonly ProviderTransaction[];
  /** Keys the adapter could not map. */
  readonly rejected: readonly RejectedTransaction[];
}

/**
 * Idempotent ingest of one account's transactions for a window: diff against what is stored, then
 * write only the differences in one database transaction. Unchanged data writes nothing.
 */
@Injectable()
export class TransactionIngestService {
  private readonly store: TransactionStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly archive: ArchiveHorizonService,
  ) {
    this.store = createTransactionStore(dataSource);
  }

  earliestPendingDates(accountIds: readonly number[]): Promise<Map<number, string>> {
    return this.store.earliestPendingDates(accountIds);
  }

  async ingestAccount(input: AccountIngest): Promise<IngestStats> {
    const prepared = prepareTransactions(input.transactions);
    const stored = await this.storedRowsFor(input.accountId, input.since, prepared.rows);
    const unstorable = [...input.rejected, ...prepared.rejected];
    const plan = await this.withoutArchived(
      input.accountId,
      planIngest(stored, prepared.rows, new Set(unstorable.map((r) => r.providerTxKey))),
    );
    if (!isEmptyPlan(plan)) await this.store.apply(input.accountId, plan);
    return {
      inserted: plan.inserts.length,
      updated: plan.updates.length + plan.rekeys.length,
      removed: plan.removals.length,
      unchanged: plan.unchanged,
      rejected: unstorable.length,
    };
  }

  /**
   * Rows the archive holds are not inserted again (they count as unchanged). Only new rows old
   * enough to be archived are looked up, so recent rows, the whole of a usual sync, cost nothing.
   */
  private async withoutArchived(accountId: number, plan: IngestPlan): Promise<IngestPlan> {
    if (plan.inserts.length === 0) return plan;
    const horizon = await this.archive.current();
    const old = plan.inserts
      .filter((row) => mayBeArchived(row.bookingDate, horizon))
      .map((row) => row.providerTxKey);
    if (old.length === 0) return plan;
    return withoutInserts(plan, await this.store.archivedKeys(accountId, old));
  }

  /**
   * The stored window, plus any row the provider sent from before it (providers that ignore the
   * date filter, or a pending row whose expected date moved back), so those update rather than
   * count as new.
   */
  private async storedRowsFor(
    accountId: number,
    since: string,
    rows: readonly { providerTxKey: string; bookingDate: string }[],
  ): Promise<StoredTransactionRef[]> {
    const stored = await this.store.loadWindow(accountId, since);
    const earlierKeys = rows.filter((row) => row.bookingDate < since).map((r) => r.providerTxKey);
    if (earlierKeys.length === 0) return stored;
    const seen = new Set(stored.map((row) => row.id));
    const earlier = await this.store.loadByKeys(accountId, earlierKeys);
    return [...stored, ...earlier.filter((row) => !seen.has(row.id))];
  }
}
