import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig, SchedulerSettings } from '../../config/app-config';
import { CodeTaskSync } from './code-task-sync.service';
import { CronAdapter } from './cron.adapter';
import { ScheduledTaskEntity } from './entities/scheduled-task.entity';
import { TaskDispatcher } from './task-dispatcher.service';
import { TaskRunner } from './task-runner.service';
import { TaskSettingsStore } from './store/task-settings.store';

export const CODE_TASK_WATCH = 'scheduler.code-task-watch';
const CODE_TASK_WATCH_MS = 3000;

/** Boot and shutdown of the engine on this instance. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly settings: SchedulerSettings;
  private started = false;

  constructor(
    config: AppConfig,
    private readonly codeTasks: CodeTaskSync,
    private readonly timers: CronAdapter,
    private readonly dispatcher: TaskDispatcher,
    private readonly runner: TaskRunner,
    private readonly store: TaskSettingsStore,
  ) {
    this.settings = config.scheduler;
  }

  get isRunning(): boolean {
    return this.started && this.dispatcher.isActive;
  }

  get instanceId(): string {
    return this.settings.instanceId;
  }

  async onApplicationBootstrap(): Promise<void> {
    const codeTasks = await this.codeTasks.syncAll();
    if (!this.settings.enabled) {
      this.logger.log(
        `Scheduler disabled (SCHEDULER_ENABLED=false): no timers on ${this.instanceId}; API and run-now work`,
      );
      return;
    }
    this.scheduleCodeTasks(codeTasks);
    this.timers.addInterval(
      CODE_TASK_WATCH,
      CODE_TASK_WATCH_MS,
      () => void this.refreshCodeTasks(),
    );
    this.dispatcher.start();
    this.started = true;
    this.logger.log(
      `Scheduler started on ${this.instanceId}: ${codeTasks.length} code-declared task(s), dispatcher on`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    this.timers.stopAll();
    this.timers.removeInterval(CODE_TASK_WATCH);
    await this.dispatcher.stop();
    await this.runner.drain(this.settings.shutdownGraceMs);
  }

  /** Operator edits (on any instance) re-time this instance's timers within a few seconds. */
  async refreshCodeTasks(): Promise<void> {
    if (!this.started) return;
    try {
      this.scheduleCodeTasks(await this.store.findCodeTasks());
    } catch (error) {
      this.logger.error(`Refreshing code-declared tasks failed: ${(error as Error).message}`);
    }
  }

  private scheduleCodeTasks(tasks: ScheduledTaskEntity[]): void {
    const present = new Set<string>();
    for (const task of tasks) {
      present.add(task.codeKey as string);
      this.timers.scheduleCodeTask(task, () => void this.onCodeTaskTick(task.id));
    }
    for (const name of this.timers.codeTaskNames())
      if (!present.has(name)) this.timers.removeCodeTask(name);
  }

  private async onCodeTaskTick(taskId: string): Promise<void> {
    try {
      await this.dispatcher.fireTaskIfDue(taskId);
    } catch (error) {
      this.logger.error(`Tick of task ${taskId} failed: ${(error as Error).message}`);
    }
  }
}
