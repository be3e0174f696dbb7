import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { JsonObject } from '../../infra/database/column-types';
import { Page } from '../http/pagination';
import { keysetPage } from '../../infra/database/keyset-page';
import { flattenValidationErrors } from '../errors/validation-problems';
import { Clock } from './clock';
import { CodeTaskSync, DEFAULT_POLICIES } from './code-task-sync.service';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskLogEntity } from './entities/task-log.entity';
import { SchedulingEvents } from './scheduling.events';
import { MisfirePolicyName, OverlapPolicy, RunStatus, ScheduleType } from './scheduling.types';
import { TaskHandlerRegistry } from './task-handler-registry.service';
import { TaskRunner } from './task-runner.service';
import { nextRunOf, scheduleSpecOf } from './task-schedule';
import { RunLedgerStore } from './store/run-ledger.store';
import { PLAIN_SETTINGS, TaskFilter, TaskSettingsStore } from './store/task-settings.store';
import { describeCronProblem } from './time/cron-expression';
import { nextFires, ScheduleSpec } from './time/next-fire';
import { isValidTimeZone } from './time/zoned-time';

export interface TaskDefinition {
  taskType: string;
  sourceId?: string | null;
  name?: string;
  description?: string | null;
  scheduleType: ScheduleType;
  cron?: string | null;
  intervalSeconds?: number | null;
  runAt?: Date | null;
  timezone?: string;
  enabled?: boolean;
  payload?: JsonObject | null;
  overlapPolicy?: OverlapPolicy;
  misfirePolicy?: MisfirePolicyName;
  misfireGraceSeconds?: number;
  maxRetries?: number;
  retryDelaySeconds?: number;
  timeoutSeconds?: number | null;
}

export type TaskChanges = Partial<TaskDefinition>;

const SCHEDULE_FIELDS = { cron: 'cron', intervalSeconds: 'interval', runAt: 'once' } as const;
const SCHEDULE_FIELD_NAMES = {
  cron: 'cron',
  intervalSeconds: 'interval_seconds',
  runAt: 'run_at',
} as const;

/** `cron` only with cron, `interval_seconds` only with interval, `run_at` only with once. */
function assertFieldsMatchScheduleType(
  scheduleType: ScheduleType,
  fields: Partial<TaskDefinition>,
): void {
  for (const [field, type] of Object.entries(SCHEDULE_FIELDS) as [
    keyof typeof SCHEDULE_FIELDS,
    ScheduleType,
  ][]) {
    if (fields[field] !== undefined && fields[field] !== null && type !== scheduleType) {
      throw new BadRequestException(
        `${SCHEDULE_FIELD_NAMES[field]} is only used when schedule_type is ${type}`,
      );
    }
  }
}

function describePayloadProblem(message: string): string {
  const unknown = message.match(/^property (.+) should not exist$/);
  return unknown ? `payload.${unknown[1]} should not exist` : `payload.${message}`;
}

export type RunNowResult =
  | { status: 'started'; runId: string; done: Promise<RunStatus> }
  | { status: 'buffered'; runId: null };

