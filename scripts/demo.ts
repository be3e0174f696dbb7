/**
 * `npm run demo`: finsync on a fresh machine with no credentials and no MySQL. It starts the app on
 * a new SQLite file with every provider simulator in-process, seeds demo users, prints tokens and
 * the Swagger URL, and runs each feature's first sync at once so its data and run history show up.
 *
 * A feature joins the demo by adding a `DemoFeature` to FEATURES: `start()` brings up what it
 * talks to (a simulator, a server) and returns finsync settings; `afterBoot()` seeds its data,
 * runs its first sync and returns lines for the summary.
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { BankConnectionsService } from '../src/banking/connections/bank-connections.service';
import { TINK_SYNC_TASK_KEY } from '../src/banking/providers/tink/tink.tasks';
import { GoCardlessConnectService } from '../src/banking/providers/gocardless/connect/gocardless-connect.service';
import type { SyncRunStats } from '../src/banking/sync/sync-run-summary';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/load-config';
import { TokenService } from '../src/core/auth/token.service';
import { Clock } from '../src/core/scheduling/clock';
import { ScheduledTaskService } from '../src/scheduled-tasks/scheduled-task.service';
import { TaskRunner } from '../src/core/scheduling/task-runner.service';
import { RunLedgerStore } from '../src/core/scheduling/store/run-ledger.store';
import { IMPORT_TASK_KEY } from '../src/credit-portfolio/credit-portfolio.tasks';
import { UserEntity } from '../src/users/user.entity';
import { UsersService } from '../src/users/users.service';
import { startCreditPortfolioFtp } from '../test/simulators/ftp/credit-portfolio-demo';
import { startTinkSimulator, type TinkSimulator } from '../test/simulators/tink';
import { startGoCardlessSimulator, type GoCardlessSimulator } from '../test/simulators/gocardless';

const DEFAULT_DATABASE_PATH = resolve('data', 'demo.sqlite');
const TOKEN_TTL = '12h';

const USAGE = `Usage: npm run demo [-- --database-path <file>]

Starts finsync on a fresh SQLite file (default ./data/demo.sqlite, deleted first) with the Tink
simulator and a loopback FTP server in-process, creates demo users with bank connections, runs the
first Tink sync and credit-portfolio import, and prints tokens, URLs and the environment that points
\`npm run task\` and \`npm run sync:tink\` at it. PORT (default 3000; 0 picks a free port) and
LOG_LEVEL (default warn) come from the environment. Ctrl-C stops it.`;

/** The people every feature can attach data to. */
interface DemoUsers {
  readonly admin: UserEntity;
  readonly ada: UserEntity;
  readonly carla: UserEntity;
  readonly bob: UserEntity;
}

interface DemoContext {
  readonly app: INestApplication;
  readonly users: DemoUsers;
  /** Runs a code-declared task now through the runner and waits for it. */
  runTaskNow(key: string): Promise<TaskRunOutcome>;
}

interface TaskRunOutcome {
  readonly runId: string;
  readonly status: string;
  readonly details: Record<string, unknown>;
}

interface DemoFeature {
  readonly name: string;
  start(): Promise<StartedFeature>;
}

interface StartedFeature {
  readonly env: Record<string, string>;
  afterBoot(demo: DemoContext): Promise<string[]>;
  stop(): Promise<void>;
}

// --- features ---

const tinkFeature: DemoFeature = {
  name: 'Tink bank sync',
  async start() {
    const sim = await startTinkSimulator({ latencyMs: 20, refresh: { stepMs: 300 } });
    return {
      env: {
        TINK_API_URL: sim.url,
        TINK_CLIENT_ID: sim.clientId,
        TINK_CLIENT_SECRET: sim.clientSecret,
        TINK_REFRESH_POLL_MS: '200',
      },
      afterBoot: (demo) => seedAndSyncTink(sim, demo),
      stop: () => sim.stop(),
    };
  },
};

/**
 * Ada and Carla have premium, Bob has not; Carla's second bank has an expired consent, so the
 * first run shows error isolation and `needs_reauth` next to the successful syncs.
 */
