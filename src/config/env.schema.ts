import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

import { toBoolean, toInteger } from './env-transforms';

export const NODE_ENVIRONMENTS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting finsync reads. Defaults live here; `.env.example` documents the same list.
 * Values arrive as strings and are converted before validation.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: (typeof NODE_ENVIRONMENTS)[number] = 'development';

  // class-validator checks bottom-up and stops at the first failure: the type check goes last.
  @Transform(toInteger)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^(mysql:\/\/[^\s]+|sqlite:.+)$/, {
    message: 'DATABASE_URL must be a mysql:// or sqlite: URL',
  })
  DATABASE_URL?: string;

  @Transform(toBoolean)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(toBoolean)
  @IsBoolean()
  DB_LOGGING = false;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64',
  })
  ENCRYPTION_KEY?: string;

  @IsOptional()
  @Matches(/^(([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)(,|$))+$/, {
    message:
      'ENCRYPTION_KEYS_PREVIOUS must be a comma-separated list of 32-byte keys (hex or base64)',
  })
  ENCRYPTION_KEYS_PREVIOUS?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  ENABLE_API_DOCS = true;

  // --- cache ---
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-" (at most 64)',
  })
  REDIS_KEY_PREFIX = 'finsync';
}
