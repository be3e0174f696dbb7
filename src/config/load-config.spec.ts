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
