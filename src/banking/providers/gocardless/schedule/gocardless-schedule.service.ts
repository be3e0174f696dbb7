import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../../../config/app-config';
import { Clock } from '../../../../core/scheduling/clock';
import { DEFAULT_POLICIES } from '../../../../core/scheduling/code-task-sync.service';
import type { ScheduledTaskEntity } from '../../../../core/scheduling/entities/scheduled-task.entity';
import { schedulingConfig } from '../../../../core/scheduling/scheduling.config';
import { RunLedgerStore } from '../../../../core/scheduling/store/run-ledger.store';
import { TaskStateStore } from '../../../../core/scheduling/store/task-state.store';
import { TaskSettingsStore } from '../../../../core/scheduling/store/task-settings.store';
import { TaskCommands } from '../../../../core/scheduling/task-commands';
import { goCardlessConfig } from '../gocardless.config';

export const GOCARDLESS_SYNC_TASK_TYPE = 'gocardless.sync-transactions';
const HOUR_MS = 3_600_000;
/** The seed's `max_retries` and `retry_delay`. */
export const SYNC_TASK_RETRIES = 3;
export const SYNC_TASK_RETRY_DELAY_SECONDS = 300;

export interface ScheduleChange {
  readonly intervalHours?: number;
  readonly maxRetries?: number;
}

/**
 * One `scheduled_tasks` row per GoCardless connection (`task_type` gocardless.sync-transactions,
 * `source_id` the connection id), fired by the dispatcher like every API-created task.
 */
@Injectable()
export class GoCardlessSchedule {
  private readonly defaultIntervalMs: number;
  private readonly minIntervalMs: number;

  constructor(
    config: AppConfig,
    private readonly settings: TaskSettingsStore,
    private readonly ledger: RunLedgerStore,
    private readonly state: TaskStateStore,
    private readonly commands: TaskCommands,
    private readonly clock: Clock,
  ) {
    this.defaultIntervalMs = config.get(goCardlessConfig).syncIntervalHours * HOUR_MS;
    this.minIntervalMs = config.get(schedulingConfig).minSyncIntervalSeconds * 1000;
  }

  /** The connection's sync task, created if it has none (safe to call twice). */
  async ensureTask(connectionId: number, label: string): Promise<ScheduledTaskEntity> {
    const existing = await this.taskOf(connectionId);
    if (existing) return existing;
    const now = this.clock.now();
    const task = this.settings.newTask({
      id: randomUUID(),
      origin: 'api',
      codeKey: null,
      taskType: GOCARDLESS_SYNC_TASK_TYPE,
      sourceId: String(connectionId),
      name: `Sync GoCardless connection ${connectionId}`,
      description: `Reads the accounts of ${label} within their daily budgets`,
      scheduleType: 'interval',
      intervalSeconds: Math.max(this.defaultIntervalMs, this.minIntervalMs) / 1000,
      cronExpression: null,
      runAt: null,
      anchorAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
      timezone: 'UTC',
      enabled: true,
      paused: false,
      payload: null,
      overlapPolicy: 'skip',
      misfirePolicy: DEFAULT_POLICIES.misfirePolicy,
      misfireGraceSeconds: DEFAULT_POLICIES.misfireGraceSeconds,
      maxRetries: SYNC_TASK_RETRIES,
      retryDelaySeconds: SYNC_TASK_RETRY_DELAY_SECONDS,
      timeoutSeconds: 3600,
      status: 'pending',
      operatorModified: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    this.commands.retime(task, now);
    await this.settings.insertTask(task);
    this.commands.tasksChanged();
    return task;
  }

  async taskOf(connectionId: number): Promise<ScheduledTaskEntity | null> {
    return this.settings
      .queryTasks({ taskType: GOCARDLESS_SYNC_TASK_TYPE, sourceId: String(connectionId) })
      .orderBy('t.created_at', 'ASC')
      .getOne();
  }

  /** The connection's interval (ms): its task's, or the configured default. */
  async intervalMsOf(connectionId: number): Promise<{ intervalMs: number; nextRun: Date | null }> {
    const task = await this.taskOf(connectionId);
    return {
      intervalMs: (task?.intervalSeconds ?? this.defaultIntervalMs / 1000) * 1000,
      nextRun: task?.nextRun ?? null,
    };
  }

  async change(
    connectionId: number,
    label: string,
    change: ScheduleChange,
  ): Promise<ScheduledTaskEntity> {
    const task = await this.ensureTask(connectionId, label);
    let retimed = false;
    if (change.intervalHours !== undefined) {
      task.intervalSeconds = Math.max(change.intervalHours * HOUR_MS, this.minIntervalMs) / 1000;
      this.commands.retime(task, this.clock.now());
      retimed = true;
    }
    if (change.maxRetries !== undefined) task.maxRetries = change.maxRetries;
    task.version += 1;
    await this.settings.saveSettings(task, { retimed });
    this.commands.tasksChanged();
    return task;
  }

  /**
   * A scheduled fire that found the budget spent runs again when it frees up, as a retry of the
   * same fire, instead of failing or waiting a whole interval. False when a retry is pending already.
   */
  async moveFire(taskId: string, fire: Date, attempt: number, at: Date): Promise<boolean> {
    const moved = await this.state.scheduleRetry(taskId, fire, attempt, at);
    if (moved) this.commands.tasksChanged();
    return moved;
  }

  /** Deletes the connection's task(s) and their run history. */
  async removeTask(connectionId: number): Promise<void> {
    const tasks = await this.settings
      .queryTasks({ taskType: GOCARDLESS_SYNC_TASK_TYPE, sourceId: String(connectionId) })
      .getMany();
    for (const task of tasks) {
      await this.settings.deleteTask(task.id);
      await this.ledger.deleteRunsOfTask(task.id);
    }
    if (tasks.length > 0) this.commands.tasksChanged();
  }
}