async function seedAndSyncTink(sim: TinkSimulator, demo: DemoContext): Promise<string[]> {
  const bank = sim.seed({
    users: 3,
    accountsPerUser: 2,
    transactionsPerAccount: 60,
    pendingPerAccount: 2,
    historyDays: 120,
  });
  const connections = demo.app.get(BankConnectionsService);
  const link = (user: UserEntity, tinkUserId: string, credentialId: string) =>
    connections.create({
      userId: user.id,
      provider: 'tink',
      providerUserId: tinkUserId,
      externalId: credentialId,
      institutionName: 'uk-demobank-open-banking-redirect',
    });
  const owners = [demo.users.ada, demo.users.carla, demo.users.bob];
  for (const [index, tinkUser] of bank.users.entries()) {
    await link(owners[index], tinkUser.id, sim.data.credentialsOf(tinkUser.id)[0].id);
  }
  const carlasTinkUser = bank.users[1];
  const expired = sim.data.addCredential(carlasTinkUser.id, {
    providerName: 'uk-demobank-open-banking-redirect-extendable',
  });
  sim.control.expireSession(expired.id);
  await link(demo.users.carla, carlasTinkUser.id, expired.id);

  console.log(
    "Running the first Tink sync. Carla's second bank consent has expired on purpose, so one\n" +
      'connection fails with needs_reauth while the others sync: expect one "Failed to sync connection …\n' +
      'consent expired" log line below, and the run ends partial (one failed item): it is part of\n' +
      'the tour, not a problem.\n',
  );
  const run = await demo.runTaskNow(TINK_SYNC_TASK_KEY);
  const stats = run.details as unknown as SyncRunStats & { message?: string };
  return [
    `First Tink sync: run ${run.runId} ${run.status}`,
    `  ${stats.message ?? ''}`,
    `  ${stats.accounts} accounts and ${stats.transactions.inserted} transactions imported; ` +
      `Bob has no subscription; Carla's second bank consent expired on purpose (needs_reauth).`,
  ];
}

const goCardlessFeature: DemoFeature = {
  name: 'GoCardless bank sync',
  async start() {
    const sim = await startGoCardlessSimulator({ latencyMs: 20 });
    return {
      env: {
        GOCARDLESS_API_URL: sim.apiUrl,
        GOCARDLESS_SECRET_ID: sim.secretId,
        GOCARDLESS_SECRET_KEY: sim.secretKey,
      },
      afterBoot: (demo) => linkGoCardless(sim, demo),
      stop: () => sim.stop(),
    };
  },
};

/**
 * Ada links two accounts at the sandbox bank and Carla one at the strict 90-day bank; each gets its
 * own sync task and a first sync. Their budgets show on GET /banking/connections.
 */
async function linkGoCardless(sim: GoCardlessSimulator, demo: DemoContext): Promise<string[]> {
  const connect = demo.app.get(GoCardlessConnectService);
  const ada = sim.seedRequisition({
    accounts: [
      { booked: 40, pending: 2 },
      { booked: 15, transactionIdMode: 'on-booking', pending: 1 },
    ],
  });
  const carla = sim.seedRequisition({
    institutionId: 'STRICTBANK_STRKGB2L',
    accounts: [{ booked: 25, pending: 1 }],
  });
  const adaConnection = await connect.adoptLinked(
    demo.users.ada.id,
    ada.requisitionId,
    'Sandbox Finance',
  );
  const carlaConnection = await connect.adoptLinked(
    demo.users.carla.id,
    carla.requisitionId,
    'Strict Bank',
  );
  return [
    `GoCardless: connections ${adaConnection} (Ada, 2 accounts) and ${carlaConnection} (Carla, 1 account) linked;`,
    `  each has a gocardless.sync-transactions task (every GOCARDLESS_SYNC_INTERVAL_HOURS) and ran its first sync.`,
    `  Connect another bank: POST /api/v1/banking/gocardless/requisitions {"institution_id":"SANDBOXFINANCE_SFIN0000","redirect_url":"http://localhost/return"}`,
  ];
}

const creditPortfolioFeature: DemoFeature = {
  name: 'Credit-portfolio FTP import',
  async start() {
    const ftp = await startCreditPortfolioFtp({ days: 3, rowsPerFile: 200 });
    return {
      env: ftp.env,
      afterBoot: async (demo) => {
        const run = await demo.runTaskNow(IMPORT_TASK_KEY);
        return [
          `Credit-portfolio import from ${ftp.address.url}: run ${run.runId} ${run.status}, ${ftp.files.length} files`,
          `  summary: GET /api/v1/credit-portfolio/summary?department_id=8 · ledger: GET /api/v1/credit-portfolio/imports`,
        ];
      },
      stop: () => ftp.stop(),
    };
  },
};

const FEATURES: DemoFeature[] = [tinkFeature, goCardlessFeature, creditPortfolioFeature];

