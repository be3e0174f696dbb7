import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { defineConfig } from '../../../config/config-section';
import { toBoolean, toInteger } from '../../../config/env-transforms';

/** GoCardless Bank Account Data's variables; `.env.example` documents the same list. */
class GoCardlessEnvironment {
  @IsOptional()
  @IsString()
  GOCARDLESS_SECRET_ID?: string;

  @IsOptional()
  @IsString()
  GOCARDLESS_SECRET_KEY?: string;

  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'GOCARDLESS_API_URL must be an http(s) URL',
  })
  GOCARDLESS_API_URL = 'https://bankaccountdata.gocardless.com/api/v2';

  @Transform(toBoolean)
  @IsBoolean()
  GOCARDLESS_SYNC_ENABLED = true;

  @Transform(toInteger)
  @Min(1)
  @Max(168)
  @IsInt()
  GOCARDLESS_SYNC_INTERVAL_HOURS = 24;

  @Transform(toInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  GOCARDLESS_ACCOUNT_DAILY_LIMIT = 4;

  @Transform(toInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  GOCARDLESS_BALANCES_EVERY_N_SYNCS = 2;

  @Transform(toInteger)
  @Min(1)
  @Max(9)
  @IsInt()
  GOCARDLESS_CIRCUIT_FAILURES = 3;

  @Transform(toInteger)
  @Min(1)
  @Max(10_080)
  @IsInt()
  GOCARDLESS_CIRCUIT_COOLDOWN_MINUTES = 360;

  @Transform(toInteger)
  @Min(1)
  @Max(30)
  @IsInt()
  GOCARDLESS_CONSENT_WARNING_DAYS = 7;

  @Transform(toInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  GOCARDLESS_SYNC_CONCURRENCY = 10;

  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt()
  GOCARDLESS_REQUESTS_PER_SECOND = 20;
}

export interface GoCardlessSettings {
  /** Ends in `/api/v2` (no trailing slash). */
  apiUrl: string;
  /** `null` when GOCARDLESS_SECRET_ID / GOCARDLESS_SECRET_KEY are not both set. */
  secrets: { secretId: string; secretKey: string } | null;
  syncEnabled: boolean;
  syncIntervalHours: number;
  /** Successful calls per account per scope per rolling 24 h, until the headers say otherwise. */
  accountDailyLimit: number;
  /** Balances are read with every Nth transactions read (the first one included). */
  balancesEveryNSyncs: number;
  /** Consecutive failed calls on an account that open its circuit. */
  circuitFailures: number;
  circuitCooldownMs: number;
  consentWarningMs: number;
  syncConcurrency: number;
  requestsPerSecond: number;
}

export const goCardlessConfig = defineConfig(
  'gocardless',
  GoCardlessEnvironment,
  (env): GoCardlessSettings => ({
    apiUrl: env.GOCARDLESS_API_URL.replace(/\/+$/, ''),
    secrets:
      env.GOCARDLESS_SECRET_ID && env.GOCARDLESS_SECRET_KEY
        ? { secretId: env.GOCARDLESS_SECRET_ID, secretKey: env.GOCARDLESS_SECRET_KEY }
        : null,
    syncEnabled: env.GOCARDLESS_SYNC_ENABLED,
    syncIntervalHours: env.GOCARDLESS_SYNC_INTERVAL_HOURS,
    accountDailyLimit: env.GOCARDLESS_ACCOUNT_DAILY_LIMIT,
    balancesEveryNSyncs: env.GOCARDLESS_BALANCES_EVERY_N_SYNCS,
    circuitFailures: env.GOCARDLESS_CIRCUIT_FAILURES,
    circuitCooldownMs: env.GOCARDLESS_CIRCUIT_COOLDOWN_MINUTES * 60_000,
    consentWarningMs: env.GOCARDLESS_CONSENT_WARNING_DAYS * 86_400_000,
    syncConcurrency: env.GOCARDLESS_SYNC_CONCURRENCY,
    requestsPerSecond: env.GOCARDLESS_REQUESTS_PER_SECOND,
  }),
);
