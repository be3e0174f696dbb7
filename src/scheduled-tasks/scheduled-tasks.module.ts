import { Global, Module } from '@nestjs/common';
import { ScheduledTaskService } from './scheduled-task.service';
import { ScheduledTasksController } from './scheduled-tasks.controller';
import { SchedulerJobs } from './scheduler-jobs.service';
import { SchedulerStatusController } from './scheduler-status.controller';
import { TaskRunsController } from './task-runs.controller';
import { TaskValidator } from './task-validator';

/**
 * Operating tasks over the engine (core/scheduling, which is global): the admin REST API and the
 * operator service behind it. Global because feature modules start their tasks through it (e.g.
 * the credit-portfolio import's trigger route).
 */
@Global()
@Module({
  controllers: [ScheduledTasksController, TaskRunsController, SchedulerStatusController],
  providers: [ScheduledTaskService, TaskValidator, SchedulerJobs],
  exports: [ScheduledTaskService],
})
export class ScheduledTasksModule {}
