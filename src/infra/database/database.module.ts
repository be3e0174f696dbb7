import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { createDataSource, MigrationList, resolveDataSourceOptions } from './data-source-options';

/**
 * The one data source. Feature modules register their own entities (`TypeOrmModule.forFeature`,
 * loaded through `autoLoadEntities`); the migrations come from the app's root list.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrations: MigrationList }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => ({
            ...(await resolveDataSourceOptions(config.database, {
              ...config.databaseOptions,
              migrations: options.migrations,
            })),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (dataSourceOptions) =>
            createDataSource(dataSourceOptions!).initialize(),
        }),
      ],
    };
  }
}
