/**
 * One finsync instance for the benchmark, in its own process: boots the production app (createApp)
 * with the benchmark's no-op handler, reports when it is ready and when its first run starts, and
 * shuts down gracefully when the harness says stop.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { HarnessCommand, InstanceMessage } from './worker-messages';

const APP_SETTING_PREFIX = 'BENCH_APP_';

function tell(message: InstanceMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [
    { createApp },
    { AppConfig },
    { validateEnvironment },
    { EventEmitter2 },
    { DataSource },
    events,
    noop,
    { QueryCounter },
  ] = await Promise.all([
    import('../../../src/bootstrap'),
    import('../../../src/config/app-config'),
    import('../../../src/config/load-config'),
    import('@nestjs/event-emitter'),
    import('typeorm'),
    import('../../../src/core/scheduling/scheduling.events'),
    import('./bench-noop.module'),
    import('./query-counter'),
  ]);
  const modulesLoadedAt = Date.now();
  const config = new AppConfig(validateEnvironment(instanceEnvironment()));
  const app = await createApp(config, [noop.BenchNoopModule]);
  app
    .get(EventEmitter2)
    .once(events.SchedulingEvents.runStarted, () => tell({ kind: 'first-run', at: Date.now() }));
  await app.init();
  const dataSource = app.get(DataSource);
  const queries = new QueryCounter();
  // TypeORM hands every query to dataSource.logger: wrapping it counts them without touching src.
  Object.defineProperty(dataSource, 'logger', { value: queries.wrap(dataSource.logger) });
  tell({
    kind: 'ready',
    processStartedAt: performance.timeOrigin,
    modulesLoadedAt,
    readyAt: Date.now(),
  });
  process.on('message', (command: HarnessCommand) => {
    if (command.kind === 'measure') return queries.measure(command);
    tell(memoryReport());
    tell({ kind: 'query-counts', ...queries.counts() });
    app
      .close()
      .then(() => tell({ kind: 'stopped' }))
      .finally(() => process.exit(0));
  });
}

function memoryReport(): InstanceMessage {
  const mb = (bytes: number): number => bytes / 2 ** 20;
  const usage = process.memoryUsage();
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const afterGc = collect ? process.memoryUsage() : null;
  return {
    kind: 'memory',
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    heapUsedAfterGcMb: afterGc ? mb(afterGc.heapUsed) : null,
    rssAfterGcMb: afterGc ? mb(afterGc.rss) : null,
  };
}

/**
 * The child's environment as the app's settings; everything not given keeps the app's default.
 * SCHEDULER_* pass through, and BENCH_APP_<NAME> sets any other setting <NAME> (e.g. DB_LOGGING).
 */
function instanceEnvironment(): Record<string, string | undefined> {
  const env = process.env;
  return {
    NODE_ENV: 'production',
    JWT_SECRET: env.BENCH_JWT_SECRET,
    ENCRYPTION_KEY: env.BENCH_ENCRYPTION_KEY,
    DATABASE_URL: env.BENCH_INSTANCE_DATABASE_URL,
    LOG_LEVEL: env.BENCH_LOG_LEVEL,
    ENABLE_API_DOCS: 'false',
    ...Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('SCHEDULER_'))),
    ...Object.fromEntries(
      Object.entries(env)
        .filter(([name]) => name.startsWith(APP_SETTING_PREFIX))
        .map(([name, value]) => [name.slice(APP_SETTING_PREFIX.length), value]),
    ),
  };
}

main().catch((error: unknown) => {
  tell({
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
