import { config as loadDotenv } from 'dotenv';
import {
  EnvironmentSource,
  presentValues,
  registeredConfigSections,
  validateSchema,
} from './config-section';
import { EnvironmentVariables } from './env.schema';

/** The raw variables a validated environment came from; feature sections read theirs from it. */
export const ENVIRONMENT_SOURCE = Symbol('finsync:environmentSource');

export type ValidatedEnvironment = EnvironmentVariables & {
  readonly [ENVIRONMENT_SOURCE]?: EnvironmentSource;
};

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

/**
 * Validates the platform's variables and those of every registered feature section (see
 * `defineConfig`), and throws once with every problem found.
 */
export function validateEnvironment(source: EnvironmentSource): ValidatedEnvironment {
  const { value: env, problems } = validateSchema(EnvironmentVariables, source);
  for (const section of registeredConfigSections())
    problems.push(...section.parse(source).problems);
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
  return Object.assign(env, { [ENVIRONMENT_SOURCE]: presentValues(source) });
}

/**
 * Reads `.env` (if present) under the real environment, lays `overrides` on top, then validates.
 * The only reader of process.env.
 */
export function loadEnvironment(overrides: EnvironmentSource = {}): ValidatedEnvironment {
  loadDotenv({ quiet: true });
  return validateEnvironment({ ...process.env, ...overrides });
}
