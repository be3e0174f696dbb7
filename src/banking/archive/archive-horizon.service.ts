import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/scheduling/clock';
import { isoDateFromDriver } from '../sync/iso-dates';
import { archiveCutoff, type ArchiveHorizon } from './archive-cutoff';
import { NEWEST_ARCHIVED_SQL } from './archive-sql';
import { transactionArchiveConfig, TransactionArchiveSettings } from './transaction-archive.config';

/** How long an instance trusts its reading of the newest archived date (the archive runs weekly). */
const NEWEST_ARCHIVED_TTL_MS = 60_000;

/**
 * Which booking dates the archive may hold, for ingest: the cutoff of today plus the newest
 * archived date, read at most once a minute (one index lookup), so ingest asks the archive about
 * old rows only and never about recent ones.
 */
@Injectable()
export class ArchiveHorizonService {
  private readonly settings: TransactionArchiveSettings;
  private newest: { value: Promise<string | null>; readAt: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.settings = config.get(transactionArchiveConfig);
  }

  /** The cutoff as of now: booked rows dated before it belong in the archive. */
  cutoff(): string {
    return archiveCutoff(this.clock.now(), this.settings.afterDays);
  }

  async current(): Promise<ArchiveHorizon> {
    return { cutoff: this.cutoff(), newestArchived: await this.newestArchived() };
  }

  /** The archive changed on this instance: read it again next time. */
  forget(): void {
    this.newest = null;
  }

  private newestArchived(): Promise<string | null> {
    const now = Date.now();
    if (!this.newest || now - this.newest.readAt > NEWEST_ARCHIVED_TTL_MS) {
      const value = this.dataSource
        .query(NEWEST_ARCHIVED_SQL)
        .then((rows: { newest: unknown }[]) => isoDateFromDriver(rows[0]?.newest));
      value.catch(() => this.forget());
      this.newest = { value, readAt: now };
    }
    return this.newest.value;
  }
}
