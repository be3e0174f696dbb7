import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { AppConfig } from './config/app-config';
import { ConfigValidationError, loadEnvironment } from './config/load-config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(loadEnvironment());
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  const logger = new Logger('Bootstrap');
  logger.log(`finsync listening on ${url} (database: ${config.database.type})`);
  if (config.http.apiDocsEnabled) logger.log(`Swagger UI at ${url}/docs`);
}

main().catch((error: unknown) => {
  console.error('finsync failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
