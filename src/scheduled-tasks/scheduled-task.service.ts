import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Page } from '../core/http/pagination';
import { Clock } from '../core/scheduling/clock';
import { CodeTaskSync, DEFAULT_POLICIES } from '../core/scheduling/code-task-sync.service';
import { ScheduledTaskEntity } from '../core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../core/scheduling/entities/task-log.entity';
import {
  InvalidTaskError,
  RunNotFoundError,
  TaskChangeRefusedError,
  TaskNotFoundError,
} from '../core/scheduling/scheduling.errors';
import { RunFilter, RunLedgerStore } from '../core/scheduling/store/run-ledger.store';
import {
  PLAIN_SETTINGS,
  TaskFilter,
  TaskLabel,
  TaskSettingsStore,
} from '../core/scheduling/store/task-settings.store';
import { RunNowResult, TaskCommands } from '../core/scheduling/task-commands';
import { scheduleSpecOf } from '../core/scheduling/task-schedule';
import { nextFires, ScheduleSpec } from '../core/scheduling/time/next-fire';
import { keysetPage } from '../core/http/keyset-page';
import {
  applySchedule,
  misplacedScheduleField,
  TaskChanges,
  TaskDefinition,
} from './task-definition';
import { TaskValidator, zoneAndCronProblems } from './task-validator';

/**
 * What operators (API, CLI) do to tasks: create, edit, pause, delete, run now, list. Refusals are
 * the scheduling errors (not found, invalid naming every problem, conflict); the engine's part of
 * each action goes through TaskCommands.
 */
@Injectable()
export class ScheduledTaskService {
  constructor(
    private readonly settings: TaskSettingsStore,
    private readonly ledger: RunLedgerStore,
    private readonly validator: TaskValidator,
    private readonly commands: TaskCommands,
    private readonly codeTasks: CodeTaskSync,
    private readonly clock: Clock,
  ) {}

  async create(definition: TaskDefinition): Promise<ScheduledTaskEntity> {
    const now = this.clock.now();
    const task = this.settings.newTask({
      id: randomUUID(),
      origin: 'api',
      codeKey: null,
      taskType: definition.taskType,
      sourceId: definition.sourceId ?? null,
      name: definition.name ?? definition.taskType,
      description: definition.description ?? null,
      scheduleType: definition.scheduleType,
      anchorAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
      timezone: definition.timezone ?? 'UTC',
      enabled: definition.enabled ?? true,
      paused: false,
      payload: definition.payload ?? null,
      overlapPolicy: definition.overlapPolicy ?? DEFAULT_POLICIES.overlapPolicy,
      misfirePolicy: definition.misfirePolicy ?? DEFAULT_POLICIES.misfirePolicy,
      misfireGraceSeconds: definition.misfireGraceSeconds ?? DEFAULT_POLICIES.misfireGraceSeconds,
      maxRetries: definition.maxRetries ?? DEFAULT_POLICIES.maxRetries,
      retryDelaySeconds: definition.retryDelaySeconds ?? DEFAULT_POLICIES.retryDelaySeconds,
      timeoutSeconds: definition.timeoutSeconds ?? null,
      status: 'pending',
      operatorModified: false,
      version: 1,
      // Set here, not by the column default: SQLite's default has whole seconds and list cursors need ms.
      createdAt: now,
      updatedAt: now,
    });
    assertScheduleFieldsFit(definition.scheduleType, definition);
    applySchedule(task, definition);
    await this.validator.assertValid(task);
    this.commands.retime(task, now);
    await this.settings.insertTask(task);
    this.commands.tasksChanged();
    return this.get(task.id);
  }