/** What operators (API, CLI) do to tasks. Validation errors are 400s naming the field. */
@Injectable()
export class ScheduledTaskService {
  constructor(
    private readonly config: AppConfig,
    private readonly store: TaskSettingsStore,
    private readonly ledger: RunLedgerStore,
    private readonly handlers: TaskHandlerRegistry,
    private readonly runner: TaskRunner,
    private readonly codeTasks: CodeTaskSync,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  async create(definition: TaskDefinition): Promise<ScheduledTaskEntity> {
    const now = this.clock.now();
    const task = this.store.newTask({
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
    assertFieldsMatchScheduleType(definition.scheduleType, definition);
    this.applySchedule(task, definition);
    await this.assertValid(task);
    task.nextRun = nextRunOf(task, now);
    await this.store.insertTask(task);
    this.changed();
    return this.get(task.id);
  }

  async update(id: string, changes: TaskChanges): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    const before = JSON.stringify(scheduleSpecOf(task)) + task.enabled;
    if (changes.taskType !== undefined && changes.taskType !== task.taskType) {
      if (task.origin === 'code')
        throw new BadRequestException('task_type of a code-declared task cannot change');
      task.taskType = changes.taskType;
    }
    if (
      changes.scheduleType !== undefined ||
      changes.cron !== undefined ||
      changes.intervalSeconds !== undefined ||
      changes.runAt !== undefined
    ) {
      const scheduleType = changes.scheduleType ?? task.scheduleType;
      assertFieldsMatchScheduleType(scheduleType, changes);
      this.applySchedule(task, { ...changes, scheduleType });
    }
    for (const key of PLAIN_SETTINGS) {
      if (changes[key] !== undefined) Object.assign(task, { [key]: changes[key] });
    }
    await this.assertValid(task);
    const retimed = JSON.stringify(scheduleSpecOf(task)) + task.enabled !== before;
    if (retimed) task.nextRun = nextRunOf(task, this.clock.now());
    if (task.origin === 'code') task.operatorModified = true;
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.store.saveSettings(task, { retimed });
    this.changed();
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const task = await this.get(id);
    if (task.origin === 'code') {
      throw new ConflictException(
        `Task ${task.codeKey} is declared in code; disable or pause it instead of deleting it`,
      );
    }
    await this.store.deleteTask(id);
    await this.ledger.deleteRunsOfTask(id);
    this.changed();
  }

  async pause(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    task.paused = true;
    task.nextRun = null;
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.store.saveSettings(task, { retimed: true });
    this.changed();
    return this.get(id);
  }

  /** Fires that fell while paused are not caught up: the task continues from now. */
  async resume(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    task.paused = false;
    task.nextRun = nextRunOf(task, this.clock.now());
    task.version += 1;
    task.updatedAt = this.clock.now();
    await this.store.saveSettings(task, { retimed: true });
    this.changed();
    return this.get(id);
  }

  async reset(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.get(id);
    if (task.origin !== 'code')
      throw new BadRequestException('Only code-declared tasks can be reset to their code defaults');
    const reset = await this.codeTasks.reset(task);
    this.changed();
    return reset;
  }

  /** Runs now through the runner, whatever SCHEDULER_ENABLED says; 409 when the overlap policy refuses. */
  async runNow(id: string): Promise<RunNowResult> {
    const task = await this.get(id);
    if (!this.handlers.get(task.taskType))
      throw new ConflictException(`No handler is registered for task_type ${task.taskType}`);
    const result = await this.runner.start(task, this.clock.now(), 'manual');
    if (result.started) return { status: 'started', runId: result.runId, done: result.done };
    if (result.reason === 'buffered') return { status: 'buffered', runId: null };
    if (result.reason === 'shutting_down')
      throw new ConflictException('This instance is shutting down');
    throw new ConflictException(
      `Task ${task.name} is already running and its overlap policy is ${task.overlapPolicy}`,
    );
  }

  async get(id: string): Promise<ScheduledTaskEntity> {
    const task = await this.store.findTask(id);
    if (!task) throw new NotFoundException(`Scheduled task ${id} not found`);
    return task;
  }

  /** A task by id, or a code-declared one by its key (for the CLI). */
  async findByIdOrKey(idOrKey: string): Promise<ScheduledTaskEntity> {
    const task =
      (await this.store.findTask(idOrKey)) ?? (await this.store.findTaskByCodeKey(idOrKey));
    if (!task) throw new NotFoundException(`No scheduled task with id or key ${idOrKey}`);
    return task;
  }

  async list(
    filter: TaskFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<ScheduledTaskEntity>> {
    return keysetPage(
      this.store.queryTasks(filter),
      { column: 'created_at', direction: 'ASC', instantOf: (task) => task.createdAt },
      limit,
      cursor,
    );
  }

  /** Run history, newest first; for one task or across tasks. */
  async listRuns(
    filter: { taskId?: string; statuses?: RunStatus[] },
    limit: number,
    cursor?: string,
  ): Promise<Page<TaskLogEntity>> {
    if (filter.taskId) await this.get(filter.taskId);
    return keysetPage(
      this.ledger.queryRuns(filter),
      { column: 'execution_start', direction: 'DESC', instantOf: (run) => run.executionStart },
      limit,
      cursor,
    );
  }

  async nextRuns(
    id: string,
    count: number,
    from?: Date,
  ): Promise<{ task: ScheduledTaskEntity; fires: Date[] }> {
    const task = await this.get(id);
    return { task, fires: nextFires(scheduleSpecOf(task), from ?? this.clock.now(), count) };
  }

  /** Fire times of a schedule that is not saved yet; invalid input is a 400. */
  preview(
    spec: { cron?: string; intervalSeconds?: number; timezone?: string },
    count: number,
    from?: Date,
  ): Date[] {
    const timezone = spec.timezone ?? 'UTC';
    const problems = [
      isValidTimeZone(timezone) ? null : `timezone ${timezone} is not an IANA time zone`,
      spec.cron ? describeCronProblem(spec.cron) : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
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
      throw new BadRequestException('preview needs cron or interval_seconds');
    }
    return nextFires(schedule, start, count);
  }

  private applySchedule(
    task: ScheduledTaskEntity,
    definition: Partial<TaskDefinition> & { scheduleType: ScheduleType },
  ): void {
    task.scheduleType = definition.scheduleType;
    task.cronExpression =
      definition.scheduleType === 'cron' ? (definition.cron ?? task.cronExpression ?? null) : null;
    task.intervalSeconds =
      definition.scheduleType === 'interval'
        ? (definition.intervalSeconds ?? task.intervalSeconds ?? null)
        : null;
    task.runAt =
      definition.scheduleType === 'once' ? (definition.runAt ?? task.runAt ?? null) : null;
  }

  /** A 400 that names every problem of the task at once, not only the first. */
  private async assertValid(task: ScheduledTaskEntity): Promise<void> {
    const problems = await this.problemsOf(task);
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  }

  private async problemsOf(task: ScheduledTaskEntity): Promise<string[]> {
    const problems: string[] = [];
    const handler = this.handlers.get(task.taskType);
    if (!handler) {
      problems.push(
        `task_type ${task.taskType} is not registered; valid types: ${this.handlers.keys().join(', ')}`,
      );
    }
    const zoneValid = isValidTimeZone(task.timezone);
    if (!zoneValid) problems.push(`timezone ${task.timezone} is not an IANA time zone`);
    const scheduleProblem = this.scheduleProblemOf(task);
    if (scheduleProblem) problems.push(scheduleProblem);
    if (!handler) return problems;
    const minimum = this.config.scheduler.minSyncIntervalSeconds;
    if (
      handler.options.sync &&
      task.scheduleType === 'interval' &&
      task.intervalSeconds &&
      task.intervalSeconds < minimum
    ) {
      problems.push(
        `interval_seconds must be at least ${minimum} for the sync task type ${task.taskType}`,
      );
    }
    if (handler.options.sync && task.scheduleType === 'cron' && zoneValid && !scheduleProblem) {
      const tooFrequent = this.cronFrequencyProblem(task);
      if (tooFrequent) problems.push(tooFrequent);
    }
    if (handler.options.payload) {
      const errors = await validate(plainToInstance(handler.options.payload, task.payload ?? {}), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      problems.push(...flattenValidationErrors(errors).map(describePayloadProblem));
    }
    return problems;
  }

  private scheduleProblemOf(task: ScheduledTaskEntity): string | null {
    switch (task.scheduleType) {
      case 'cron':
        return task.cronExpression
          ? describeCronProblem(task.cronExpression)
          : 'cron is required when schedule_type is cron';
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
  private cronFrequencyProblem(task: ScheduledTaskEntity): string | null {
    const minimum = this.config.scheduler.minSyncIntervalSeconds;
    const fires = nextFires(scheduleSpecOf(task), this.clock.now(), 25);
    const smallestGapMs = Math.min(
      ...fires.slice(1).map((fire, i) => fire.getTime() - fires[i].getTime()),
    );
    if (smallestGapMs >= minimum * 1000) return null;
    return `cron fires every ${smallestGapMs / 1000}s at most; the sync task type ${task.taskType} needs at least ${minimum}s between runs`;
  }

  private changed(): void {
    this.events.emit(SchedulingEvents.tasksChanged);
  }
}
