import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../src/banking/connections/bank-connection.entity';
import { BankConnectionsService } from '../../src/banking/connections/bank-connections.service';
import { TINK_SYNC_TASK_KEY } from '../../src/banking/providers/tink/tink.tasks';
import { UserEntity } from '../../src/users/user.entity';
import { Clock } from '../../src/core/scheduling/clock';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { RunTrigger } from '../../src/core/scheduling/scheduling.types';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import {
  startTinkSimulator,
  type SimCredential,
  type SimUser,
  type TinkSimulator,
  type TinkSimulatorOptions,
} from '../simulators/tink';
import { startTestApp, type TestApp } from '../utils/test-app';

/** Settings that keep syncs fast and repeatable in tests; a test overrides what it examines. */
export const FAST_SYNC_ENV: Record<string, string> = {
  SCHEDULER_ENABLED: 'false',
  TINK_REFRESH_POLL_MS: '10',
  TINK_REFRESH_TIMEOUT_SECONDS: '3',
  TINK_REQUESTS_PER_SECOND: '5000',
  BANK_SYNC_MIN_GAP_SECONDS: '0',
  TINK_SYNC_FRESH_MINUTES: '0',
};

export interface LinkedUser {
  readonly user: UserEntity;
  readonly simUser: SimUser;
  readonly credential: SimCredential;
  readonly connection: BankConnectionEntity;
}

export interface JobRun {
  readonly status: string;
  readonly run: TaskLogEntity;
  readonly details: Record<string, unknown>;
}

export interface BankingKit extends TestApp {
  readonly sim: TinkSimulator;
  readonly dataSource: DataSource;
  /** A finsync user with one Tink connection to a seeded simulator user (2 accounts). */
  linkUser(options?: LinkOptions): Promise<LinkedUser>;
  /** `tink.sync-connections` through the task runner, waited for. */
  runJob(trigger?: RunTrigger): Promise<JobRun>;
  connection(id: number): Promise<BankConnectionEntity>;
  count(table: string, where?: string): Promise<number>;
}

export interface LinkOptions {
  readonly plan?: 'premium' | 'free';
  readonly premiumUntil?: Date | null;
  /** Booked rows per account (plus one pending row each). */
  readonly transactionsPerAccount?: number;
}

let emailCounter = 0;

/** The real app on a throw-away database, talking to an in-process Tink simulator. */
export async function startBankingKit(
  env: Record<string, string> = {},
  simOptions: TinkSimulatorOptions = {},
): Promise<BankingKit> {
  const sim = await startTinkSimulator({ refresh: { stepMs: 20, quota: null }, ...simOptions });
  let app: TestApp;
  try {
    app = await startTestApp({
      ...FAST_SYNC_ENV,
      TINK_API_URL: sim.url,
      TINK_CLIENT_ID: sim.clientId,
      TINK_CLIENT_SECRET: sim.clientSecret,
      ...env,
    });
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const dataSource = app.app.get(DataSource);
  const connections = app.app.get(BankConnectionsService);

  const linkUser = async (options: LinkOptions = {}): Promise<LinkedUser> => {
    emailCounter += 1;
    const user = await dataSource.getRepository(UserEntity).save({
      email: `banking-${process.pid}-${emailCounter}@example.com`,
      displayName: `Banking ${emailCounter}`,
      subscriptionPlan: options.plan ?? 'premium',
      premiumUntil: options.premiumUntil ?? null,
    });
    const [simUser] = sim.seed({
      users: 1,
      accountsPerUser: 2,
      transactionsPerAccount: options.transactionsPerAccount ?? 10,
      pendingPerAccount: 1,
      historyDays: 60,
      seed: emailCounter,
    }).users;
    const [credential] = sim.data.credentialsOf(simUser.id);
    const connection = await connections.create({
      userId: user.id,
      provider: 'tink',
      providerUserId: simUser.id,
      externalId: credential.id,
      institutionName: credential.providerName,
    });
    return { user, simUser, credential, connection };
  };

  const runJob = async (trigger: RunTrigger = 'manual'): Promise<JobRun> => {
    const task = await app.app.get(ScheduledTaskService).findByIdOrKey(TINK_SYNC_TASK_KEY);
    const started = await app.app.get(TaskRunner).start(task, app.app.get(Clock).now(), trigger);
    if (!started.started) throw new Error(`run not started: ${started.reason}`);
    const status = await started.done;
    const run = await app.app
      .get(DataSource)
      .getRepository(TaskLogEntity)
      .findOneByOrFail({ id: started.runId });
    return { status, run, details: (run.details ?? {}) as Record<string, unknown> };
  };

  return {
    ...app,
    sim,
    dataSource,
    linkUser,
    runJob,
    connection: (id) => dataSource.getRepository(BankConnectionEntity).findOneByOrFail({ id }),
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
