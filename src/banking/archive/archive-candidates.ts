import type { DataSource } from 'typeorm';
import { ACCOUNT_CANDIDATES_SQL, ACCOUNT_PAGE_SQL } from './archive-sql';

const ACCOUNTS_PER_PAGE = 500;

/**
 * Chooses the archiver's batches: walks the accounts in id order and fills each batch with up to
 * `batchSize` archivable rows, taken from one account after another. Every read is a range of the
 * `(account_id, booking_date)` index, so no batch scans the whole table. Rows a batch moved are
 * gone, so an account stays current until it yields fewer rows than asked for.
 */
export class ArchiveCandidates {
  private accounts: number[] = [];
  private position = 0;
  private afterAccount = 0;
  private exhausted = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cutoff: string,
    private readonly batchSize: number,
  ) {}

  /** The ids of the next batch; empty when nothing archivable is left. */
  async nextBatch(): Promise<number[]> {
    const ids: number[] = [];
    while (ids.length < this.batchSize) {
      const accountId = await this.currentAccount();
      if (accountId === null) break;
      const wanted = this.batchSize - ids.length;
      const rows: { id: number | string }[] = await this.dataSource.query(ACCOUNT_CANDIDATES_SQL, [
        accountId,
        this.cutoff,
        wanted,
      ]);
      ids.push(...rows.map((row) => Number(row.id)));
      if (rows.length < wanted) this.position += 1;
    }
    return ids;
  }

  private async currentAccount(): Promise<number | null> {
    if (this.position < this.accounts.length) return this.accounts[this.position];
    if (this.exhausted) return null;
    const rows: { id: number | string }[] = await this.dataSource.query(ACCOUNT_PAGE_SQL, [
      this.afterAccount,
      ACCOUNTS_PER_PAGE,
    ]);
    this.accounts = rows.map((row) => Number(row.id));
    this.position = 0;
    if (this.accounts.length < ACCOUNTS_PER_PAGE) this.exhausted = true;
    if (this.accounts.length === 0) return null;
    this.afterAccount = this.accounts[this.accounts.length - 1];
    return this.accounts[0];
  }
}
