import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { AbortedRun, HandlerInvoker, HandlerOutcome } from './handler-invoker';
import { OverlapGate } from './overlap-gate';
import { retryDelayMs } from './retry-delay';
import { RunHeartbeat } from './run-heartbeat';
import { RunProgressPublisher } from './run-progress-publisher';
import { RunOutcomeWriter } from './run-outcome-writer';
import { FireToStart, StartResult } from './run-start';
import { RunFinishedEvent, RunStartedEvent, SchedulingEvents } from './scheduling.events';
import { RunStatus, RunTrigger, TaskStatus } from './scheduling.types';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskStateStore } from './store/task-state.store';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done: Promise<RunStatus>;
}

/**
 * The one way anything executes: apply the overlap policy, claim the fire (insert the run row),
 * invoke the handler under its timeout with a heartbeat, record the outcome on the run and the task,
 * schedule a retry, run a buffered fire, emit events.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger('TaskRunner');
  private readonly settings: SchedulerSettings;
  private readonly active = new Map<string, ActiveRun>();
  private accepting = true;

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly state: TaskStateStore,
    private readonly outcomes: RunOutcomeWriter,
    private readonly overlap: OverlapGate,
    private readonly invoker: HandlerInvoker,
    private readonly heartbeat: RunHeartbeat,
    private readonly progress: RunProgressPublisher,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {
    this.settings = config.get(schedulingConfig);
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
    const busy = await this.overlap.busyTasks(fires);
    const results: StartResult[] = new Array(fires.length);
    const free: number[] = [];
    const refused: number[] = [];
    for (const [index, fire] of fires.entries()) {
      if (fire.task.overlapPolicy !== 'allow' && busy.has(fire.task.id)) refused.push(index);
      else free.push(index);
    }
    const refusals = await this.overlap.refuse(refused.map((index) => fires[index]));
    for (const [position, index] of refused.entries())
      results[index] = { started: false, reason: refusals[position] };
    const startedAt = this.clock.now();
    const claimed = await this.ledger.claimRuns(
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
    this.heartbeat.keepAlive(() => [...this.active.keys()]);
    return { started: true, runId, done };
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
    const items = this.progress.track(run);
    let outcome: HandlerOutcome;
    try {
      const retryItems = await this.retryScope(run);
      outcome = await this.invoker.invoke(task, run, controller, { items, retryItems });
    } catch (error) {
      // Reading the scope failed (the database went away): a failure of the run, retried.
      outcome = {
        status: 'failed',
        errorMessage: (error as Error).message,
        details: null,
        retryable: true,
        items: null,
        retryItems: null,
        idle: false,
      };
    } finally {
      this.progress.untrack(run.runId);
    }
    return this.finish(task, run, outcome);
  }

  /**
   * A retry processes what the previous attempt of its fire left: the failed items of a run that
   * ended `partial` (or `failed` by its items), else that attempt's own scope. Null: everything.
   */
  private async retryScope(run: RunStartedEvent): Promise<string[] | null> {
    if (run.attempt <= 1) return null;
    const items = await this.ledger.retryItemsOf(run.taskId, run.scheduledFor, run.attempt - 1);
    if (items) await this.ledger.setRetryItems(run.runId, items);
    return items;
  }

  private async finish(
    task: ScheduledTaskEntity,
    run: RunStartedEvent,
    outcome: HandlerOutcome,
  ): Promise<RunStatus> {
    const endedAt = this.clock.now();
    try {
      const recorded = await this.outcomes.record({
        runId: run.runId,
        taskId: task.id,
        status: outcome.status,
        errorMessage: outcome.errorMessage,
        details: outcome.details,
        items: outcome.items,
        retryItems: outcome.retryItems,
        idle: outcome.idle,
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
    outcome: Pick<HandlerOutcome, 'status' | 'errorMessage' | 'items'>,
    endedAt: Date,
  ): void {
    const durationMs = endedAt.getTime() - run.startedAt.getTime();
    this.events.emit(SchedulingEvents.runFinished, {
      ...run,
      status: outcome.status,
      durationMs,
      errorMessage: outcome.errorMessage,
      items: outcome.items,
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
      ...(outcome.items ? { items: outcome.items } : {}),
    };
    if (outcome.status === 'completed' || outcome.status === 'skipped')
      this.logger.log(fields, line);
    else if (outcome.status === 'partial') this.logger.warn(fields, line);
    else this.logger.warn({ ...fields, error: outcome.errorMessage }, line);
  }

  /**
   * Failed, timed-out and interrupted runs, and partial runs with failed items to retry, retry with
   * exponential backoff while attempts remain (the caller decides whether the outcome is retryable).
   */
  async retryIfAllowed(
    task: ScheduledTaskEntity,
    run: { scheduledFor: Date; attempt: number },
    status: RunStatus,
  ): Promise<void> {
    if (
      !['failed', 'partial', 'timed_out', 'interrupted'].includes(status) ||
      run.attempt > task.maxRetries
    )
      return;
    const delay = retryDelayMs(run.attempt, task.retryDelaySeconds);
    const at = new Date(this.clock.now().getTime() + delay);
    if (await this.state.scheduleRetry(task.id, run.scheduledFor, run.attempt + 1, at)) {
      this.logger.log(
        `Task ${task.taskType} (${task.id}): attempt ${run.attempt + 1} at ${at.toISOString()}`,
      );
      this.events.emit(SchedulingEvents.retryScheduled, { taskId: task.id, at });
    }
  }

  private async runBufferedFire(task: ScheduledTaskEntity): Promise<void> {
    if (task.overlapPolicy !== 'buffer_one' || !this.accepting) return;
    const buffered = await this.state.takeBufferedFire(task.id);
    if (buffered) await this.start(task, buffered.fire, buffered.trigger);
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
    this.heartbeat.stop();
  }

  private activeCompletions(): Promise<RunStatus>[] {
    return [...this.active.values()].map((run) => run.done);
  }
}

function taskStatusAfter(status: RunStatus): TaskStatus {
  return status === 'skipped' || status === 'missed' ? 'completed' : status;
}

function delay(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
