import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CodeTaskSync } from './code-task-sync.service';
import { CodeTaskTimers } from './code-task-timers.service';
import { OrphanedTaskCheck } from './orphaned-task-check.service';
import { SchedulerBootReport } from './scheduler-boot-report';
import { StaleRunSweeper } from './stale-run-sweeper';
import { TaskDispatcher } from './task-dispatcher.service';
import { TaskRunner } from './task-runner.service';
import { schedulingConfig, SchedulerSettings } from './scheduling.config';

/** Boot and shutdown of the engine on this instance. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly settings: SchedulerSettings;
  private started = false;

  constructor(
    config: AppConfig,
    private readonly orphans: OrphanedTaskCheck,
    private readonly codeTasks: CodeTaskSync,
    private readonly codeTimers: CodeTaskTimers,
    private readonly dispatcher: TaskDispatcher,
    private readonly runner: TaskRunner,
    private readonly sweeper: StaleRunSweeper,
    private readonly report: SchedulerBootReport,
  ) {
    this.settings = config.get(schedulingConfig);
  }

  get isRunning(): boolean {
    return this.started && this.dispatcher.isActive;
  }

  get instanceId(): string {
    return this.settings.instanceId;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.orphans.check({ failOnActiveUnhandledTasks: this.settings.enabled });
    const codeTasks = await this.codeTasks.syncAll();
    if (!this.settings.enabled) {
      this.report.disabled(this.instanceId);
      return;
    }
    this.report.initialized();
    this.report.warnUnconfigured(codeTasks);
    this.codeTimers.start(codeTasks);
    this.dispatcher.start();
    this.sweeper.start();
    this.started = true;
    this.report.started(this.instanceId, codeTasks);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const wasStarted = this.started;
    this.started = false;
    this.codeTimers.stop();
    await this.sweeper.stop();
    await this.dispatcher.stop();
    await this.runner.drain(this.settings.shutdownGraceMs);
    if (wasStarted) this.report.shutDown();
  }
}
