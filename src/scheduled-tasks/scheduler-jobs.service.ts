import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { describeSchedule } from '../core/scheduling/cron.adapter';
import { ScheduledTaskEntity } from '../core/scheduling/entities/scheduled-task.entity';
import { ScheduledTaskService } from './scheduled-task.service';
import { TaskSettingsStore } from '../core/scheduling/store/task-settings.store';
import { SchedulerJobResponse, SchedulerJobTimerResponse } from './dto/scheduler-status.response';
import { isoOrNull } from './dto/task.response';

/** The code-declared tasks, with their latest run and this instance's timers. */
@Injectable()
export class SchedulerJobs {
  constructor(
    private readonly store: TaskSettingsStore,
    private readonly tasks: ScheduledTaskService,
    private readonly registry: SchedulerRegistry,
  ) {}

  async list(): Promise<SchedulerJobResponse[]> {
    const codeTasks = await this.store.findCodeTasks();
    return Promise.all(codeTasks.map((task) => this.describe(task)));
  }

  async listWithTimers(): Promise<SchedulerJobTimerResponse[]> {
    const jobs = await this.list();
    return jobs.map((job) => ({ ...job, timer_registered: this.hasTimer(job.key) }));
  }

  private async describe(task: ScheduledTaskEntity): Promise<SchedulerJobResponse> {
    const latest = await this.tasks.listRuns({ taskId: task.id, includeIdle: true }, 1);
    return {
      id: task.id,
      key: task.codeKey as string,
      name: task.name,
      next_run: isoOrNull(task.nextRun),
      trigger: describeSchedule(task),
      timezone: task.timezone,
      paused: task.paused,
      enabled: task.enabled,
      last_run: isoOrNull(task.lastRun),
      last_status: latest.items[0]?.status ?? null,
    };
  }

  // A code task's timer is a CronJob or an interval; the engine's own loops may be timeouts.
  private hasTimer(key: string): boolean {
    return (['cron', 'interval', 'timeout'] as const).some((kind) =>
      this.registry.doesExist(kind, key),
    );
  }
}