  async update(id: string, changes: TaskChanges): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    const timing = timingOf(task);
    if (changes.taskType !== undefined && changes.taskType !== task.taskType) {
      if (task.origin === 'code')
        throw new InvalidTaskError(['task_type of a code-declared task cannot change']);
      task.taskType = changes.taskType;
    }
    if (
      changes.scheduleType !== undefined ||
      changes.cron !== undefined ||
      changes.intervalSeconds !== undefined ||
      changes.runAt !== undefined
    ) {
      const scheduleType = changes.scheduleType ?? task.scheduleType;
      assertScheduleFieldsFit(scheduleType, changes);
      applySchedule(task, { ...changes, scheduleType });
    }
    for (const key of PLAIN_SETTINGS) {
      if (changes[key] !== undefined) Object.assign(task, { [key]: changes[key] });
    }
    await this.validator.assertValid(task);
    if (task.origin === 'code') task.operatorModified = true;
    await this.saveEdit(task, { retimed: timingOf(task) !== timing });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const task = await this.get(id);
    if (task.origin === 'code') {
      throw new TaskChangeRefusedError(
        `Task ${task.codeKey} is declared in code; disable or pause it instead of deleting it`,
      );
    }
    await this.settings.deleteTask(id);
    await this.ledger.deleteRunsOfTask(id);
    this.commands.tasksChanged();
  }

  async pause(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    task.paused = true;
    await this.saveEdit(task, { retimed: true });
    return this.get(id);
  }

  /** Fires that fell while paused are not caught up: the task continues from now. */
  async resume(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    task.paused = false;
    await this.saveEdit(task, { retimed: true });
    return this.get(id);
  }

  async reset(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    if (task.origin !== 'code')
      throw new InvalidTaskError(['Only code-declared tasks can be reset to their code defaults']);
    const reset = await this.codeTasks.reset(task);
    this.commands.tasksChanged();
    return reset;
  }

  /** Runs now, whatever SCHEDULER_ENABLED says; a conflict when the engine refuses the run. */
  async runNow(id: string): Promise<RunNowResult> {
    return this.commands.runNow(await this.get(id));
  }

  async get(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.settings.findTask(id);
    if (!task) throw TaskNotFoundError.withId(id);
    return task;
  }

  /** A task by id, or a code-declared one by its key (for the CLI). */
  async findByIdOrKey(idOrKey: string): Promise<ScheduledTaskEntity> {
    const task =
      (await this.settings.findTask(idOrKey)) ?? (await this.settings.findTaskByCodeKey(idOrKey));
    if (!task) throw TaskNotFoundError.withIdOrKey(idOrKey);
    return task;
  }

  /** Tasks, oldest first. */
  list(filter: TaskFilter, limit: number, cursor?: string): Promise<Page<ScheduledTaskEntity>> {
    return keysetPage(
      this.settings.queryTasks(filter),
      { column: 'created_at', direction: 'ASC', instantOf: (task) => task.createdAt },
      limit,
      cursor,
    );
  }

  /** Run history, newest first; for one task or across tasks. */
  async listRuns(filter: RunFilter, limit: number, cursor?: string): Promise<Page<TaskLogEntity>> {
    if (filter.taskId) await this.get(filter.taskId);
    return keysetPage(
      this.ledger.queryRuns(filter),
      { column: 'execution_start', direction: 'DESC', instantOf: (run) => run.executionStart },
      limit,
      cursor,
    );
  }

  /** One run, running or finished (with its progress while running). */
  async getRun(id: string): Promise<TaskLogEntity> {
    const run = await this.ledger.findRun(id);
    if (!run) throw new RunNotFoundError(id);
    return run;
  }

  /** The key and name of the task of each run, one query for a whole page. */
  taskLabels(runs: TaskLogEntity[]): Promise<Map<string, TaskLabel>> {
    return this.settings.labelsOf(runs.map((run) => run.taskId));
  }

  async nextRuns(
    id: string,
    count: number,
    from?: Date,
  ): Promise<{ task: ScheduledTaskEntity; fires: Date[] }> {
    const task = await this.get(id);
    return { task, fires: nextFires(scheduleSpecOf(task), from ?? this.clock.now(), count) };
  }

  /** Fire times of a schedule that is not saved yet. */
  preview(
    spec: { cron?: string; intervalSeconds?: number; timezone?: string },
    count: number,
    from?: Date,
  ): Date[] {
    const timezone = spec.timezone ?? 'UTC';
    const problems = zoneAndCronProblems(timezone, spec.cron ?? null);
    if (problems.length > 0) throw new InvalidTaskError(problems);
    const start = from ?? this.clock.now();
    let schedule: ScheduleSpec;
    if (spec.cron) {
      schedule = { kind: 'cron', expression: spec.cron, timeZone: timezone };
    } else if (spec.intervalSeconds) {
      schedule = {
        kind: 'interval',
        intervalMs: spec.intervalSeconds * 1000,
        anchor: new Date(Math.floor(start.getTime() / 1000) * 1000),
      };
    } else {
      throw new InvalidTaskError(['preview needs cron or interval_seconds']);
    }
    return nextFires(schedule, start, count);
  }

  /** Saves an operator's edit: the engine re-times the task when its timing changed. */
  private async saveEdit(task: ScheduledTaskEntity, options: { retimed: boolean }): Promise<void> {
    if (options.retimed) this.commands.retime(task);
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.settings.saveSettings(task, options);
    this.commands.tasksChanged();
  }
}

/** `cron` only with cron, `interval_seconds` only with interval, `run_at` only with once. */
function assertScheduleFieldsFit(
  scheduleType: TaskDefinition['scheduleType'],
  fields: TaskChanges,
): void {
  const problem = misplacedScheduleField(scheduleType, fields);
  if (problem) throw new InvalidTaskError([problem]);
}

/** What decides the task's fires: when it changes, next_run is computed afresh. */
function timingOf(task: ScheduledTaskEntity): string {
  return JSON.stringify(scheduleSpecOf(task)) + task.enabled;
}
