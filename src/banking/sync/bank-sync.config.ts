import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { defineConfig } from '../../config/config-section';
import { toBoolean, toInteger } from '../../config/env-transforms';

/** Rules every bank provider's sync follows; `.env.example` documents the same list. */
class BankSyncEnvironment {
  @Transform(toInteger)
  @Min(0)
  @Max(86_400)
  @IsInt()
  BANK_SYNC_MIN_GAP_SECONDS = 300;

  @Transform(toInteger)
  @Min(1)
  @Max(8760)
  @IsInt()
  BANK_SYNC_STALE_HOURS = 24;

  @Transform(toInteger)
  @Min(1)
  @Max(3650)
  @IsInt()
  BANK_SYNC_HISTORY_DAYS = 365;

  @Transform(toInteger)
  @Min(0)
  @Max(90)
  @IsInt()
  BANK_SYNC_OVERLAP_DAYS = 10;

  @Transform(toInteger)
  @Min(1)
  @Max(1440)
  @IsInt()
  BANK_SYNC_BACKOFF_MINUTES = 15;

  @Transform(toInteger)
  @Min(10)
  @Max(3600)
  @IsInt()
  BANK_SYNC_LEASE_SECONDS = 120;

  @Transform(toBoolean)
  @IsBoolean()
  MANUAL_REFRESH_REQUIRES_PREMIUM = false;
}

/** Rules every bank provider's sync follows, whichever aggregator it talks to. */
export interface BankSyncSettings {
  /** Never sync one connection twice within this, whoever asks. */
  minGapMs: number;
  /** Connections not synced successfully for this long go first. */
  staleAfterMs: number;
  /** How far back the first sync of an account reads. */
  historyDays: number;
  /** Later syncs re-read this many days before the last one (late bookings, corrections). */
  overlapDays: number;
  /** Cool-off after the first consecutive failure; doubles per failure up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * How long a connection's sync lease lasts without renewal; a sync renews it while it works. A
   * lease whose task run was found dead is released at once; any other dead holder's lease (a
   * person's refresh) expires after this.
   */
  leaseMs: number;
  /**
   * `POST /banking/{provider}/refresh-data` only for users with an active premium subscription
   * (the scheduled job syncs only theirs); off, every user may refresh their own data.
   */
  manualRefreshRequiresPremium: boolean;
}

export const bankSyncConfig = defineConfig(
  'bank-sync',
  BankSyncEnvironment,
  (env): BankSyncSettings => ({
    minGapMs: env.BANK_SYNC_MIN_GAP_SECONDS * 1000,
    staleAfterMs: env.BANK_SYNC_STALE_HOURS * 3_600_000,
    historyDays: env.BANK_SYNC_HISTORY_DAYS,
    overlapDays: env.BANK_SYNC_OVERLAP_DAYS,
    backoffBaseMs: env.BANK_SYNC_BACKOFF_MINUTES * 60_000,
    backoffMaxMs: 24 * 3_600_000,
    leaseMs: env.BANK_SYNC_LEASE_SECONDS * 1000,
    manualRefreshRequiresPremium: env.MANUAL_REFRESH_REQUIRES_PREMIUM,
  }),
);