// --- the demo ---

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const databasePath = parseDatabasePath(argv);
  if (!databasePath) {
    console.error(`demo: unexpected arguments ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  console.log(`
finsync demo: finsync on SQLite at ${databasePath}, the Tink simulator and an FTP server in-process,
demo users and their first syncs. No credentials needed; tokens and URLs follow.
`);
  for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) {
    rmSync(file, { force: true });
  }
  const started: StartedFeature[] = [];
  let app: INestApplication | undefined;
  const stop = async (): Promise<void> => {
    await app?.close();
    for (const feature of started.reverse()) await feature.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  try {
    for (const feature of FEATURES) started.push(await feature.start());
    // What the CLI needs to read this demo's database and reach its simulators.
    const sharedEnv: Record<string, string> = {
      DATABASE_URL: `sqlite:${databasePath}`,
      ...Object.assign({}, ...started.map((feature) => feature.env)),
    };
    const config = new AppConfig(
      validateEnvironment({
        NODE_ENV: 'development',
        PORT: process.env.PORT ?? '3000',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        SCHEDULER_ENABLED: 'true',
        ...sharedEnv,
      }),
    );
    app = await createApp(config);
    await app.listen(config.http.port, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://localhost:${port}`;
    const users = await createUsers(app);
    const context: DemoContext = { app, users, runTaskNow: (key) => runTaskNow(app!, key) };
    const featureLines: string[] = [];
    for (const feature of started) featureLines.push(...(await feature.afterBoot(context)), '');
    printSummary(app, baseUrl, users, featureLines, sharedEnv);
    return 0;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `--database-path <file>` or none; null for anything else. */
function parseDatabasePath(argv: string[]): string | null {
  if (argv.length === 0) return DEFAULT_DATABASE_PATH;
  const [option, value, ...rest] = argv;
  if (option === '--database-path' && value && rest.length === 0) return resolve(value);
  if (option.startsWith('--database-path=') && argv.length === 1)
    return resolve(option.slice('--database-path='.length));
  return null;
}

async function createUsers(app: INestApplication): Promise<DemoUsers> {
  const users = app.get(UsersService);
  const create = (email: string, name: string, plan: 'premium' | 'free') =>
    users.create({ email, display_name: name, subscription_plan: plan });
  return {
    admin: await create('admin@demo.finsync.local', 'Demo Admin', 'free'),
    ada: await create('ada@demo.finsync.local', 'Ada Lovelace', 'premium'),
    carla: await create('carla@demo.finsync.local', 'Carla Rossi', 'premium'),
    bob: await create('bob@demo.finsync.local', 'Bob Free', 'free'),
  };
}

async function runTaskNow(app: INestApplication, key: string): Promise<TaskRunOutcome> {
  const task = await app.get(ScheduledTaskService).findByIdOrKey(key);
  const started = await app.get(TaskRunner).start(task, app.get(Clock).now(), 'manual');
  if (!started.started) throw new Error(`${key} did not start: ${started.reason}`);
  const status = await started.done;
  const run = await app.get(RunLedgerStore).findRun(started.runId);
  if (!run) throw new Error(`Run ${started.runId} has no row`);
  return { runId: started.runId, status, details: run.details ?? {} };
}

function printSummary(
  app: INestApplication,
  baseUrl: string,
  users: DemoUsers,
  featureLines: string[],
  sharedEnv: Record<string, string>,
): void {
  const tokens = app.get(TokenService);
  const token = (user: UserEntity, role: 'admin' | 'user') =>
    tokens.sign({ id: user.id, role }, TOKEN_TTL);
  const api = `${baseUrl}/api/v1`;
  const exports = Object.entries(sharedEnv)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`
  Swagger UI   ${baseUrl}/docs   (Authorize with a token below)
  Health       ${baseUrl}/health

Tokens (valid ${TOKEN_TTL}):
  export ADMIN_TOKEN=${token(users.admin, 'admin')}
  export ADA_TOKEN=${token(users.ada, 'user')}      # Ada Lovelace, premium
  export CARLA_TOKEN=${token(users.carla, 'user')}  # Carla Rossi, premium
  export BOB_TOKEN=${token(users.bob, 'user')}      # Bob, free plan

${featureLines.join('\n')}
Try:
  curl -s -H "Authorization: Bearer $ADA_TOKEN" "${api}/transactions?limit=5"
  curl -s -H "Authorization: Bearer $ADA_TOKEN" ${api}/accounts
  curl -s -H "Authorization: Bearer $CARLA_TOKEN" ${api}/banking/connections
  curl -s -X POST -H "Authorization: Bearer $BOB_TOKEN" ${api}/banking/tink/refresh-data
  curl -s -X POST -H "Authorization: Bearer $ADA_TOKEN" ${api}/banking/gocardless/refresh-data
  curl -s -H "Authorization: Bearer $ADA_TOKEN" "${api}/banking/gocardless/institutions?country=GB"
  curl -s -H "Authorization: Bearer $ADMIN_TOKEN" ${api}/task-runs

The CLI against this demo while it runs (in another terminal):
  export ${exports}
  npm run task -- list                  # the tasks and their last runs
  npm run task -- tail                  # follow runs as they start and end
  npm run sync:tink                     # a Tink sync now, against the simulator

Press Ctrl-C to stop.`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error('demo failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
