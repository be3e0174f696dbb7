import { Module } from '@nestjs/common';
import { ScheduledTaskService } from './scheduled-task.service';
import { ScheduledTasksController } from './scheduled-tasks.controller';
import { SchedulerJobs } from './scheduler-jobs.service';
import { SchedulerStatusController } from './scheduler-status.controller';
import { TaskRunsController } from './task-runs.controller';
import { TaskValidator } from './task-validator';

/**
 * Operating tasks over the engine (core/scheduling, which is global): the admin REST API and the
 * operator service behind it. Features start their own jobs through the engine's `TaskCommands`.
 */
@Module({
  controllers: [ScheduledTasksController, TaskRunsController, SchedulerStatusController],
  providers: [ScheduledTaskService, TaskValidator, SchedulerJobs],
  exports: [ScheduledTaskService],
})
export class ScheduledTasksModule {}
