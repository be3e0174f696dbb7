import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { BankingModule } from './banking/banking.module';
import { GoCardlessModule } from './banking/providers/gocardless/gocardless.module';
import { TinkModule } from './banking/providers/tink/tink.module';
import { UsersModule } from './users/users.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CreditPortfolioModule } from './credit-portfolio/credit-portfolio.module';
import { AuthModule } from './core/auth/auth.module';
import { CryptoModule } from './core/crypto/crypto.module';
import { BodyParserMiddleware } from './core/http/body-parser.middleware';
import { HttpModule } from './core/http/http.module';
import { HttpLoggerMiddleware } from './core/logging/http-logger.middleware';
import { LoggingModule } from './core/logging/logging.module';
import { SchedulingModule } from './core/scheduling/scheduling.module';
import { HealthModule } from './health/health.module';
import { DatabaseModule } from './infra/database/database.module';
import { MIGRATIONS } from './database-schema';
import { ScheduledTasksModule } from './scheduled-tasks/scheduled-tasks.module';
import { MetricsModule } from './metrics/metrics.module';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

@Module({})
export class AppModule implements NestModule {
  /** `extraImports` lets tests and benchmarks add task handlers of their own. */
  static register(config: AppConfig, extraImports: ModuleImport[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        HttpModule,
        DatabaseModule.forRoot({ migrations: MIGRATIONS }),
        EventEmitterModule.forRoot(),
        SchedulingModule,
        AuthModule,
        CryptoModule,
        HealthModule,
        MetricsModule,
        UsersModule,
        ScheduledTasksModule,
        CreditPortfolioModule,
        BankingModule,
        TinkModule,
        GoCardlessModule,
        ...extraImports,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpLoggerMiddleware, BodyParserMiddleware).forRoutes('*path');
  }
}
