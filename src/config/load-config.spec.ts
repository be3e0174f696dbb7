import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Min } from 'class-validator';
import { AppConfig } from './app-config';
import { defineConfig } from './config-section';
import { toBoolean, toInteger } from './env-transforms';
import { ConfigValidationError, validateEnvironment } from './load-config';

describe('validateEnvironment', () => {
  it('applies defaults to an empty environment outside production', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DB_MIGRATIONS_RUN: true,
      ENABLE_API_DOCS: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.JWT_SECRET?.length).toBeGreaterThanOrEqual(32);
  });

  it('converts strings to numbers and booleans', () => {
    const env = validateEnvironment({
      PORT: '8080',
      DB_MIGRATIONS_RUN: 'false',
      ENABLE_API_DOCS: '0',
    });
    expect(env).toMatchObject({ PORT: 8080, DB_MIGRATIONS_RUN: false, ENABLE_API_DOCS: false });
  });

  it('lists every problem in one message', () => {
    let error: unknown;
    try {
      validateEnvironment({
        JWT_SECRET: 'short',
        DATABASE_URL: 'postgres://x',
        PORT: 'eighty',
        DB_LOGGING: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'JWT_SECRET must be at least 32 characters',
        'DATABASE_URL must be a mysql:// or sqlite: URL',
        'PORT must be an integer number',
        'DB_LOGGING must be a boolean value',
      ]),
    );
    expect(problems).toHaveLength(4);
    expect((error as Error).message).toBe(`Invalid configuration: ${problems.join('; ')}`);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      'JWT_SECRET must be set (at least 32 characters) when NODE_ENV=production',
    );
  });
});

describe('feature config sections', () => {
  class ProbeEnvironment {
    @Transform(toInteger)
    @Min(1)
    @IsInt()
    PROBE_LIMIT = 5;

    @Transform(toBoolean)
    @IsBoolean()
    PROBE_ENABLED = true;
  }
  const probeConfig = defineConfig('probe', ProbeEnvironment, (env) => ({
    limit: env.PROBE_LIMIT,
  }));

  it('reports a section problem in the same message as the platform ones', () => {
    let error: unknown;
    try {
      validateEnvironment({ PORT: 'eighty', PROBE_LIMIT: '0' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigValidationError).problems).toEqual([
      'PORT must be an integer number',
      'PROBE_LIMIT must not be less than 1',
    ]);
  });

  it('gives the typed settings and the flags of a section', () => {
    const config = new AppConfig(validateEnvironment({ PROBE_LIMIT: '7', PROBE_ENABLED: 'off' }));
    expect(config.get(probeConfig)).toEqual({ limit: 7 });
    expect(config.featureFlag('PROBE_ENABLED')).toBe(false);
    expect(() => config.featureFlag('PROBE_TYPO')).toThrow('Unknown feature flag PROBE_TYPO');
  });

  it('rejects a second section with the same name', () => {
    expect(() => defineConfig('probe', ProbeEnvironment, () => null)).toThrow(
      'Two config sections are named probe',
    );
  });
});
