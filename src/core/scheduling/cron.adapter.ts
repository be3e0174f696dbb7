import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { scheduleSpecOf } from './task-schedule';
import { EngineCronTime } from './timers/engine-cron-time';
import { startFireTimer } from './timers/fire-timer';

type Tick = () => void;

/**
 * The only user of SchedulerRegistry and `cron`. Code-declared tasks become named CronJobs (cron),
 * intervals (interval) or timeouts (once) ticking at the fires of their row's schedule; engine
 * loops become named intervals/timeouts. A tick never does work itself: it hands over to the
 * engine, which claims the fire.
 */
@Injectable()
export class CronAdapter {
  private readonly logger = new Logger('CronAdapter');
  /** The schedule each code task's timer was built from, to notice edits. */
  private readonly timerSignatures = new Map<string, string>();

  constructor(private readonly registry: SchedulerRegistry) {}

  /**
   * (Re)creates the timer of a code-declared task when its schedule changed; none while the task
   * cannot fire. Returns whether it did. Throws when the stored schedule cannot be timed.
   */
  scheduleCodeTask(task: ScheduledTaskEntity, onTick: Tick): boolean {
    const name = task.codeKey as string;
    const signature = timerSignature(task);
    if (this.timerSignatures.get(name) === signature) return false;
    this.removeCodeTask(name);
    this.timerSignatures.set(name, signature);
    if (!task.enabled || task.paused) return true;

    const spec = scheduleSpecOf(task);
    if (spec.kind === 'cron') {
      const job = CronJob.from({ cronTime: spec.expression, timeZone: spec.timeZone, onTick });
      job.setTime(new EngineCronTime(spec));
      this.registry.addCronJob(
        name,
        job as unknown as Parameters<SchedulerRegistry['addCronJob']>[1],
      );
      job.start();
    } else {
      const kind = spec.kind === 'interval' ? 'interval' : 'timeout';
      startFireTimer(spec, onTick, (timeout) => this.replaceTimer(kind, name, timeout));
    }
    this.logger.log(`Timer for ${name}: ${describeSchedule(task)}`);
    return true;
  }

  removeCodeTask(name: string): void {
    this.timerSignatures.delete(name);
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
  }

  addInterval(name: string, ms: number, onTick: Tick): void {
    this.assertNotCodeTask(name);
    this.removeInterval(name);
    this.registry.addInterval(name, setInterval(onTick, ms));
  }

  removeInterval(name: string): void {
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }

  /** A one-shot named timeout, replacing any earlier one of the same name. */
  setTimeout(name: string, ms: number, onTick: Tick): void {
    this.assertNotCodeTask(name);
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

  /** An engine loop and a code-declared task sharing a name would delete each other's timer. */
  private assertNotCodeTask(name: string): void {
    if (this.timerSignatures.has(name))
      throw new Error(
        `The engine's timer ${name} has the name of a code-declared task: rename the task`,
      );
  }

  /** A fire timer re-arms a new timeout after each tick; the registry keeps the current one. */
  private replaceTimer(
    kind: 'interval' | 'timeout',
    name: string,
    timeout: NodeJS.Timeout | null,
  ): void {
    if (kind === 'interval') {
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
      if (timeout) this.registry.addInterval(name, timeout);
    } else {
      if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
      if (timeout) this.registry.addTimeout(name, timeout);
    }
  }
}

function timerSignature(task: ScheduledTaskEntity): string {
  return JSON.stringify([
    task.scheduleType,
    task.cronExpression,
    task.intervalSeconds,
    task.anchorAt.getTime(),
    task.runAt?.getTime(),
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
