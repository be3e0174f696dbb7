import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../../src/banking/connections/bank-connection.entity';
import { TINK_SYNC_TASK_KEY } from '../../../src/banking/providers/tink/tink.tasks';
import type { SyncRunStats } from '../../../src/banking/sync/sync-run-summary';
import { UserEntity } from '../../../src/users/user.entity';
import { createApp } from '../../../src/bootstrap';
import { AppConfig } from '../../../src/config/app-config';
import { validateEnvironment } from '../../../src/config/load-config';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import type { SyncBenchSettings } from './sync-bench-settings';

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function createSyncBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `finsync_bench_sync_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      const dropper = await createConnection({ uri: serverUrl });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}

/** finsync as deployed, minus HTTP and timers: the job runs when the benchmark says. */
export async function startBenchApp(
  settings: SyncBenchSettings,
  databaseUrl: string,
  tink: { url: string; clientId: string; clientSecret: string },
): Promise<INestApplication> {
  const config = new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: databaseUrl,
      SCHEDULER_ENABLED: 'false',
      TINK_API_URL: tink.url,
      TINK_CLIENT_ID: tink.clientId,
      TINK_CLIENT_SECRET: tink.clientSecret,
      TINK_REQUESTS_PER_SECOND: String(settings.clientRequestsPerSecond),
      TINK_SYNC_CONCURRENCY: String(settings.concurrency),
      // Back-to-back runs: neither the minimum gap nor freshness may defer the second one.
      BANK_SYNC_MIN_GAP_SECONDS: '0',
      TINK_SYNC_FRESH_MINUTES: '0',
    }),
  );
  const app = await createApp(config);
  await app.init();
  return app;
}

/** Premium users, each with one Tink connection, inserted in bulk. */
export async function seedConnections(
  app: INestApplication,
  links: readonly { tinkUserId: string; credentialId: string }[],
): Promise<void> {
  const dataSource = app.get(DataSource);
  const users = dataSource.getRepository(UserEntity);
  const connections = dataSource.getRepository(BankConnectionEntity);
  for (let start = 0; start < links.length; start += 500) {
    const chunk = links.slice(start, start + 500);
    const inserted = await users.insert(
      chunk.map((_, i) => ({
        email: `bench-${start + i}@example.com`,
        displayName: `Bench ${start + i}`,
        subscriptionPlan: 'premium' as const,
      })),
    );
    await connections.insert(
      chunk.map((link, i) => ({
        userId: Number(inserted.identifiers[i].id),
        provider: 'tink' as const,
        providerUserId: link.tinkUserId,
        externalId: link.credentialId,
      })),
    );
  }
}

export interface JobRunFigures {
  readonly wallMs: number;
  readonly status: string;
  readonly stats: SyncRunStats;
}

/** One scheduled run of tink.sync-connections through the runner. */
export async function runSyncJob(app: INestApplication): Promise<JobRunFigures> {
  const task = await app.get(ScheduledTaskService).findByIdOrKey(TINK_SYNC_TASK_KEY);
  const startedAt = Date.now();
  const started = await app.get(TaskRunner).start(task, new Date(), 'schedule');
  if (!started.started) throw new Error(`the job did not start: ${started.reason}`);
  const status = await started.done;
  const wallMs = Date.now() - startedAt;
  const run = await app
    .get(DataSource)
    .getRepository(TaskLogEntity)
    .findOneByOrFail({ id: started.runId });
  return { wallMs, status, stats: run.details as unknown as SyncRunStats };
}
