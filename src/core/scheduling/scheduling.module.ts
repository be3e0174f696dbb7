import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from './clock';
import { CodeTaskSync } from './code-task-sync.service';
import { CodeTaskTimers } from './code-task-timers.service';
import { CronAdapter } from './cron.adapter';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskLogEntity } from './entities/task-log.entity';
import { HandlerInvoker } from './handler-invoker';
import { HousekeepingTasks } from './housekeeping.tasks';
import { OverlapGate } from './overlap-gate';
import { RunHeartbeat } from './run-heartbeat';
import { RunProgressPublisher } from './run-progress-publisher';
import { OrphanedTaskCheck } from './orphaned-task-check.service';
import { RunOutcomeWriter } from './run-outcome-writer';
import { SchedulerBootReport } from './scheduler-boot-report';
import { SchedulerService } from './scheduler.service';
import { StaleRunSweeper } from './stale-run-sweeper';
import { TaskCleanup } from './task-cleanup.service';
import { TaskCommands } from './task-commands';
import { TaskDispatcher } from './task-dispatcher.service';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { TaskRunner } from './task-runner.service';
import { EngineSql } from './store/engine-sql';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskCleanupStore } from './store/task-cleanup.store';
import { TaskSettingsStore } from './store/task-settings.store';
import { TaskStateStore } from './store/task-state.store';

/** The scheduling engine: knows nothing about Tink, FTP or LinkedIn. */
@Global()
@Module({
  // The engine registers @Cron and @Interval jobs in SchedulerRegistry itself (TaskHandlerRegistry,
  // CodeTaskTimers); Nest's explorer would fire them a second time, outside the ledger.
  imports: [
    DiscoveryModule,
    ScheduleModule.forRoot({ cronJobs: false, intervals: false }),
    TypeOrmModule.forFeature([ScheduledTaskEntity, TaskLogEntity]),
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    EngineSql,
    TaskSettingsStore,
    TaskStateStore,
    RunLedgerStore,
    RunOutcomeWriter,
    TaskHandlerRegistry,
    OverlapGate,
    HandlerInvoker,
    RunHeartbeat,
    RunProgressPublisher,
    TaskRunner,
    CronAdapter,
    TaskDispatcher,
    CodeTaskSync,
    CodeTaskTimers,
    OrphanedTaskCheck,
    SchedulerService,
    SchedulerBootReport,
    TaskCommands,
    TaskCleanupStore,
    TaskCleanup,
    HousekeepingTasks,
    StaleRunSweeper,
  ],
  exports: [
    Clock,
    TaskHandlerRegistry,
    TaskRunner,
    TaskSettingsStore,
    TaskStateStore,
    RunLedgerStore,
    SchedulerService,
    TaskCommands,
    CodeTaskSync,
    TaskDispatcher,
    StaleRunSweeper,
  ],
})
export class SchedulingModule {}
