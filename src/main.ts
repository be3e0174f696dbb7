import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { createApp } from './bootstrap';
import { AppConfig } from './config/app-config';
import { ConfigValidationError, loadEnvironment } from './config/load-config';
import { describeConnectionFailure } from './infra/database/connection-failure';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(loadEnvironment());
  } catch (error) {
    if (error instanceof ConfigValidationError) fail(error.message);
    throw error;
  }
  const app = await createApp(config).catch((error: unknown) =>
    fail(
      `finsync failed to start: ${describeConnectionFailure(error, config.database) ?? messageOf(error)}`,
    ),
  );
  await app.listen(config.http.port, config.http.host);
  const bound = app.getHttpServer().address() as AddressInfo;
  const logger = new Logger('Bootstrap');
  logger.log(
    `finsync listening on ${urlOf(bound.address, bound.port)} (database: ${config.database.type})`,
  );
  // Every interface: the link a person can open is the local one.
  const local = WILDCARD_ADDRESSES.includes(bound.address) ? 'localhost' : bound.address;
  if (config.http.apiDocsEnabled) logger.log(`Swagger UI at ${urlOf(local, bound.port)}/docs`);
}

const WILDCARD_ADDRESSES = ['0.0.0.0', '::'];

/** `http://0.0.0.0:3000`, `http://[::1]:3000`. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One message on stderr, without colour codes when stderr is not a terminal, and exit 1. */
function fail(message: string): never {
  console.error(process.stderr.isTTY ? message : stripVTControlCharacters(message));
  process.exit(1);
}

main().catch((error: unknown) => fail(`finsync failed to start: ${messageOf(error)}`));
