import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { CronAdapter } from './cron.adapter';
import { DueFires, planDueFires } from './due-fires';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { StartResult } from './run-start';
import { FiresNotRunEvent, SchedulingEvents } from './scheduling.events';
import { RunTrigger } from './scheduling.types';
import { RunLedgerStore } from './store/run-ledger.store';
import { TaskSettingsStore } from './store/task-settings.store';
import { NextRunClaim, TaskStateStore } from './store/task-state.store';
import { TaskRunner } from './task-runner.service';
import { scheduleSpecOf } from './task-schedule';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

export const DISPATCHER_INTERVAL = 'scheduler.dispatcher';
export const DISPATCHER_WAKE = 'scheduler.dispatcher.wake';
const MAX_FIRES_PER_PLAN = 500;
const GAP_WARNING_MS = 5000;
const LOCKED_ROWS_RETRY_MS = 50;

interface ClaimedFire {
  fire: Date;
  trigger: RunTrigger;
}

interface PlannedClaim extends NextRunClaim {
  plan: DueFires;
  fires: ClaimedFire[];
  /** Why no fire could be computed (a stored schedule this runtime rejects): the task is parked. */
  unschedulable?: string;
}

const NO_FIRES: DueFires = { onTime: [], catchUp: [], missed: [], dropped: false, nextRun: null };

/**
 * Fires every API-created task whose next_run has come (code-declared tasks fire by their own
 * timers), in next_run order, however many tasks exist: each pass
 * claims a batch of due rows at once (moving their next_run on; on MySQL under SKIP LOCKED, so
 * instances share the work without contesting rows) and hands their fires to the runner together.
 * It sleeps until the earliest next_run, at most SCHEDULER_POLL_MS, and wakes early when tasks change
 * on this instance.
 */
@Injectable()
export class TaskDispatcher {
  private readonly logger = new Logger('TaskDispatcher');
  private readonly settings: SchedulerSettings;
  private active = false;
  private passing = false;
  private passAgain = false;
  private lastPassAt = 0;
  private lastCompletedPassAt = 0;
  private starved = false;
  private wakeAt: number | null = null;
  private currentPass: Promise<void> = Promise.resolve();
  private claimQueue: Promise<unknown> = Promise.resolve();

  constructor(
    config: AppConfig,
    private readonly state: TaskStateStore,
    private readonly tasks: TaskSettingsStore,
    private readonly ledger: RunLedgerStore,
    private readonly runner: TaskRunner,
    private readonly timers: CronAdapter,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {
    this.settings = config.get(schedulingConfig);
  }

  /** When a dispatch pass last completed (its queries succeeded). */
  get lastPass(): Date | null {
    return this.lastCompletedPassAt ? new Date(this.lastCompletedPassAt) : null;
  }

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.timers.addInterval(DISPATCHER_INTERVAL, this.settings.pollMs, () => this.onPollTick());
    this.wake();
  }

  /** Stops the timers and waits for a pass in progress, so nothing it claimed is left half-done. */
  async stop(): Promise<void> {
    this.active = false;
    this.timers.removeInterval(DISPATCHER_INTERVAL);
    this.timers.removeTimeout(DISPATCHER_WAKE);
    await this.currentPass;
  }

  @OnEvent(SchedulingEvents.tasksChanged)
  @OnEvent(SchedulingEvents.retryScheduled)
  onChange(): void {
    if (this.active) this.wake();
  }

  /** A freed slot matters only when due work was left waiting for one. */
  @OnEvent(SchedulingEvents.runFinished)
  onRunFinished(): void {
    if (this.active && this.starved) this.wake();
  }

  /** The safety-net poll; redundant (and skipped) when a timed wake is due before the next poll. */
  private onPollTick(): void {
    if (this.wakeAt !== null && this.wakeAt - Date.now() < this.settings.pollMs) return;
    this.wake();
  }

  /** Runs a dispatch pass now (or right after the one in progress). */
  wake(): void {
    if (!this.active) return;
    if (this.passing) {
      this.passAgain = true;
      return;
    }
    this.passing = true;
    this.currentPass = this.passLoop()
      .catch((error: unknown) => this.logger.error(`Dispatch failed: ${(error as Error).message}`))
      .finally(() => {
        this.passing = false;
      });
  }

  private async passLoop(): Promise<void> {
    let wakeAt: number | null;
    do {
      this.passAgain = false;
      this.noteGap();
      const [dueWake, retryWake] = await Promise.all([
        this.dispatchDueTasks(),
        this.dispatchDueRetries(),
      ]);
      wakeAt = minimum(dueWake, retryWake);
      this.lastCompletedPassAt = Date.now();
    } while (this.passAgain && this.active);
    this.scheduleWake(wakeAt);
  }

