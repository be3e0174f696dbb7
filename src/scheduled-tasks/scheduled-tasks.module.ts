import { Module } from '@nestjs/common';
import { ScheduledTasksController } from './scheduled-tasks.controller';
import { SchedulerJobs } from './scheduler-jobs.service';
import { SchedulerStatusController } from './scheduler-status.controller';
import { TaskRunsController } from './task-runs.controller';

/** The admin REST API over core/scheduling (which is global). */
@Module({
  controllers: [ScheduledTasksController, TaskRunsController, SchedulerStatusController],
  providers: [SchedulerJobs],
})
export class ScheduledTasksModule {}
