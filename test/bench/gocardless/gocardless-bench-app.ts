import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GoCardlessConnectService } from '../../../src/banking/providers/gocardless/connect/gocardless-connect.service';
import { GoCardlessBankSyncProvider } from '../../../src/banking/providers/gocardless/gocardless.provider';
import { BankSyncService } from '../../../src/banking/sync/bank-sync.service';
import { forEachConcurrently } from '../../../src/banking/sync/concurrency';
import type { ConnectionSyncResult } from '../../../src/banking/sync/connection-sync-result';
import { createApp } from '../../../src/bootstrap';
import { AppConfig } from '../../../src/config/app-config';
import { validateEnvironment } from '../../../src/config/load-config';
import { UserEntity } from '../../../src/users/user.entity';
import type { GoCardlessSimulator } from '../../simulators/gocardless';
import type { GoCardlessBenchSettings } from './gocardless-bench-settings';

/** finsync as deployed, minus HTTP and timers: syncs run when the benchmark says. */
export async function startGoCardlessBenchApp(
  settings: GoCardlessBenchSettings,
  databaseUrl: string,
  sim: GoCardlessSimulator,
): Promise<INestApplication> {
  const config = new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: databaseUrl,
      SCHEDULER_ENABLED: 'false',
      GOCARDLESS_API_URL: sim.apiUrl,
      GOCARDLESS_SECRET_ID: sim.secretId,
      GOCARDLESS_SECRET_KEY: sim.secretKey,
      GOCARDLESS_REQUESTS_PER_SECOND: String(settings.clientRequestsPerSecond),
      GOCARDLESS_SYNC_CONCURRENCY: String(settings.concurrency),
      BANK_SYNC_MIN_GAP_SECONDS: '0',
    }),
  );
  const app = await createApp(config);
  await app.init();
  return app;
}

/** A premium user per requisition, each adopted as a connection (no first sync: the passes do). */
export async function linkRequisitions(
  app: INestApplication,
  requisitionIds: readonly string[],
): Promise<number[]> {
  const users = app.get(DataSource).getRepository(UserEntity);
  const inserted = await users.insert(
    requisitionIds.map((_, i) => ({
      email: `bench-gocardless-${i}@example.com`,
      displayName: `Bench ${i}`,
      subscriptionPlan: 'premium' as const,
    })),
  );
  const connect = app.get(GoCardlessConnectService);
  const connectionIds: number[] = new Array(requisitionIds.length);
  await forEachConcurrently(requisitionIds, 10, async (requisitionId, i) => {
    connectionIds[i] = await connect.adoptLinked(
      Number(inserted.identifiers[i].id),
      requisitionId,
      'Sandbox Finance',
      { firstSync: false },
    );
  });
  return connectionIds;
}

/** Every connection once, unattended, `concurrency` side by side (what a day's fires amount to). */
export async function syncPass(
  app: INestApplication,
  connectionIds: readonly number[],
  concurrency: number,
): Promise<ConnectionSyncResult[]> {
  const bankSync = app.get(BankSyncService);
  const provider = app.get(GoCardlessBankSyncProvider);
  const results: ConnectionSyncResult[] = [];
  await forEachConcurrently(connectionIds, concurrency, async (id) => {
    const result = await bankSync.syncConnection(provider, id, { requestedByPerson: false });
    if (typeof result === 'object') results.push(result);
  });
  return results;
}
