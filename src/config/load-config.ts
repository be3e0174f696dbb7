import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { config as loadDotenv } from 'dotenv';
import { EnvironmentVariables } from './env.schema';

/** Thrown once at boot with every problem in the environment, joined with "; ". */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

// Public development-only values, so `npm start` works with no configuration. Production refuses them unset.
const DEVELOPMENT_JWT_SECRET = 'finsync-development-only-secret-0123456789abcdef';
const DEVELOPMENT_ENCRYPTION_KEY =
  '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export function validateEnvironment(
  source: Record<string, string | undefined>,
): EnvironmentVariables {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false, stopAtFirstError: true }).flatMap(
    describeValidationError,
  );
  if (!env.JWT_SECRET) {
    if (env.NODE_ENV === 'production' && source.FINSYNC_ALLOW_DEV_SECRETS !== 'true') {
      problems.push('JWT_SECRET must be set (at least 32 characters) when NODE_ENV=production');
    } else {
      env.JWT_SECRET = DEVELOPMENT_JWT_SECRET;
    }
  }
  if (!env.ENCRYPTION_KEY) {
    if (env.NODE_ENV === 'production' && source.FINSYNC_ALLOW_DEV_SECRETS !== 'true') {
      problems.push(
        'ENCRYPTION_KEY must be set (32 bytes, hex or base64) when NODE_ENV=production',
      );
    } else {
      env.ENCRYPTION_KEY = DEVELOPMENT_ENCRYPTION_KEY;
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return env;
}

function describeValidationError(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {});
}

/** Reads `.env` (if present) under the real environment, then validates. The only reader of process.env. */
export function loadEnvironment(): EnvironmentVariables {
  loadDotenv({ quiet: true });
  return validateEnvironment(process.env);
}
