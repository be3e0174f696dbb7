import 'reflect-metadata';
import { AppConfig } from './src/config/app-config';
import { loadEnvironment } from './src/config/load-config';
import {
  createDataSource,
  resolveDataSourceOptions,
} from './src/infra/database/data-source-options';
import { ENTITIES, MIGRATIONS } from './src/database-schema';

// The DataSource the TypeORM CLI uses (`npm run migration:run`, `migration:generate`): every
// feature's entities and migrations, from the generated root list.
const config = new AppConfig(loadEnvironment());

export default resolveDataSourceOptions(config.database, {
  ...config.databaseOptions,
  entities: ENTITIES,
  migrations: MIGRATIONS,
}).then(createDataSource);
