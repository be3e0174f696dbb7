import request from 'supertest';
import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../src/banking/connections/bank-connection.entity';
import { GoCardlessConnectService } from '../../src/banking/providers/gocardless/connect/gocardless-connect.service';
import {
  GOCARDLESS_SYNC_TASK_TYPE,
  GoCardlessSchedule,
} from '../../src/banking/providers/gocardless/schedule/gocardless-schedule.service';
import { Clock } from '../../src/core/scheduling/clock';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import type { RunStatus, RunTrigger } from '../../src/core/scheduling/scheduling.types';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import { UserEntity } from '../../src/users/user.entity';
import {
  startGoCardlessSimulator,
  type GoCardlessSimulator,
  type GoCardlessSimulatorOptions,
  type RequisitionSeed,
  type SeededRequisition,
} from '../simulators/gocardless';
import { startTestApp, type TestApp } from '../utils/test-app';

/** Settings that keep GoCardless syncs fast and repeatable in tests. */
export const GOCARDLESS_TEST_ENV: Record<string, string> = {
  SCHEDULER_ENABLED: 'false',
  BANK_SYNC_MIN_GAP_SECONDS: '0',
  GOCARDLESS_REQUESTS_PER_SECOND: '5000',
};

export interface GoCardlessLinked {
  readonly user: UserEntity;
  readonly seeded: SeededRequisition;
  readonly connection: BankConnectionEntity;
}

export interface GoCardlessKit extends TestApp {
  readonly sim: GoCardlessSimulator;
  readonly dataSource: DataSource;
  readonly http: ReturnType<typeof request>;
  newUser(plan?: 'premium' | 'free'): Promise<UserEntity>;
  bearer(user: UserEntity): string;
  /** A simulator requisition linked already, adopted for a new user; its first sync waited for. */
  linkUser(seed?: RequisitionSeed): Promise<GoCardlessLinked>;
  /** The connection's `gocardless.sync-transactions` task through the runner, waited for. */
  runSync(
    connectionId: number,
    trigger?: RunTrigger,
  ): Promise<{ status: RunStatus; run: TaskLogEntity }>;
  /** Waits until no run of the connection's task is running (the first sync runs on its own). */
  settle(connectionId: number): Promise<void>;
  connection(id: number): Promise<BankConnectionEntity>;
  count(table: string, where?: string): Promise<number>;
}

let userCounter = 0;

/** The real app on a throw-away database, talking to an in-process GoCardless simulator. */
export async function startGoCardlessKit(
  env: Record<string, string> = {},
  simOptions: GoCardlessSimulatorOptions = {},
): Promise<GoCardlessKit> {
  const sim = await startGoCardlessSimulator(simOptions);
  let app: TestApp;
  try {
    app = await startTestApp({
      ...GOCARDLESS_TEST_ENV,
      GOCARDLESS_API_URL: sim.apiUrl,
      GOCARDLESS_SECRET_ID: sim.secretId,
      GOCARDLESS_SECRET_KEY: sim.secretKey,
      ...env,
    });
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const dataSource = app.app.get(DataSource);
  const schedule = app.app.get(GoCardlessSchedule);

  const newUser = async (plan: 'premium' | 'free' = 'premium'): Promise<UserEntity> => {
    userCounter += 1;
    return dataSource.getRepository(UserEntity).save({
      email: `gocardless-${process.pid}-${userCounter}@example.com`,
      displayName: `GoCardless ${userCounter}`,
      subscriptionPlan: plan,
      premiumUntil: null,
    });
  };

  const settle = async (connectionId: number): Promise<void> => {
    const task = await schedule.taskOf(connectionId);
    if (!task) return;
    for (let i = 0; i < 500; i += 1) {
      const running = await dataSource
        .getRepository(TaskLogEntity)
        .countBy({ taskId: task.id, status: 'running' });
      if (running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`connection ${connectionId}: its sync is still running`);
  };

  const connection = (id: number): Promise<BankConnectionEntity> =>
    dataSource.getRepository(BankConnectionEntity).findOneByOrFail({ id });

  const linkUser = async (seed: RequisitionSeed = {}): Promise<GoCardlessLinked> => {
    const user = await newUser();
    const seeded = sim.seedRequisition(seed);
    const id = await app.app
      .get(GoCardlessConnectService)
      .adoptLinked(user.id, seeded.requisitionId, 'Sandbox Finance');
    await settle(id);
    return { user, seeded, connection: await connection(id) };
  };

  const runSync = async (connectionId: number, trigger: RunTrigger = 'schedule') => {
    const task = await schedule.taskOf(connectionId);
    if (!task) throw new Error(`connection ${connectionId} has no sync task`);
    const started = await app.app.get(TaskRunner).start(task, app.app.get(Clock).now(), trigger);
    if (!started.started) throw new Error(`run not started: ${started.reason}`);
    const status = await started.done;
    const run = await dataSource
      .getRepository(TaskLogEntity)
      .findOneByOrFail({ id: started.runId });
    return { status, run };
  };

  return {
    ...app,
    sim,
    dataSource,
    http: request(app.app.getHttpServer()),
    newUser,
    bearer: (user) => `Bearer ${app.tokenFor('user', user.id)}`,
    linkUser,
    runSync,
    settle,
    connection,
    count: async (table, where = '1 = 1') => {
      const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
      return Number(row.n);
    },
    close: async () => {
      await app.close();
      await sim.stop();
    },
  };
}

export { GOCARDLESS_SYNC_TASK_TYPE };
