/**
 * finsync as `npm run start:prod` runs it (createApp, production settings from the environment the
 * harness hands over), listening on a free port, in a process of its own so the load generator does
 * not share its event loop. Counts the SQL it sends per route under load.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { ApiHarnessCommand, ApiServerMessage } from './api-messages';

function tell(message: ApiServerMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [{ createApp }, { AppConfig }, { validateEnvironment }, { DataSource }] = await Promise.all(
    [
      import('../../../src/bootstrap'),
      import('../../../src/config/app-config'),
      import('../../../src/config/load-config'),
      import('typeorm'),
    ],
  );
  const app = await createApp(new AppConfig(validateEnvironment({ ...process.env })));
  const queries = new QueriesByRoute();
  const dataSource = app.get(DataSource);
  // TypeORM hands every query to dataSource.logger: wrapping it counts them without touching src.
  Object.defineProperty(dataSource, 'logger', { value: queries.wrap(dataSource.logger) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.on('message', (command: ApiHarnessCommand) => {
    if (command.kind === 'count-queries') queries.route = command.route;
    else if (command.kind === 'report-queries')
      tell({ kind: 'query-counts', byRoute: Object.fromEntries(queries.counts) });
    else
      void app
        .close()
        .then(() => tell({ kind: 'stopped' }))
        .finally(() => process.exit(0));
  });
  tell({ kind: 'listening', port });
}

class QueriesByRoute {
  route: string | null = null;
  readonly counts = new Map<string, number>();

  wrap(logger: TypeOrmLogger): TypeOrmLogger {
    return new Proxy(logger, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'logQuery' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.route !== null)
            this.counts.set(this.route, (this.counts.get(this.route) ?? 0) + 1);
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}

main().catch((error: unknown) => {
  tell({
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