  private noteGap(): void {
    const now = Date.now();
    if (this.lastPassAt && now - this.lastPassAt > this.settings.pollMs + GAP_WARNING_MS) {
      const seconds = ((now - this.lastPassAt) / 1000).toFixed(1);
      this.logger.warn(
        `No dispatch for ${seconds}s (suspended or blocked event loop); catching up per misfire policies`,
      );
    }
    this.lastPassAt = now;
  }

  /** Claims and starts due tasks; returns when the next one is due (epoch ms), if known. */
  private async dispatchDueTasks(): Promise<number | null> {
    const slots = this.runner.freeSlots;
    this.starved = slots === 0;
    if (this.starved) return null;
    const batch = Math.min(this.settings.dispatchBatch, slots);
    const now = this.clock.now();
    const claims = await this.serialized(() =>
      this.state.claimDueTasks(now, batch, (task) => this.planClaim(task, now)),
    );
    await this.startClaimed(claims, now);
    if (claims.length === batch) {
      this.passAgain = true;
      return null;
    }
    const earliest = await this.state.earliestNextRun();
    if (earliest === null) return null;
    // Due rows we could not take are locked by a peer's claim that is about to commit: look again soon.
    if (earliest <= now && claims.length === 0) return now.getTime() + LOCKED_ROWS_RETRY_MS;
    return earliest.getTime();
  }

  private async dispatchDueRetries(): Promise<number | null> {
    const slots = this.runner.freeSlots;
    if (slots === 0) return null;
    const now = this.clock.now();
    const tasks = await this.state.findDueRetries(
      now,
      Math.min(this.settings.dispatchBatch, slots),
    );
    for (const task of tasks) {
      const fire = task.retryScheduledFor as Date;
      const attempt = task.retryAttempt as number;
      if (!(await this.state.claimRetry(task))) continue;
      if (task.paused || !task.enabled) {
        this.logger.log(
          `Retry ${attempt} of ${task.taskType} (${task.id}) dropped: the task is ${task.paused ? 'paused' : 'disabled'}`,
        );
        continue;
      }
      await this.runner
        .start(task, fire, 'retry', attempt)
        .catch((error: unknown) =>
          this.logger.error(
            `Retry of ${task.taskType} (${task.id}) failed to start: ${(error as Error).message}`,
          ),
        );
    }
    if (tasks.length > 0 && tasks.length === Math.min(this.settings.dispatchBatch, slots)) {
      this.passAgain = true;
      return null;
    }
    return (await this.state.earliestRetryAt())?.getTime() ?? null;
  }

  /** Claims the task's due fires by moving next_run on; records misfires; starts the runs. */
  async fireDue(task: ScheduledTaskEntity, now: Date): Promise<void> {
    const claims = await this.serialized(() =>
      this.state.claimNextRuns([this.planClaim(task, now)], now),
    );
    await this.startClaimed(claims, now);
  }

  /** What a claim of this due task does; one task whose schedule cannot be computed never stalls the rest. */
  private planClaim(task: ScheduledTaskEntity, now: Date): PlannedClaim {
    try {
      return this.planFires(task, now);
    } catch (error) {
      const reason = `Schedule cannot be computed, task parked until edited: ${(error as Error).message}`;
      return {
        task,
        nextRun: null,
        markRunning: false,
        plan: NO_FIRES,
        fires: [],
        unschedulable: reason,
      };
    }
  }

  private planFires(task: ScheduledTaskEntity, now: Date): PlannedClaim {
    const plan = planDueFires({
      spec: scheduleSpecOf(task),
      nextRun: task.nextRun as Date,
      now,
      misfirePolicy: task.misfirePolicy,
      graceSeconds: task.misfireGraceSeconds,
      lateToleranceMs: this.settings.lateToleranceMs,
      runAllLimit: this.settings.runAllLimit,
      maxFires: MAX_FIRES_PER_PLAN,
    });
    const fires: ClaimedFire[] = [
      ...plan.catchUp.map((fire) => ({ fire, trigger: 'catch_up' as const })),
      ...plan.onTime.map((fire) => ({ fire, trigger: 'schedule' as const })),
    ];
    return { task, nextRun: plan.nextRun, markRunning: fires.length > 0, plan, fires };
  }

