import 'reflect-metadata';
import { AppConfig } from './src/config/app-config';
import { loadEnvironment } from './src/config/load-config';
import {
  createDataSource,
  resolveDataSourceOptions,
} from './src/infra/database/data-source-options';

// The DataSource the TypeORM CLI uses (`npm run migration:run`, `migration:generate`).
const config = new AppConfig(loadEnvironment());

export default resolveDataSourceOptions(config.database, config.databaseOptions).then(
  createDataSource,
);
