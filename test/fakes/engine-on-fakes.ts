import { MetadataScanner } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/load-config';
import { CronAdapter } from '../../src/core/scheduling/cron.adapter';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { HandlerInvoker } from '../../src/core/scheduling/handler-invoker';
import { OverlapGate } from '../../src/core/scheduling/overlap-gate';
import { RunHeartbeat } from '../../src/core/scheduling/run-heartbeat';
import { RunProgressPublisher } from '../../src/core/scheduling/run-progress-publisher';
import { RunOutcomeWriter } from '../../src/core/scheduling/run-outcome-writer';
import { StaleRunSweeper } from '../../src/core/scheduling/stale-run-sweeper';
import { TaskDispatcher } from '../../src/core/scheduling/task-dispatcher.service';
import { TaskHandlerRegistry } from '../../src/core/scheduling/task-handler-registry.service';
import { TaskRunner } from '../../src/core/scheduling/task-runner.service';
import { ProbeTasks } from '../fixtures/scheduling/probe-tasks.module';
import { FakeClock } from './fake-clock';
import { inMemorySchedulingStores, InMemorySchedulingStores } from './in-memory-scheduling-stores';
import { taskRow } from './task-rows';

export interface EngineOnFakes extends InMemorySchedulingStores {
  clock: FakeClock;
  config: AppConfig;
  events: EventEmitter2;
  handlers: TaskHandlerRegistry;
  /** `test.probe` does what its payload says (sleep, fail, report a failure) and records each call. */
  probes: ProbeTasks;
  outcomes: RunOutcomeWriter;
  runner: TaskRunner;
  dispatcher: TaskDispatcher;
  sweeper: StaleRunSweeper;
  /** Inserts a task (see taskRow for its defaults) and returns it as the engine would read it. */
  addTask(overrides?: Partial<ScheduledTaskEntity>): Promise<ScheduledTaskEntity>;
}

/**
 * The engine as SchedulingModule wires it, on in-memory stores and a fake clock instead of a
 * database and the system time, with the probe handlers registered.
 */
export function engineOnFakes(options: {
  now: string;
  env?: Record<string, string>;
}): EngineOnFakes {
  const clock = new FakeClock(options.now);
  const config = new AppConfig(
    validateEnvironment({ SCHEDULER_INSTANCE_ID: 'instance-a', ...options.env }),
  );
  const stores = inMemorySchedulingStores(clock);
  const { settings, state, ledger } = stores;
  const events = new EventEmitter2();
  // No Nest discovery here: the probe handlers are adopted from their object directly.
  const handlers = new TaskHandlerRegistry(undefined as never, new MetadataScanner(), config);
  const probes = new ProbeTasks();
  const problems = handlers.adopt(probes);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const outcomes = new RunOutcomeWriter(config, ledger.asStore(), state.asStore(), clock);
  const runner = new TaskRunner(
    config,
    ledger.asStore(),
    state.asStore(),
    outcomes,
    new OverlapGate(ledger.asStore(), state.asStore(), events, clock),
    new HandlerInvoker(handlers),
    new RunHeartbeat(config, ledger.asStore(), clock),
    new RunProgressPublisher(ledger.asStore(), events, clock),
    events,
    clock,
  );
  const timers = new CronAdapter(new SchedulerRegistry());
  const dispatcher = new TaskDispatcher(
    config,
    state.asStore(),
    settings.asStore(),
    ledger.asStore(),
    runner,
    timers,
    events,
    clock,
  );
  const sweeper = new StaleRunSweeper(
    config,
    ledger.asStore(),
    settings.asStore(),
    state.asStore(),
    runner,
    timers,
    clock,
    events,
  );
  return {
    ...stores,
    clock,
    config,
    events,
    handlers,
    probes,
    outcomes,
    runner,
    dispatcher,
    sweeper,
    addTask: async (overrides = {}) => {
      const task = taskRow(overrides);
      await settings.insertTask(task);
      return (await settings.findTask(task.id)) as ScheduledTaskEntity;
    },
  };
}
