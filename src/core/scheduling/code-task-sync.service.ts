import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../infra/database/database-errors';
import { Clock } from './clock';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { FromConfig, ScheduledTaskOptions } from './scheduled-task.decorator';
import { TaskHandlerRegistry } from './task-handler-registry.service';
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
 * Upserts one `scheduled_tasks` row per code-declared task at boot. Defaults come from the decorator
 * and config; a row an operator edited through the API keeps the operator's values until reset.
 * next_run survives restarts unchanged (it is where misfire catch-up starts) unless the schedule changed.
 */
@Injectable()
export class CodeTaskSync {
  private readonly logger = new Logger('CodeTaskSync');

  constructor(
    private readonly config: AppConfig,
    private readonly handlers: TaskHandlerRegistry,
    private readonly store: TaskSettingsStore,
    private readonly clock: Clock,
  ) {}

  async syncAll(): Promise<ScheduledTaskEntity[]> {
    const rows: ScheduledTaskEntity[] = [];
    for (const { options } of this.handlers.all()) {
      if (options.cron === undefined && options.intervalMs === undefined) continue;
      rows.push(await this.sync(options));
    }
    return rows;
  }

  defaultsOf(options: ScheduledTaskOptions): CodeDefaults {
    const cron = this.resolve(options.cron);
    const intervalMs = this.resolve(options.intervalMs);
    return {
      name: options.name ?? options.key,
      description: options.description,
      scheduleType: cron !== undefined ? 'cron' : 'interval',
      cronExpression: cron ?? null,
      intervalSeconds: intervalMs !== undefined ? Math.max(1, Math.round(intervalMs / 1000)) : null,
      timezone: this.resolve(options.timeZone) ?? 'UTC',
      enabled: options.enabledFlag ? this.config.featureFlag(options.enabledFlag) : true,
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
    const handler = task.codeKey ? this.handlers.get(task.codeKey) : undefined;
    if (!handler) throw new Error(`Task ${task.id} is not code-declared`);
    Object.assign(task, this.defaultsOf(handler.options), {
      operatorModified: false,
      paused: false,
    });
    task.nextRun = nextRunOf(task, this.clock.now());
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.store.saveSettings(task, { retimed: true });
    return (await this.store.findTask(task.id)) ?? task;
  }

  private async sync(options: ScheduledTaskOptions): Promise<ScheduledTaskEntity> {
    const defaults = this.defaultsOf(options);
    const existing = await this.store.findTaskByCodeKey(options.key);
    if (!existing) return this.insert(options.key, defaults);
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
    this.logger.log(`Code-declared task ${options.key} updated from code`);
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

  private resolve<T>(value: FromConfig<T> | undefined): T | undefined {
    return typeof value === 'function' ? (value as (config: AppConfig) => T)(this.config) : value;
  }
}
