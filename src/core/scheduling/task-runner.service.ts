import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppConfig, SchedulerSettings } from '../../config/app-config';
import { JsonObject } from '../../infra/database/column-types';
import { flattenValidationErrors } from '../http/validation.pipe';
import { Clock } from './clock';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskResult } from './declaration/task-handler';
import {
  FiresNotRunEvent,
  RunFinishedEvent,
  RunStartedEvent,
  SchedulingEvents,
} from './scheduling.events';
import { RunStatus, RunTrigger, TaskStatus } from './scheduling.types';
import { RegisteredHandler, TaskHandlerRegistry } from './task-handler-registry.service';
import { RunOutcomeWriter } from './run-outcome-writer';
import { TaskRun } from './task-run';
import { NonRun, TaskStore } from './task-store.service';
import { retryDelayMs } from './time/backoff';

export type StartRefusalReason =
  'overlap_skipped' | 'buffered' | 'claimed_elsewhere' | 'shutting_down';

export type StartResult =
  | { started: true; runId: string; done: Promise<RunStatus> }
  | { started: false; reason: StartRefusalReason };

export interface FireToStart {
  task: ScheduledTaskEntity;
  fire: Date;
  trigger: RunTrigger;
  attempt?: number;
}

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done: Promise<RunStatus>;
}

