import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Clock } from './clock';
import { CronAdapter } from './cron.adapter';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { SchedulingEvents } from './scheduling.events';
import { TaskDispatcher } from './task-dispatcher.service';
import { TaskSettingsStore } from './store/task-settings.store';

export const CODE_TASK_EDIT_CHECK = 'scheduler.code-task-edits';
const CODE_TASK_EDIT_CHECK_MS = 3000;

/**
 * The only trigger of code-declared tasks (the dispatcher leaves them alone): each is a named timer
 * in SchedulerRegistry ticking at its schedule's fires, and a tick only hands the fire to the
 * claim, reading the task and, when its next_run has come, claiming it exactly as the dispatcher
 * claims API tasks (compare-and-set on next_run: of all instances, one runs each fire).
 */
@Injectable()
export class CodeTaskTimers {
  private readonly logger = new Logger('CodeTaskTimers');
  private active = false;
  private rowsSignature: string | null = null;
  private checking = false;
  /** An edit arrived while checking: check once more, the running check may have read too early. */
  private checkAgain = false;

  constructor(
    private readonly store: TaskSettingsStore,
    private readonly timers: CronAdapter,
    private readonly dispatcher: TaskDispatcher,
    private readonly clock: Clock,
  ) {}

  /** Times every task; one whose next_run passed while no instance ran is caught up now. */
  start(tasks: ScheduledTaskEntity[]): void {
    this.active = true;
    this.apply(tasks);
    this.timers.addInterval(CODE_TASK_EDIT_CHECK, CODE_TASK_EDIT_CHECK_MS, () =>
      this.checkForEdits(),
    );
  }

  stop(): void {
    this.active = false;
    this.timers.removeInterval(CODE_TASK_EDIT_CHECK);
    this.timers.stopAll();
  }

  @OnEvent(SchedulingEvents.tasksChanged)
  onTasksChanged(): void {
    if (this.active) this.checkForEdits();
  }

  /**
   * Edits made on any instance re-time this instance's timers: one aggregate over the code_key
   * index (versions only grow, and every edit bumps one) says whether any code-declared task
   * changed.
   */
  private checkForEdits(): void {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    void this.checkUntilCurrent()
      .catch((error: unknown) =>
        this.logger.error(`Checking code-declared tasks failed: ${(error as Error).message}`),
      )
      .finally(() => {
        this.checking = false;
      });
  }

  private async checkUntilCurrent(): Promise<void> {
    do {
      this.checkAgain = false;
      await this.reloadIfChanged();
    } while (this.checkAgain && this.active);
  }

  private async reloadIfChanged(): Promise<void> {
    const signature = await this.store.codeTasksSignature();
    if (signature === this.rowsSignature || !this.active) return;
    const tasks = await this.store.findCodeTasks();
    if (!this.active) return;
    this.rowsSignature = signature;
    this.apply(tasks);
  }

  private apply(tasks: ScheduledTaskEntity[]): void {
    const present = new Set(tasks.map((task) => task.codeKey as string));
    for (const name of this.timers.codeTaskNames())
      if (!present.has(name)) this.timers.removeCodeTask(name);
    for (const task of tasks) this.register(task);
  }

  /** A due task whose schedule cannot be timed still gets its claim, which parks it with why. */
  private register(task: ScheduledTaskEntity): void {
    let retimed = true;
    try {
      retimed = this.timers.scheduleCodeTask(task, () => void this.onTick(task.id));
    } catch (error) {
      this.logger.error(
        `Task ${task.codeKey} (${task.id}) cannot be timed: ${(error as Error).message}`,
      );
    }
    if (retimed && task.nextRun && task.nextRun <= this.clock.now()) void this.onTick(task.id);
  }

  private async onTick(taskId: string): Promise<void> {
    if (!this.active) return;
    try {
      const task = await this.store.findTask(taskId);
      const now = this.clock.now();
      if (task?.nextRun && task.nextRun <= now) await this.dispatcher.fireDue(task, now);
    } catch (error) {
      this.logger.error(`Tick of task ${taskId} failed: ${(error as Error).message}`);
    }
  }
}
