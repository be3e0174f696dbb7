import { EnvironmentVariables } from './env.schema';
import { DatabaseTarget, parseDatabaseUrl } from '../infra/database/database-url';

/** Typed, read-only view of the validated environment. Inject this; never read process.env. */
export class AppConfig {
  readonly database: DatabaseTarget;

  constructor(private readonly env: EnvironmentVariables) {
    this.database = parseDatabaseUrl(env.DATABASE_URL);
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

  get logLevel(): EnvironmentVariables['LOG_LEVEL'] {
    return this.env.LOG_LEVEL;
  }
}