  /** Records the claims' misfires, starts single fires together and catch-up sequences on their own. */
  private async startClaimed(claims: PlannedClaim[], now: Date): Promise<void> {
    for (const { task, unschedulable } of claims.filter((claim) => claim.unschedulable)) {
      this.logger.error(`Task ${task.taskType} (${task.id}): ${unschedulable}`);
      await this.state
        .recordTaskOutcome(task.id, { status: 'failed', errorMessage: unschedulable as string })
        .catch(() => undefined);
    }
    await this.recordMissed(
      claims.filter(({ plan }) => plan.missed.length > 0 || plan.dropped),
      now,
    ).catch((error: unknown) =>
      this.logger.error(`Recording missed fires failed: ${(error as Error).message}`),
    );
    for (const claim of claims)
      if (claim.fires.length > 1) void this.runInSequence(claim.task, claim.fires, claim.nextRun);
    await this.startClaimedFires(claims.filter((claim) => claim.fires.length === 1));
  }

  /** Fires this instance claimed but could not start (stopping, or a database error) go back to the pool. */
  private async startClaimedFires(claims: PlannedClaim[]): Promise<void> {
    if (claims.length === 0) return;
    const release = (claim: PlannedClaim): Promise<void> =>
      this.state.releaseNextRun(claim.task.id, claim.fires[0].fire, claim.nextRun);
    let results: StartResult[];
    try {
      results = await this.runner.startMany(
        claims.map(({ task, fires: [{ fire, trigger }] }) => ({ task, fire, trigger })),
      );
    } catch (error) {
      await Promise.all(claims.map((claim) => release(claim).catch(() => undefined)));
      this.logger.error(
        `Starting ${claims.length} claimed fire(s) failed: ${(error as Error).message}`,
      );
      return;
    }
    await Promise.all(
      results.map((result, index) =>
        !result.started && result.reason === 'shutting_down' ? release(claims[index]) : undefined,
      ),
    );
  }

  /** Several fires of one task (catch-up after downtime) run one after another, oldest first. */
  private async runInSequence(
    task: ScheduledTaskEntity,
    fires: ClaimedFire[],
    claimedNextRun: Date | null,
  ): Promise<void> {
    for (const { fire, trigger } of fires) {
      try {
        const result = await this.runner.start(task, fire, trigger);
        if (result.started) await result.done;
        else if (result.reason === 'shutting_down') {
          await this.state.releaseNextRun(task.id, fire, claimedNextRun);
          return;
        }
      } catch (error) {
        this.logger.error(
          `Catch-up run of ${task.taskType} failed to start: ${(error as Error).message}`,
        );
      }
    }
  }

  /** The claims' fires outside the misfire window, all tasks in one write, then reported per task. */
  private async recordMissed(claims: PlannedClaim[], now: Date): Promise<void> {
    const reasonOf = (task: ScheduledTaskEntity): string =>
      `Not run: outside the ${task.misfireGraceSeconds}s misfire grace window or coalesced (policy ${task.misfirePolicy})`;
    await this.ledger.recordNonRuns(
      claims.flatMap(({ task, plan }) =>
        plan.missed.map((scheduledFor) => ({
          taskId: task.id,
          scheduledFor,
          status: 'missed' as const,
          trigger: 'catch_up' as const,
          attempt: 1,
          errorMessage: reasonOf(task),
          at: now,
        })),
      ),
    );
    for (const { task, plan } of claims) {
      if (plan.missed.length === 0) {
        this.logDropped(task);
        continue;
      }
      this.events.emit(SchedulingEvents.firesNotRun, {
        taskId: task.id,
        taskType: task.taskType,
        status: 'missed',
        trigger: 'catch_up',
        count: plan.missed.length,
        reason: reasonOf(task),
      } satisfies FiresNotRunEvent);
      const more = plan.dropped
        ? ` (and more than ${MAX_FIRES_PER_PLAN} older fires not recorded)`
        : '';
      this.logger.warn(
        `Task ${task.taskType} (${task.id}): ${plan.missed.length} fire(s) missed${more}`,
      );
    }
  }

  private logDropped(task: ScheduledTaskEntity): void {
    this.logger.warn(
      `Task ${task.taskType} (${task.id}): more than ${MAX_FIRES_PER_PLAN} fires missed; older ones not recorded`,
    );
  }

  /** Claims on this instance run one at a time, so the dispatcher and a code task's timer never race each other. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.claimQueue.then(work);
    this.claimQueue = result.catch(() => undefined);
    return result;
  }

  private scheduleWake(wakeAt: number | null): void {
    if (!this.active) return;
    this.timers.removeTimeout(DISPATCHER_WAKE);
    this.wakeAt = null;
    if (wakeAt === null) return;
    const wait = wakeAt - this.clock.now().getTime();
    if (wait >= this.settings.pollMs) return;
    this.wakeAt = Date.now() + Math.max(0, wait);
    this.timers.setTimeout(DISPATCHER_WAKE, Math.max(0, wait), () => {
      this.wakeAt = null;
      this.wake();
    });
  }
}

function minimum(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
