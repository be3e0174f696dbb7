import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { defineConfig } from '../config/config-section';
import { toBoolean, toInteger } from '../config/env-transforms';

/** The variables of the FTP → XLSX import; `.env.example` documents the same list. */
class CreditPortfolioEnvironment {
  @Transform(toBoolean)
  @IsBoolean()
  CREDIT_PORTFOLIO_IMPORT_ENABLED = true;

  @Transform(toInteger)
  @Min(0)
  @Max(23)
  @IsInt()
  CREDIT_PORTFOLIO_IMPORT_HOUR = 6;

  @Transform(toInteger)
  @Min(0)
  @Max(59)
  @IsInt()
  CREDIT_PORTFOLIO_IMPORT_MINUTE = 0;

  @IsTimeZone({ message: 'CREDIT_PORTFOLIO_IMPORT_TIMEZONE must be an IANA time zone' })
  CREDIT_PORTFOLIO_IMPORT_TIMEZONE = 'Europe/Moscow';

  @Transform(toInteger)
  @Min(1)
  @IsInt()
  CREDIT_PORTFOLIO_DEPARTMENT_ID = 8;

  @IsOptional()
  @IsString()
  CREDIT_PORTFOLIO_FTP_HOST?: string;

  @Transform(toInteger)
  @Min(1)
  @Max(65535)
  @IsInt()
  CREDIT_PORTFOLIO_FTP_PORT = 21;

  @IsString()
  @MinLength(1)
  CREDIT_PORTFOLIO_FTP_USER = 'anonymous';

  @IsOptional()
  @IsString()
  CREDIT_PORTFOLIO_FTP_PASSWORD?: string;

  @IsString()
  @MinLength(1)
  CREDIT_PORTFOLIO_FTP_DIR = '/exports';

  @Transform(toBoolean)
  @IsBoolean()
  CREDIT_PORTFOLIO_FTP_SECURE = false;

  @IsOptional()
  @IsString()
  CREDIT_PORTFOLIO_FTP_CA_FILE?: string;

  @Transform(toInteger)
  @Min(1)
  @Max(600)
  @IsInt()
  CREDIT_PORTFOLIO_FTP_TIMEOUT_SECONDS = 30;

  @Transform(toInteger)
  @Min(0)
  @Max(10)
  @IsInt()
  CREDIT_PORTFOLIO_FTP_RETRIES = 3;

  @Transform(toInteger)
  @Min(0)
  @Max(600_000)
  @IsInt()
  CREDIT_PORTFOLIO_FTP_RETRY_DELAY_MS = 2000;

  @Transform(toInteger)
  @Min(0)
  @IsInt()
  CREDIT_PORTFOLIO_SUMMARY_CACHE_TTL_SECONDS = 3600;
}

export interface CreditPortfolioSettings {
  /** Department the FTP import writes into (Finance, 8, by default). */
  departmentId: number;
  /** Daily import time, in `timeZone`. */
  schedule: { hour: number; minute: number; timeZone: string };
  ftp: CreditPortfolioFtpSettings;
  summaryCacheTtlMs: number;
}

export interface CreditPortfolioFtpSettings {
  /** Null: the import is not configured and its runs are skipped. */
  host: string | null;
  port: number;
  user: string;
  /** Plain text or a value sealed with SecretCipher (`v1:…`); never log it. */
  password: string | null;
  directory: string;
  /** Explicit FTPS (AUTH TLS). */
  secure: boolean;
  /** PEM file with the CA that signed the server's certificate (self-signed servers). */
  caFile: string | null;
  timeoutMs: number;
  /** Connection attempts after the first one. */
  retries: number;
  retryDelayMs: number;
}

export const creditPortfolioConfig = defineConfig(
  'credit-portfolio',
  CreditPortfolioEnvironment,
  (env): CreditPortfolioSettings => ({
    departmentId: env.CREDIT_PORTFOLIO_DEPARTMENT_ID,
    schedule: {
      hour: env.CREDIT_PORTFOLIO_IMPORT_HOUR,
      minute: env.CREDIT_PORTFOLIO_IMPORT_MINUTE,
      timeZone: env.CREDIT_PORTFOLIO_IMPORT_TIMEZONE,
    },
    ftp: {
      host: env.CREDIT_PORTFOLIO_FTP_HOST ?? null,
      port: env.CREDIT_PORTFOLIO_FTP_PORT,
      user: env.CREDIT_PORTFOLIO_FTP_USER,
      password: env.CREDIT_PORTFOLIO_FTP_PASSWORD ?? null,
      directory: env.CREDIT_PORTFOLIO_FTP_DIR,
      secure: env.CREDIT_PORTFOLIO_FTP_SECURE,
      caFile: env.CREDIT_PORTFOLIO_FTP_CA_FILE ?? null,
      timeoutMs: env.CREDIT_PORTFOLIO_FTP_TIMEOUT_SECONDS * 1000,
      retries: env.CREDIT_PORTFOLIO_FTP_RETRIES,
      retryDelayMs: env.CREDIT_PORTFOLIO_FTP_RETRY_DELAY_MS,
    },
    summaryCacheTtlMs: env.CREDIT_PORTFOLIO_SUMMARY_CACHE_TTL_SECONDS * 1000,
  }),
);
