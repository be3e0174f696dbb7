import { parseEncryptionKey } from '../core/crypto/secret-cipher';
import { ConfigSection, registeredConfigSections } from './config-section';
import { EnvironmentVariables } from './env.schema';
import { ConfigValidationError, ENVIRONMENT_SOURCE, ValidatedEnvironment } from './load-config';
import { DatabaseTarget, parseDatabaseUrl } from '../infra/database/database-url';

/** Typed, read-only view of the validated environment. Inject this; never read process.env. */
export class AppConfig {
  readonly database: DatabaseTarget;

  private readonly sections = new Map<ConfigSection<unknown>, { settings: unknown; env: object }>();

  constructor(private readonly env: ValidatedEnvironment) {
    this.database = parseDatabaseUrl(env.DATABASE_URL);
  }

  /** A feature's settings (see `defineConfig`), validated from the same variables as the rest. */
  get<Settings>(section: ConfigSection<Settings>): Settings {
    return this.parsed(section).settings as Settings;
  }

  private parsed(section: ConfigSection<unknown>): { settings: unknown; env: object } {
    let parsed = this.sections.get(section);
    if (!parsed) {
      const result = section.parse(this.env[ENVIRONMENT_SOURCE] ?? {});
      if (result.problems.length > 0) throw new ConfigValidationError(result.problems);
      parsed = { settings: result.settings, env: result.env as object };
      this.sections.set(section, parsed);
    }
    return parsed;
  }

  get nodeEnv(): EnvironmentVariables['NODE_ENV'] {
    return this.env.NODE_ENV;
  }

  get isDevelopment(): boolean {
    return this.env.NODE_ENV === 'development';
  }

  get http(): { port: number; host: string; apiDocsEnabled: boolean } {
    return { port: this.env.PORT, host: this.env.HOST, apiDocsEnabled: this.env.ENABLE_API_DOCS };
  }

  get databaseOptions(): { migrationsRun: boolean; logging: boolean } {
    return { migrationsRun: this.env.DB_MIGRATIONS_RUN, logging: this.env.DB_LOGGING };
  }

  get jwtSecret(): string {
    return this.env.JWT_SECRET as string;
  }

  get encryption(): { currentKey: Buffer; previousKeys: Buffer[] } {
    return {
      currentKey: parseEncryptionKey(this.env.ENCRYPTION_KEY as string),
      previousKeys: (this.env.ENCRYPTION_KEYS_PREVIOUS ?? '')
        .split(',')
        .filter(Boolean)
        .map(parseEncryptionKey),
    };
  }

  get logLevel(): EnvironmentVariables['LOG_LEVEL'] {
    return this.env.LOG_LEVEL;
  }

  /** Shared Redis, when configured (REDIS_URL); null means in-process stores. */
  get redis(): RedisSettings | null {
    return this.env.REDIS_URL
      ? { url: this.env.REDIS_URL, keyPrefix: this.env.REDIS_KEY_PREFIX }
      : null;
  }

  /**
   * A feature's on/off switch (e.g. TINK_SYNC_ENABLED). The flag must be declared as a boolean in
   * the platform schema or a feature's config section, so a typo fails at boot instead of silently
   * enabling a job.
   */
  featureFlag(name: string): boolean {
    const candidates = [this.env, ...registeredConfigSections().map((s) => this.parsed(s).env)];
    for (const env of candidates) {
      const value = (env as Record<string, unknown>)[name];
      if (typeof value === 'boolean') return value;
    }
    throw new Error(`Unknown feature flag ${name}: declare it in a config section`);
  }
}

export interface RedisSettings {
  url: string;
  keyPrefix: string;
}
