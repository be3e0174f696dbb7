import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { loadEnvironment } from '../src/config/load-config';
import { createRootLogger } from '../src/core/logging/logger.factory';
import { PinoLoggerService } from '../src/core/logging/pino-logger.service';
import { Clock } from '../src/core/scheduling/clock';
import { ScheduledTaskEntity } from '../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../src/core/scheduling/entities/task-log.entity';
import { ScheduledTaskService } from '../src/scheduled-tasks/scheduled-task.service';
import { RunStatus } from '../src/core/scheduling/scheduling.types';
import { TaskHandlerRegistry } from '../src/core/scheduling/task-handler-registry.service';
import { StartResult } from '../src/core/scheduling/run-start';
import { TaskRunner } from '../src/core/scheduling/task-runner.service';
import { RunLedgerStore } from '../src/core/scheduling/store/run-ledger.store';
import { printItemCounts, showRunProgress } from './cli/run-progress-display';
import {
  describeItems,
  describeSchedule,
  durationSeconds,
  formatInstant,
  labelOf,
  oneLine,
  printTable,
} from './task/cli-format';
import { describeDatabase, takeDatabaseUrl } from './task/database-option';
import { CommandAction } from './task/ops-command';
import { OPS_COMMANDS, OPS_USAGE } from './task/ops-commands';
import { UsageError } from './task/usage-error';

const USAGE = `Usage: npm run task -- <command> [--verbose] [--database-url <url>]

  list [--limit N]            scheduled tasks: schedule, state, status, last and next run (default 200)
  run <key|id>                run a task now through the runner and wait for its outcome; shows its
                              progress (a bar on a terminal, plain lines otherwise) and item counts
  runs <key|id> [--limit N]   run history of a task, newest first (default 20)
${OPS_USAGE}

--database-url mysql://…|sqlite:<path> reads that database instead of DATABASE_URL (unset: the
embedded ./data/finsync.sqlite; the demo's is sqlite:./data/demo.sqlite); every command names the
database it reads on stderr first.
The scheduler's timers stay off in this process. Logs go to stderr (warn, or info with --verbose).
Exit codes: 0 done, 1 the run did not complete (partial: some items failed; failed, timed_out, …)
or the task was not found, 2 bad usage.`;

type Command =
  | { name: 'list'; limit: number }
  | { name: 'run'; task: string }
  | { name: 'runs'; task: string; limit: number }
  | { name: 'ops'; action: CommandAction };

interface Invocation {
  command: Command;
  verbose: boolean;
  databaseUrl?: string;
}

/** A handler may report `skipped` (nothing to do): that is not a failure. */
const SUCCESSFUL_RUN_STATUSES: RunStatus[] = ['completed', 'skipped'];

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let invocation: Invocation;
  try {
    invocation = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`task: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const context = await bootContext(invocation.verbose, invocation.databaseUrl);
  try {
    return await execute(invocation.command, context);
  } catch (error) {
    console.error(`task: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await context.close();
  }
}

function execute(command: Command, context: INestApplicationContext): Promise<number> {
  switch (command.name) {
    case 'list':
      return listTasks(context, command.limit);
    case 'run':
      return runTask(context, command.task);
    case 'runs':
      return listRuns(context, command.task, command.limit);
    case 'ops':
      return command.action(context);
  }
}

// --- arguments ---

function parseArguments(argv: string[]): Invocation {
  const { rest, databaseUrl } = takeDatabaseUrl(argv);
  const verbose = rest.includes('--verbose');
  const ops = OPS_COMMANDS[rest[0]];
  if (ops) {
    const action = ops.parse(rest.slice(1).filter((argument) => argument !== '--verbose'));
    return { command: { name: 'ops', action }, verbose, databaseUrl };
  }
  return { ...parseCoreArguments(rest), databaseUrl };
}

function parseCoreArguments(argv: string[]): Invocation {
  const positional: string[] = [];
  let limit: number | undefined;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--verbose') verbose = true;
    else if (argument === '--limit') limit = parseLimit(argv[++i]);
    else if (argument.startsWith('--limit=')) limit = parseLimit(argument.slice('--limit='.length));
    else if (argument.startsWith('-')) throw new UsageError(`unknown option ${argument}`);
    else positional.push(argument);
  }
  const [name, task, ...extra] = positional;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  if (name === 'list' && task === undefined)
    return { command: { name, limit: limit ?? 200 }, verbose };
  if (name === 'run' && task !== undefined && limit === undefined)
    return { command: { name, task }, verbose };
  if (name === 'runs' && task !== undefined)
    return { command: { name, task, limit: limit ?? 20 }, verbose };
  throw new UsageError(name ? `bad arguments for ${name}` : 'a command is required');
}

function parseLimit(value: string | undefined): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError('--limit must be an integer from 1 to 10000');
  return limit;
}

// --- boot ---

