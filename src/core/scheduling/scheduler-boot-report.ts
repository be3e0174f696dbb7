import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { describeSchedule, DescribedSchedule, formatZonedInstant } from './time/schedule-words';

/**
 * The boot and shutdown lines operators grep for (the seeds' wording): how each code-declared job is
 * scheduled, the jobs with their next run, and jobs that are on but miss the settings they need.
 */
@Injectable()
export class SchedulerBootReport {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly registry: TaskHandlerRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Once per boot of an instance that runs timers (the CLI, with its scheduler off, stays quiet). */
  warnUnconfigured(tasks: ScheduledTaskEntity[]): void {
    for (const task of tasks) {
      if (!task.enabled) continue;
      const options = this.registry.get(task.taskType)?.options;
      const missing = options?.missingSettings?.(this.config) ?? [];
      if (missing.length === 0) continue;
      this.logger.warn(
        `${this.labelOf(task)} is enabled but not configured: set ${missing.join(' and ')}; until then its runs are skipped`,
      );
    }
  }

  initialized(): void {
    this.logger.log('Scheduler initialized successfully');
  }

  disabled(instanceId: string): void {
    this.logger.log(
      `Scheduler is disabled (SCHEDULER_ENABLED=false): no timers on ${instanceId}; the API and run-now work`,
    );
  }

  started(instanceId: string, tasks: ScheduledTaskEntity[]): void {
    this.logger.log('Scheduler started');
    this.logger.log(`Scheduler instance ${instanceId}: dispatcher and stale-run sweep on`);
    for (const task of tasks) this.logger.log(this.scheduleLine(task));
    const scheduled = tasks.filter((task) => task.enabled && !task.paused);
    this.logger.log('Scheduled jobs:');
    for (const task of scheduled) {
      const next = task.nextRun ? formatZonedInstant(task.nextRun, task.timezone) : 'none';
      this.logger.log(`  - ${task.name} (ID: ${task.codeKey ?? task.id}, Next run: ${next})`);
    }
  }

  shutDown(): void {
    this.logger.log('Scheduler shut down successfully');
  }

  private scheduleLine(task: ScheduledTaskEntity): string {
    const label = this.labelOf(task);
    if (!task.enabled) return `${label} is disabled`;
    if (task.paused) return `${label} is paused`;
    return `${label} scheduled: ${describeSchedule(scheduleOf(task))}`;
  }

  private labelOf(task: ScheduledTaskEntity): string {
    return this.registry.get(task.taskType)?.options.logLabel ?? task.name;
  }
}

function scheduleOf(task: ScheduledTaskEntity): DescribedSchedule {
  switch (task.scheduleType) {
    case 'cron':
      return {
        kind: 'cron',
        expression: task.cronExpression as string,
        timeZone: task.timezone,
      };
    case 'interval':
      return { kind: 'interval', intervalSeconds: task.intervalSeconds as number };
    case 'once':
      return { kind: 'once', runAt: task.runAt as Date };
  }
}
