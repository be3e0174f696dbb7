import { IsNull, Not } from 'typeorm';
import { BankConnectionEntity } from '../../../src/banking/connections/bank-connection.entity';
import { TINK_SYNC_TASK_KEY } from '../../../src/banking/providers/tink/tink.tasks';
import type { SyncRunStats } from '../../../src/banking/sync/sync-run-summary';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { AppProcess } from '../../kits/app-process/app-process';
import { BankingKit, FAST_SYNC_ENV, LinkedUser, startBankingKit } from '../../kits/banking-kit';
import { waitFor } from '../../kits/scheduling-kit';
import { TEST_JWT_SECRET } from '../../utils/test-app';

const CONNECTIONS = 16;
const ENGINE_ENV = {
  SCHEDULER_ENABLED: 'true',
  SCHEDULER_LEASE_SECONDS: '5',
  SCHEDULER_HEARTBEAT_SECONDS: '1',
  SCHEDULER_POLL_MS: '200',
  TINK_SYNC_CONCURRENCY: '2',
};

/**
 * `kill -9` of the instance running a Tink sync, half-way: a second instance notices the dead run,
 * and the retry syncs every connection, none of them still locked by the dead run.
 */
describe('a Tink sync whose instance is killed mid-run', () => {
  let kit: BankingKit;
  let crashing: AppProcess | undefined;
  let linked: LinkedUser[];

  beforeAll(async () => {
    // The instance that survives; the simulator answers slowly, so the sync takes seconds.
    kit = await startBankingKit(
      { ...ENGINE_ENV, SCHEDULER_INSTANCE_ID: 'survivor' },
      { latencyMs: 150 },
    );
    linked = [];
    for (let i = 0; i < CONNECTIONS; i++) linked.push(await kit.linkUser());
    const tasks = kit.app.get(ScheduledTaskService);
    const task = await tasks.findByIdOrKey(TINK_SYNC_TASK_KEY);
    await tasks.update(task.id, { retryDelaySeconds: 1 });
  }, 60_000);

  afterAll(async () => {
    await crashing?.kill();
    await kit?.close();
  });

  it('releases the dead run’s connections, and its retry syncs every one of them', async () => {
    crashing = new AppProcess({
      ...FAST_SYNC_ENV,
      ...ENGINE_ENV,
      SCHEDULER_INSTANCE_ID: 'crashing',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: kit.db.url,
      TINK_API_URL: kit.sim.url,
      TINK_CLIENT_ID: kit.sim.clientId,
      TINK_CLIENT_SECRET: kit.sim.clientSecret,
    });
    await crashing.waitFor('ready', 90_000);
    crashing.send({ kind: 'run-code-task', key: TINK_SYNC_TASK_KEY });
    const { runId } = await crashing.waitFor('run-started', 10_000);
    const connections = kit.dataSource.getRepository(BankConnectionEntity);
    await waitFor(
      async () => ({
        synced: await connections.countBy({ lastSuccessAt: Not(IsNull()) }),
        held: await connections.countBy({ syncLockOwner: runId }),
      }),
      ({ synced, held }) => synced > 0 && held > 0,
      60_000,
    );
    await crashing.kill();
    const killedAt = new Date();
    const heldAtKill = await connections.countBy({ syncLockOwner: runId });
    expect(heldAtKill).toBeGreaterThan(0);

    const runs = kit.dataSource.getRepository(TaskLogEntity);
    const dead = await waitFor(
      () => runs.findOneByOrFail({ id: runId }),
      (run) => run.status !== 'running',
      30_000,
    );
    expect(dead.status).toBe('interrupted');
    const retry = await waitFor(
      () => runs.findOneBy({ taskId: dead.taskId, scheduledFor: dead.scheduledFor, attempt: 2 }),
      (run) => run !== null && run.status !== 'running',
      60_000,
    );

    expect(retry).toMatchObject({ trigger: 'retry', status: 'completed', instanceId: 'survivor' });
    const stats = retry?.details as unknown as SyncRunStats;
    expect(stats).toMatchObject({
      eligible: CONNECTIONS,
      successful: CONNECTIONS,
      failed: 0,
      deferred: 0,
    });
    expect(stats.deferred_by_reason).toEqual({});
    for (const { connection } of linked) {
      const row = await connections.findOneByOrFail({ id: connection.id });
      expect(row.syncLockOwner).toBeNull();
      expect(row.lastSuccessAt?.getTime()).toBeGreaterThan(killedAt.getTime());
    }
  }, 180_000);
});