/** The application without HTTP and with the scheduler off: only what the command asks for runs. */
async function bootContext(
  verbose: boolean,
  databaseUrl: string | undefined,
): Promise<INestApplicationContext> {
  const config = new AppConfig(
    loadEnvironment({
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: verbose ? 'info' : 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  );
  const source = databaseUrl ? 'option' : process.env.DATABASE_URL ? 'env' : 'default';
  console.error(describeDatabase(config.database, source));
  const logger = new PinoLoggerService(
    createRootLogger(
      { level: config.logLevel, pretty: false },
      pino.destination({ dest: 2, sync: true }),
    ),
  );
  const context = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger,
    abortOnError: false,
  });
  // Ctrl-C during `run` drains the run (recorded interrupted) instead of leaving it `running`.
  context.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  return context;
}

// --- commands ---

async function listTasks(context: INestApplicationContext, limit: number): Promise<number> {
  const service = context.get(ScheduledTaskService);
  const tasks: ScheduledTaskEntity[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.list({}, Math.min(limit - tasks.length, 500), cursor);
    tasks.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && tasks.length < limit);
  printTable(
    ['KEY / ID', 'TYPE', 'SCHEDULE', 'STATE', 'STATUS', 'LAST RUN', 'NEXT RUN'],
    tasks.map((task) => [
      task.codeKey ?? task.id,
      task.taskType,
      describeSchedule(task),
      task.enabled ? (task.paused ? 'paused' : 'enabled') : 'disabled',
      task.status,
      formatInstant(task.lastRun),
      formatInstant(task.nextRun),
    ]),
  );
  if (cursor) console.error(`Showing the first ${limit} tasks; pass --limit to see more.`);
  return 0;
}

async function runTask(context: INestApplicationContext, idOrKey: string): Promise<number> {
  const task = await context.get(ScheduledTaskService).findByIdOrKey(idOrKey);
  if (!context.get(TaskHandlerRegistry).get(task.taskType))
    throw new Error(`No handler is registered for task_type ${task.taskType}`);
  const result = await context.get(TaskRunner).start(task, context.get(Clock).now(), 'manual');
  if (!result.started) return reportRefusal(task, result.reason);

  console.log(`Run ${result.runId} of ${labelOf(task)} started`);
  const stopProgress = showRunProgress(context, result.runId);
  const status = await result.done.finally(stopProgress);
  const run = await context.get(RunLedgerStore).findRun(result.runId);
  const seconds = run?.executionEnd
    ? ` in ${durationSeconds(run.executionStart, run.executionEnd)}`
    : '';
  console.log(`Run ${result.runId} ${status}${seconds}`);
  printItemCounts(run);
  if (run?.errorMessage) console.log(`Error: ${run.errorMessage}`);
  if (run?.details) console.log(`Details: ${JSON.stringify(run.details)}`);
  const retry = await context.get(ScheduledTaskService).get(task.id);
  if (retry.retryAt && retry.retryAttempt)
    console.log(
      `Attempt ${retry.retryAttempt} is scheduled for ${formatInstant(retry.retryAt)} (runs on a scheduler instance)`,
    );
  return SUCCESSFUL_RUN_STATUSES.includes(status) ? 0 : 1;
}

function reportRefusal(
  task: ScheduledTaskEntity,
  reason: Extract<StartResult, { started: false }>['reason'],
): number {
  switch (reason) {
    case 'buffered':
      console.log(
        `${labelOf(task)} is running elsewhere; this fire runs right after it (overlap policy buffer_one)`,
      );
      return 0;
    case 'overlap_skipped':
      console.log(
        `Not run: ${labelOf(task)} is already running and its overlap policy is ${task.overlapPolicy}; the fire is recorded as skipped`,
      );
      return 1;
    case 'claimed_elsewhere':
      console.log(`Not run: another instance claimed this fire of ${labelOf(task)}`);
      return 1;
    case 'shutting_down':
      console.log('Not run: shutting down');
      return 1;
  }
}

async function listRuns(
  context: INestApplicationContext,
  idOrKey: string,
  limit: number,
): Promise<number> {
  const service = context.get(ScheduledTaskService);
  const task = await service.findByIdOrKey(idOrKey);
  // One task's history asked for by name: idle runs too (the API hides them unless include_idle).
  const page = await service.listRuns({ taskId: task.id, includeIdle: true }, limit);
  if (page.items.length === 0) {
    console.log(`No runs of ${labelOf(task)} yet`);
    return 0;
  }
  printTable(
    [
      'RUN ID',
      'SCHEDULED FOR',
      'TRIGGER',
      'ATTEMPT',
      'STATUS',
      'STARTED',
      'DURATION',
      'ITEMS',
      'ERROR',
    ],
    page.items.map((run: TaskLogEntity) => [
      run.id,
      formatInstant(run.scheduledFor),
      run.trigger,
      String(run.attempt),
      run.idle ? `${run.status} (idle)` : run.status,
      formatInstant(run.executionStart),
      run.executionEnd ? durationSeconds(run.executionStart, run.executionEnd) : '-',
      describeItems(run),
      oneLine(run.errorMessage ?? '', 80),
    ]),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`task: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