class AbortedRun extends Error {
  constructor(
    readonly status: 'timed_out' | 'interrupted',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one way anything executes: claim the fire (insert the run row), heartbeat, enforce the timeout,
 * apply overlap and retry policies, record the outcome on the run and the task, emit events.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger('TaskRunner');
  private readonly settings: SchedulerSettings;
  private readonly active = new Map<string, ActiveRun>();
  private heartbeatTimer?: NodeJS.Timeout;
  private accepting = true;

  constructor(
    config: AppConfig,
    private readonly store: TaskStore,
    private readonly outcomes: RunOutcomeWriter,
    private readonly handlers: TaskHandlerRegistry,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {
    this.settings = config.scheduler;
  }

  get instanceId(): string {
    return this.settings.instanceId;
  }

  get runningCount(): number {
    return this.active.size;
  }

  get freeSlots(): number {
    return this.accepting ? Math.max(0, this.settings.maxConcurrentRuns - this.active.size) : 0;
  }

  /** Starts a run of `task` for `fire` unless the overlap policy or another instance says otherwise. */
  async start(
    task: ScheduledTaskEntity,
    fire: Date,
    trigger: RunTrigger,
    attempt = 1,
  ): Promise<StartResult> {
    const [result] = await this.startMany([{ task, fire, trigger, attempt }]);
    return result;
  }

  /**
   * Starts several fires with one overlap query and one claim statement (a dispatch pass hands over
   * all the fires that came due together). Results are in the order of `fires`.
   */
  async startMany(fires: FireToStart[]): Promise<StartResult[]> {
    if (!this.accepting) return fires.map(() => ({ started: false, reason: 'shutting_down' }));
    const busy = await this.store.tasksWithRunningRuns(
      fires.filter(({ task }) => task.overlapPolicy !== 'allow').map(({ task }) => task.id),
    );
    const results: StartResult[] = new Array(fires.length);
    const free: number[] = [];
    const refused: number[] = [];
    for (const [index, fire] of fires.entries()) {
      if (fire.task.overlapPolicy !== 'allow' && busy.has(fire.task.id)) refused.push(index);
      else free.push(index);
    }
    const refusals = await this.refuseOverlaps(refused.map((index) => fires[index]));
    for (const [position, index] of refused.entries()) results[index] = refusals[position];
    const startedAt = this.clock.now();
    const claimed = await this.store.claimRuns(
      free.map((index) => ({
        taskId: fires[index].task.id,
        scheduledFor: fires[index].fire,
        trigger: fires[index].trigger,
        attempt: fires[index].attempt ?? 1,
        instanceId: this.instanceId,
        startedAt,
      })),
    );
    for (const [position, index] of free.entries()) {
      const runId = claimed[position];
      results[index] = runId
        ? this.launch(fires[index], runId, startedAt)
        : { started: false, reason: 'claimed_elsewhere' };
    }
    return results;
  }

  private launch(
    { task, fire, trigger, attempt = 1 }: FireToStart,
    runId: string,
    startedAt: Date,
  ): StartResult {
    const controller = new AbortController();
    const started: RunStartedEvent = {
      taskId: task.id,
      taskType: task.taskType,
      runId,
      trigger,
      attempt,
      scheduledFor: fire,
      startedAt,
    };
    const done = this.execute(task, started, controller);
    this.active.set(runId, { runId, controller, done });
    this.ensureHeartbeat();
    return { started: true, runId, done };
  }

  /**
   * Overlap policy for fires whose task is still running: `buffer_one` holds one back (a first
   * attempt only: a retry's attempt number would be lost in the buffer); the rest are recorded as
   * skipped, all in one write.
   */
  private async refuseOverlaps(fires: FireToStart[]): Promise<StartResult[]> {
    const results: StartResult[] = [];
    const skipped: NonRun[] = [];
    const at = this.clock.now();
    for (const { task, fire, trigger, attempt = 1 } of fires) {
      const bufferable = task.overlapPolicy === 'buffer_one' && attempt === 1;
      if (bufferable && (await this.buffer(task, fire, trigger))) {
        results.push({ started: false, reason: 'buffered' });
        continue;
      }
      const errorMessage = bufferable
        ? 'previous run still running and one fire already buffered'
        : 'previous run still running';
      skipped.push({
        taskId: task.id,
        scheduledFor: fire,
        status: 'skipped',
        trigger,
        attempt,
        errorMessage,
        at,
      });
      results.push({ started: false, reason: 'overlap_skipped' });
    }
    await this.store
      .recordNonRuns(skipped)
      .catch((error: unknown) =>
        this.logger.error(
          `Recording ${skipped.length} skipped fire(s) failed: ${(error as Error).message}`,
        ),
      );
    const taskTypes = new Map(fires.map(({ task }) => [task.id, task.taskType]));
    for (const { taskId, scheduledFor, trigger, errorMessage } of skipped) {
      const taskType = taskTypes.get(taskId) as string;
      this.events.emit(SchedulingEvents.firesNotRun, {
        taskId,
        taskType,
        status: 'skipped',
        trigger,
        count: 1,
        reason: errorMessage,
      } satisfies FiresNotRunEvent);
      this.logger.warn(
        `Task ${taskType} (${taskId}): fire ${scheduledFor.toISOString()} skipped, ${errorMessage}`,
      );
    }
    return results;
  }

  /** Holds the fire back for after the current run, unless one is held already. */
  private async buffer(
    task: ScheduledTaskEntity,
    fire: Date,
    trigger: RunTrigger,
  ): Promise<boolean> {
    try {
      if (!(await this.store.bufferFire(task.id, fire, trigger))) return false;
    } catch (error) {
      this.logger.error(`Buffering a fire of ${task.taskType} failed: ${(error as Error).message}`);
      return false;
    }
    this.logger.log(
      `Task ${task.taskType} (${task.id}): run in progress, fire ${fire.toISOString()} buffered`,
    );
    return true;
  }

  private async execute(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    controller: AbortController,
  ): Promise<RunStatus> {
    this.events.emit(SchedulingEvents.runStarted, run);
    this.logger.debug(
      {
        taskKey: task.taskType,
        taskId: task.id,
        runId: run.runId,
        trigger: run.trigger,
        attempt: run.attempt,
      },
      `Run started: ${task.taskType}`,
    );
    let status: RunStatus;
    let errorMessage: string | null = null;
    let details: JsonObject | null = null;
    // A returned failure is an expected outcome (reported, not retried); a thrown one retries the run.
    let retryable = false;
    try {
      const result = await this.invokeWithTimeout(task, run, controller);
      status =
        result?.status === 'failed'
          ? 'failed'
          : result?.status === 'skipped'
            ? 'skipped'
            : 'completed';
      errorMessage = status === 'completed' ? null : (result?.message ?? null);
      details = result
        ? { ...(result.stats ?? {}), ...(result.message ? { message: result.message } : {}) }
        : null;
    } catch (error) {
      status = error instanceof AbortedRun ? error.status : 'failed';
      errorMessage = error instanceof Error ? error.message : String(error);
      retryable = true;
    }
    return this.finish(task, run, { status, errorMessage, details, retryable });
  }

  private async invokeWithTimeout(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    controller: AbortController,
  ): Promise<TaskResult | void> {
    const handler = this.handlers.get(task.taskType);
    if (!handler) throw new Error(`No handler is registered for task_type ${task.taskType}`);
    const context: TaskRun = {
      runId: run.runId,
      taskId: task.id,
      taskType: task.taskType,
      sourceId: task.sourceId,
      scheduledFor: run.scheduledFor,
      trigger: run.trigger,
      attempt: run.attempt,
      payload: await this.validatedPayload(handler, task),
      signal: controller.signal,
      logger: new Logger(`Task ${task.taskType}`),
    };
    const timeoutSeconds = task.timeoutSeconds ?? handler.options.timeoutSeconds;
    const timer = timeoutSeconds
      ? setTimeout(
          () =>
            controller.abort(
              new AbortedRun('timed_out', `Run exceeded its ${timeoutSeconds}s timeout`),
            ),
          timeoutSeconds * 1000,
        )
      : undefined;
    try {
      // A handler that ignores its signal still loses the race: the run is recorded as aborted.
      return await Promise.race([handler.invoke(context), abortion(controller.signal)]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async validatedPayload(
    handler: RegisteredHandler,
    task: ScheduledTaskEntity,
  ): Promise<Record<string, unknown> | null> {
    const dto = handler.options.payload;
    if (!dto) return task.payload;
    const instance = plainToInstance(dto, task.payload ?? {});
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0)
      throw new Error(`Invalid payload: ${flattenValidationErrors(errors).join('; ')}`);
    return instance as Record<string, unknown>;
  }

  private async finish(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    outcome: {
      status: RunStatus;
      errorMessage: string | null;
      details: JsonObject | null;
      retryable: boolean;
    },
  ): Promise<RunStatus> {
    const endedAt = this.clock.now();
    try {
      const recorded = await this.outcomes.record({
        runId: run.runId,
        taskId: task.id,
        status: outcome.status,
        errorMessage: outcome.errorMessage,
        details: outcome.details,
        endedAt,
        taskStatus: taskStatusAfter(outcome.status),
        lastRun: run.startedAt,
      });
      if (!recorded) {
        // A sweeper took the run as dead (and reported it); our late outcome must not overwrite that.
        this.logger.warn(
          `Run ${run.runId} of ${task.taskType} finished after it was marked interrupted; outcome ${outcome.status} dropped`,
        );
        return 'interrupted';
      }
      if (outcome.retryable) await this.retryIfAllowed(task, run, outcome.status);
    } catch (error) {
      this.logger.error(
        `Recording run ${run.runId} of ${task.taskType} failed: ${(error as Error).message}`,
      );
    } finally {
      this.active.delete(run.runId);
    }
    this.reportFinished(task, run, outcome, endedAt);
    await this.runBufferedFire(task).catch((error: unknown) =>
      this.logger.error(
        `Buffered fire of ${task.taskType} failed to start: ${(error as Error).message}`,
      ),
    );
    return outcome.status;
  }

  private reportFinished(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    outcome: { status: RunStatus; errorMessage: string | null },
    endedAt: Date,
  ): void {
    const durationMs = endedAt.getTime() - run.startedAt.getTime();
    this.events.emit(SchedulingEvents.runFinished, {
      ...run,
      status: outcome.status,
      durationMs,
      errorMessage: outcome.errorMessage,
    } satisfies RunFinishedEvent);
    const line = `Run ${outcome.status}: ${task.taskType} in ${(durationMs / 1000).toFixed(2)}s`;
    const fields = {
      taskKey: task.taskType,
      taskId: task.id,
      runId: run.runId,
      trigger: run.trigger,
      attempt: run.attempt,
      durationMs,
      outcome: outcome.status,
    };
    if (outcome.status === 'completed' || outcome.status === 'skipped')
      this.logger.log(fields, line);
    else this.logger.warn({ ...fields, error: outcome.errorMessage }, line);
  }

  /** Failed, timed-out and interrupted runs retry with exponential backoff while attempts remain. */
  async retryIfAllowed(
    task: ScheduledTaskEntity,
    run: { scheduledFor: Date; attempt: number },
    status: RunStatus,
  ): Promise<void> {
    if (!['failed', 'timed_out', 'interrupted'].includes(status) || run.attempt > task.maxRetries)
      return;
    const delay = retryDelayMs(run.attempt, task.retryDelaySeconds);
    const at = new Date(this.clock.now().getTime() + delay);
    if (await this.store.scheduleRetry(task.id, run.scheduledFor, run.attempt + 1, at)) {
      this.logger.log(
        `Task ${task.taskType} (${task.id}): attempt ${run.attempt + 1} at ${at.toISOString()}`,
      );
      this.events.emit(SchedulingEvents.retryScheduled, { taskId: task.id, at });
    }
  }

  private async runBufferedFire(task: ScheduledTaskEntity): Promise<void> {
    if (task.overlapPolicy !== 'buffer_one' || !this.accepting) return;
    const buffered = await this.store.takeBufferedFire(task.id);
    if (buffered) await this.start(task, buffered.fire, buffered.trigger);
  }

  private ensureHeartbeat(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => {
      if (this.active.size === 0) return;
      this.store
        .heartbeat([...this.active.keys()], this.clock.now())
        .catch((error: unknown) =>
          this.logger.error(`Heartbeat failed: ${(error as Error).message}`),
        );
    }, this.settings.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  /**
   * Shutdown: no new runs; running handlers get `graceMs` to finish, then their signal aborts and
   * they are recorded as interrupted (and retried elsewhere if their policy allows).
   */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    if (this.active.size > 0)
      this.logger.log(`Waiting up to ${graceMs} ms for ${this.active.size} running task(s)`);
    const deadline = Date.now() + graceMs;
    // Loop: a start that was already past its checks may still add a run while we wait.
    while (this.active.size > 0 && Date.now() < deadline) {
      const graceOver = delay(deadline - Date.now());
      await Promise.race([Promise.allSettled(this.activeCompletions()), graceOver.promise]);
      graceOver.cancel();
    }
    for (const run of this.active.values()) {
      run.controller.abort(
        new AbortedRun('interrupted', 'Instance shut down before the run finished'),
      );
    }
    await Promise.allSettled(this.activeCompletions());
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private activeCompletions(): Promise<RunStatus>[] {
    return [...this.active.values()].map((run) => run.done);
  }
}

function taskStatusAfter(status: RunStatus): TaskStatus {
  return status === 'skipped' || status === 'missed' ? 'completed' : status;
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void =>
      reject(
        signal.reason instanceof Error
          ? signal.reason
          : new AbortedRun('interrupted', 'Run aborted'),
      );
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function delay(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
