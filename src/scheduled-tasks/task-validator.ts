import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock } from '../core/scheduling/clock';
import { ScheduledTaskEntity } from '../core/scheduling/entities/scheduled-task.entity';
import { InvalidTaskError } from '../core/scheduling/scheduling.errors';
import { checkTaskPayload } from '../core/scheduling/task-payload';
import { scheduleSpecOf } from '../core/scheduling/task-schedule';
import { describeCronProblem } from '../core/scheduling/time/cron-expression';
import { nextFires } from '../core/scheduling/time/next-fire';
import { isValidTimeZone } from '../core/scheduling/time/zoned-time';
import {
  RegisteredHandler,
  TaskHandlerRegistry,
} from '../core/scheduling/task-handler-registry.service';
import { schedulingConfig } from '../core/scheduling/scheduling.config';

/** The time zone and the cron of a schedule: what a saved task and a preview both need. */
export function zoneAndCronProblems(timezone: string, cron: string | null): string[] {
  return [
    isValidTimeZone(timezone) ? null : `timezone ${timezone} is not an IANA time zone`,
    cron ? describeCronProblem(cron) : null,
  ].filter((problem): problem is string => problem !== null);
}

/** `property x should not exist` becomes `payload.x should not exist`. */
function describePayloadProblem(message: string): string {
  const unknown = message.match(/^property (.+) should not exist$/);
  return unknown ? `payload.${unknown[1]} should not exist` : `payload.${message}`;
}

/** Whether a task may be saved as it stands: every problem at once, not only the first. */
@Injectable()
export class TaskValidator {
  constructor(
    private readonly config: AppConfig,
    private readonly handlers: TaskHandlerRegistry,
    private readonly clock: Clock,
  ) {}

  /** InvalidTaskError naming every problem of the task. */
  async assertValid(task: ScheduledTaskEntity): Promise<void> {
    const problems = await this.problemsOf(task);
    if (problems.length > 0) throw new InvalidTaskError(problems);
  }

  private async problemsOf(task: ScheduledTaskEntity): Promise<string[]> {
    const problems: string[] = [];
    const handler = this.handlers.get(task.taskType);
    if (!handler) {
      problems.push(
        `task_type ${task.taskType} is not registered; valid types: ${this.handlers.keys().join(', ')}`,
      );
    }
    const scheduleProblems = this.scheduleProblemsOf(task);
    problems.push(...scheduleProblems);
    if (!handler) return problems;
    problems.push(...this.syncFrequencyProblems(handler, task, scheduleProblems.length === 0));
    const { problems: payloadProblems } = await checkTaskPayload(
      handler.options.payload,
      task.payload,
    );
    problems.push(...payloadProblems.map(describePayloadProblem));
    return problems;
  }

  private scheduleProblemsOf(task: ScheduledTaskEntity): string[] {
    const problems = zoneAndCronProblems(
      task.timezone,
      task.scheduleType === 'cron' ? task.cronExpression : null,
    );
    const missing = this.missingScheduleField(task);
    return missing ? [...problems, missing] : problems;
  }

  private missingScheduleField(task: ScheduledTaskEntity): string | null {
    switch (task.scheduleType) {
      case 'cron':
        return task.cronExpression ? null : 'cron is required when schedule_type is cron';
      case 'interval':
        return task.intervalSeconds
          ? null
          : 'interval_seconds is required when schedule_type is interval';
      case 'once':
        if (!task.runAt) return 'run_at is required when schedule_type is once';
        return task.enabled && !task.paused && task.runAt <= this.clock.now()
          ? 'run_at must be in the future'
          : null;
    }
  }

  /** A sync type may not fire more often than MIN_SYNC_INTERVAL_SECONDS, whatever the schedule's form. */
  private syncFrequencyProblems(
    handler: RegisteredHandler,
    task: ScheduledTaskEntity,
    scheduleValid: boolean,
  ): string[] {
    if (!handler.options.sync) return [];
    const minimum = this.config.get(schedulingConfig).minSyncIntervalSeconds;
    if (task.scheduleType === 'interval' && task.intervalSeconds && task.intervalSeconds < minimum)
      return [
        `interval_seconds must be at least ${minimum} for the sync task type ${task.taskType}`,
      ];
    if (task.scheduleType !== 'cron' || !scheduleValid) return [];
    const fires = nextFires(scheduleSpecOf(task), this.clock.now(), 25);
    const smallestGapMs = Math.min(
      ...fires.slice(1).map((fire, i) => fire.getTime() - fires[i].getTime()),
    );
    if (smallestGapMs >= minimum * 1000) return [];
    return [
      `cron fires every ${smallestGapMs / 1000}s at most; the sync task type ${task.taskType} needs at least ${minimum}s between runs`,
    ];
  }
}
