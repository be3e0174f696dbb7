import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { defineConfig } from '../../config/config-section';
import { toInteger } from '../../config/env-transforms';

/** Archiving of old transactions; `.env.example` documents the same list. */
class TransactionArchiveEnvironment {
  @Transform(toInteger)
  @Min(30)
  @Max(36_500)
  @IsInt()
  TRANSACTION_ARCHIVE_AFTER_DAYS = 730;

  /** Rows per database transaction; also bounds the statements' parameter lists. */
  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt()
  TRANSACTION_ARCHIVE_BATCH_SIZE = 5000;
}

export interface TransactionArchiveSettings {
  /** Booked transactions whose booking date is more than this many days ago move to the archive. */
  afterDays: number;
  batchSize: number;
}

export const transactionArchiveConfig = defineConfig(
  'transaction-archive',
  TransactionArchiveEnvironment,
  (env): TransactionArchiveSettings => ({
    afterDays: env.TRANSACTION_ARCHIVE_AFTER_DAYS,
    batchSize: env.TRANSACTION_ARCHIVE_BATCH_SIZE,
  }),
);
