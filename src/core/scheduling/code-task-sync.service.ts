import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../infra/database/database-errors';
import { Clock } from './clock';
import { TaskChangeRefusedError } from './scheduling.errors';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { DeclaredJob, TaskHandlerRegistry } from './task-handler-registry.service';
import { nextRunOf } from './task-schedule';
import { TaskSettingsStore } from './store/task-settings.store';

export const DEFAULT_POLICIES = {
  overlapPolicy: 'skip',
  misfirePolicy: 'run_once',
  misfireGraceSeconds: 3600,
  maxRetries: 3,
  retryDelaySeconds: 300,
} as const;

type CodeDefaults = Pick<
  ScheduledTaskEntity,
  | 'name'
  | 'description'
  | 'scheduleType'
  | 'cronExpression'
  | 'intervalSeconds'
  | 'timezone'
  | 'enabled'
  | 'overlapPolicy'
  | 'misfirePolicy'
  | 'misfireGraceSeconds'
  | 'maxRetries'
  | 'retryDelaySeconds'
  | 'timeoutSeconds'
>;

/**
 * Upserts one `scheduled_tasks` row per code-declared job at boot. Defaults come from the decorators
 * and config; a row an operator edited through the API keeps the operator's values until reset.
 * next_run survives restarts unchanged (it is where misfire catch-up starts) unless the schedule changed.
 */
@Injectable()
export class CodeTaskSync {
  private readonly logger = new Logger('CodeTaskSync');

  constructor(
    private readonly handlers: TaskHandlerRegistry,
    private readonly store: TaskSettingsStore,
    private readonly clock: Clock,
  ) {}

  async syncAll(): Promise<ScheduledTaskEntity[]> {
    const rows: ScheduledTaskEntity[] = [];
    for (const job of this.handlers.jobs()) rows.push(await this.sync(job));
    return rows;
  }

  defaultsOf({ key, options, schedule, enabled }: DeclaredJob): CodeDefaults {
    return {
      name: options.name ?? key,
      description: options.description ?? null,
      scheduleType: schedule.kind,
      cronExpression: schedule.kind === 'cron' ? schedule.expression : null,
      intervalSeconds: schedule.kind === 'interval' ? schedule.intervalSeconds : null,
      timezone: schedule.kind === 'cron' ? schedule.timeZone : 'UTC',
      enabled,
      overlapPolicy: options.overlap ?? DEFAULT_POLICIES.overlapPolicy,
      misfirePolicy: options.misfire?.policy ?? DEFAULT_POLICIES.misfirePolicy,
      misfireGraceSeconds: options.misfire?.graceSeconds ?? DEFAULT_POLICIES.misfireGraceSeconds,
      maxRetries: options.retry?.maxRetries ?? DEFAULT_POLICIES.maxRetries,
      retryDelaySeconds: options.retry?.delaySeconds ?? DEFAULT_POLICIES.retryDelaySeconds,
      timeoutSeconds: options.timeoutSeconds ?? null,
    };
  }

  /** Puts a code-declared task back to its code defaults (the API's reset). */
  async reset(task: ScheduledTaskEntity): Promise<ScheduledTaskEntity> {
    const job = this.handlers.jobs().find(({ key }) => key === task.codeKey);
    if (!job)
      throw new TaskChangeRefusedError(`Task ${task.codeKey} is no longer declared in code`);
    Object.assign(task, this.defaultsOf(job), {
      operatorModified: false,
      paused: false,
    });
    task.nextRun = nextRunOf(task, this.clock.now());
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.store.saveSettings(task, { retimed: true });
    return (await this.store.findTask(task.id)) ?? task;
  }

  private async sync(job: DeclaredJob): Promise<ScheduledTaskEntity> {
    const defaults = this.defaultsOf(job);
    const existing = await this.store.findTaskByCodeKey(job.key);
    if (!existing) return this.insert(job.key, defaults);
    if (existing.operatorModified) return existing;

    const scheduleChanged =
      existing.scheduleType !== defaults.scheduleType ||
      existing.cronExpression !== defaults.cronExpression ||
      existing.intervalSeconds !== defaults.intervalSeconds ||
      existing.timezone !== defaults.timezone ||
      existing.enabled !== defaults.enabled;
    const changed =
      scheduleChanged ||
      (Object.keys(defaults) as (keyof CodeDefaults)[]).some((k) => existing[k] !== defaults[k]);
    if (!changed) return existing;
    Object.assign(existing, defaults);
    const retimed = scheduleChanged || !existing.nextRun;
    if (retimed) existing.nextRun = nextRunOf(existing, this.clock.now());
    existing.version += 1;
    existing.updatedAt = this.clock.now();
    this.logger.log(`Code-declared task ${job.key} updated from code`);
    await this.store.saveSettings(existing, { retimed });
    return existing;
  }

  private async insert(key: string, defaults: CodeDefaults): Promise<ScheduledTaskEntity> {
    const task = this.store.newTask({
      ...defaults,
      id: randomUUID(),
      taskType: key,
      codeKey: key,
      origin: 'code',
      sourceId: null,
      // Anchored at the epoch so every instance, and every restart, agrees on interval fires.
      anchorAt: new Date(0),
      runAt: null,
      paused: false,
      payload: null,
      status: 'pending',
    });
    task.nextRun = nextRunOf(task, this.clock.now());
    try {
      await this.store.insertTask(task);
      this.logger.log(`Code-declared task ${key} created`);
      return task;
    } catch (error) {
      // Another instance booting at the same moment inserted it first.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.store.findTaskByCodeKey(key);
      if (!winner) throw error;
      return winner;
    }
  }
}
