import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { defineConfig } from '../../../config/config-section';
import { toBoolean, toInteger } from '../../../config/env-transforms';

/** Tink's variables; `.env.example` documents the same list. */
class TinkEnvironment {
  @Transform(toBoolean)
  @IsBoolean()
  TINK_SYNC_ENABLED = true;

  @Transform(toInteger)
  @Min(1)
  @Max(168)
  @IsInt()
  TINK_SYNC_INTERVAL_HOURS = 6;

  @Transform(toInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  TINK_SYNC_CONCURRENCY = 10;

  @Transform(toInteger)
  @Min(0)
  @Max(10_080)
  @IsInt()
  TINK_SYNC_FRESH_MINUTES = 60;

  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'TINK_API_URL must be an http(s) URL' })
  TINK_API_URL = 'https://api.tink.com';

  @IsOptional()
  @IsString()
  TINK_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  TINK_CLIENT_SECRET?: string;

  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt()
  TINK_REQUESTS_PER_SECOND = 20;

  @Transform(toBoolean)
  @IsBoolean()
  TINK_RATE_LIMIT_SHARED = false;

  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt()
  TINK_REFRESHES_PER_USER_PER_DAY = 100;

  @Transform(toInteger)
  @Min(0)
  @Max(1440)
  @IsInt()
  TINK_SKIP_REFRESH_WITHIN_MINUTES = 60;

  @Transform(toInteger)
  @Min(10)
  @Max(60_000)
  @IsInt()
  TINK_REFRESH_POLL_MS = 2000;

  @Transform(toInteger)
  @Min(1)
  @Max(900)
  @IsInt()
  TINK_REFRESH_TIMEOUT_SECONDS = 60;
}

export interface TinkSettings {
  apiUrl: string;
  /** `null` when TINK_CLIENT_ID / TINK_CLIENT_SECRET are not both set. */
  credentials: { clientId: string; clientSecret: string } | null;
  syncIntervalHours: number;
  syncConcurrency: number;
  /** Scheduled runs skip connections synced within this. */
  freshForMs: number;
  requestsPerSecond: number;
  /** Share the request budget with other instances through the database. */
  rateLimitShared: boolean;
  refreshesPerUserPerDay: number;
  /** Unattended syncs do not ask Tink to refresh data Tink refreshed within this. */
  skipRefreshWithinMs: number;
  refreshPollMs: number;
  refreshTimeoutMs: number;
}

export const tinkConfig = defineConfig('tink', TinkEnvironment, (env): TinkSettings => ({
  apiUrl: env.TINK_API_URL.replace(/\/+$/, ''),
  credentials:
    env.TINK_CLIENT_ID && env.TINK_CLIENT_SECRET
      ? { clientId: env.TINK_CLIENT_ID, clientSecret: env.TINK_CLIENT_SECRET }
      : null,
  syncIntervalHours: env.TINK_SYNC_INTERVAL_HOURS,
  syncConcurrency: env.TINK_SYNC_CONCURRENCY,
  freshForMs: env.TINK_SYNC_FRESH_MINUTES * 60_000,
  requestsPerSecond: env.TINK_REQUESTS_PER_SECOND,
  rateLimitShared: env.TINK_RATE_LIMIT_SHARED,
  refreshesPerUserPerDay: env.TINK_REFRESHES_PER_USER_PER_DAY,
  skipRefreshWithinMs: env.TINK_SKIP_REFRESH_WITHIN_MINUTES * 60_000,
  refreshPollMs: env.TINK_REFRESH_POLL_MS,
  refreshTimeoutMs: env.TINK_REFRESH_TIMEOUT_SECONDS * 1000,
}));
