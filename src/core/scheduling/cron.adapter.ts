import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { nextFireAfter } from './time/next-fire';
import { scheduleSpecOf } from './task-schedule';

type Tick = () => void;

/**
 * The only user of SchedulerRegistry and `cron`. Code-declared tasks become named CronJobs (or
 * anchored intervals); engine loops become named intervals/timeouts. A tick never does work itself:
 * it hands over to the engine, which claims the fire.
 */
@Injectable()
export class CronAdapter {
  private readonly logger = new Logger('CronAdapter');
  /** The schedule each code task's timer was built from, to notice operator edits. */
  private readonly timerSignatures = new Map<string, string>();

  constructor(private readonly registry: SchedulerRegistry) {}

  /** (Re)creates the timer of a code-declared task; removes it when the task cannot fire. */
  scheduleCodeTask(task: ScheduledTaskEntity, onTick: Tick): void {
    const name = task.codeKey as string;
    const signature = timerSignature(task);
    if (this.timerSignatures.get(name) === signature) return;
    this.removeCodeTask(name);
    this.timerSignatures.set(name, signature);
    if (!task.enabled || task.paused) return;

    if (task.scheduleType === 'cron') {
      const job = CronJob.from({
        cronTime: task.cronExpression as string,
        onTick,
        timeZone: task.timezone,
        start: false,
        // The engine catches up itself; cron must not fire late ticks of its own accord.
        threshold: 0,
      });
      this.registry.addCronJob(
        name,
        job as unknown as Parameters<SchedulerRegistry['addCronJob']>[1],
      );
      job.start();
    } else if (task.scheduleType === 'interval') {
      this.startAnchoredInterval(name, task, onTick);
    }
    this.logger.log(`Timer for ${name}: ${describeSchedule(task)}`);
  }

  removeCodeTask(name: string): void {
    this.timerSignatures.delete(name);
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
  }

  addInterval(name: string, ms: number, onTick: Tick): void {
    this.removeInterval(name);
    this.registry.addInterval(name, setInterval(onTick, ms));
  }

  removeInterval(name: string): void {
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }

  /** A one-shot named timeout, replacing any earlier one of the same name. */
  setTimeout(name: string, ms: number, onTick: Tick): void {
    this.removeTimeout(name);
    const timer = setTimeout(() => {
      if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
      onTick();
    }, ms);
    this.registry.addTimeout(name, timer);
  }

  removeTimeout(name: string): void {
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
  }

  codeTaskNames(): string[] {
    return [...this.timerSignatures.keys()];
  }

  stopAll(): void {
    for (const name of this.codeTaskNames()) this.removeCodeTask(name);
  }

  /** An interval aligned to anchor + k·interval: a timeout to the next fire, then setInterval. */
  private startAnchoredInterval(name: string, task: ScheduledTaskEntity, onTick: Tick): void {
    const intervalMs = (task.intervalSeconds as number) * 1000;
    const now = new Date();
    const first = nextFireAfter(scheduleSpecOf(task), now) as Date;
    const timer = setTimeout(() => {
      this.registry.deleteTimeout(name);
      this.registry.addInterval(name, setInterval(onTick, intervalMs));
      onTick();
    }, first.getTime() - now.getTime());
    this.registry.addTimeout(name, timer);
  }
}

function timerSignature(task: ScheduledTaskEntity): string {
  return JSON.stringify([
    task.scheduleType,
    task.cronExpression,
    task.intervalSeconds,
    task.timezone,
    task.enabled,
    task.paused,
  ]);
}

export function describeSchedule(
  task: Pick<
    ScheduledTaskEntity,
    'scheduleType' | 'cronExpression' | 'intervalSeconds' | 'timezone' | 'runAt'
  >,
): string {
  switch (task.scheduleType) {
    case 'cron':
      return `cron[${task.cronExpression}] ${task.timezone}`;
    case 'interval':
      return `interval[${task.intervalSeconds}s]`;
    case 'once':
      return `once[${task.runAt?.toISOString()}]`;
  }
}
