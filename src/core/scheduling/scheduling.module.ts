import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { Clock, SystemClock } from './clock';
import { CodeTaskSync } from './code-task-sync.service';
import { CodeTaskTimers } from './code-task-timers.service';
import { CronAdapter } from './cron.adapter';
import { HousekeepingTasks } from './housekeeping.tasks';
import { OrphanedTaskCheck } from './orphaned-task-check.service';
import { RunOutcomeWriter } from './run-outcome-writer';
import { ScheduledTaskService } from './scheduled-task.service';
import { SchedulerService } from './scheduler.service';
import { TaskDispatcher } from './task-dispatcher.service';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { TaskRunner } from './task-runner.service';
import { TaskStore } from './task-store.service';

/** The scheduling engine: knows nothing about Tink, FTP or LinkedIn. */
@Global()
@Module({
  // The engine registers @Cron and @Interval jobs in SchedulerRegistry itself (TaskHandlerRegistry,
  // CodeTaskTimers); Nest's explorer would fire them a second time, outside the ledger.
  imports: [DiscoveryModule, ScheduleModule.forRoot({ cronJobs: false, intervals: false })],
  providers: [
    { provide: Clock, useClass: SystemClock },
    TaskStore,
    RunOutcomeWriter,
    TaskHandlerRegistry,
    TaskRunner,
    CronAdapter,
    TaskDispatcher,
    CodeTaskSync,
    CodeTaskTimers,
    OrphanedTaskCheck,
    SchedulerService,
    ScheduledTaskService,
    HousekeepingTasks,
  ],
  exports: [
    Clock,
    TaskHandlerRegistry,
    TaskRunner,
    TaskStore,
    SchedulerService,
    ScheduledTaskService,
    TaskDispatcher,
  ],
})
export class SchedulingModule {}
