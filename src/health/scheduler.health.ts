import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { SchedulerService } from '../core/scheduling/scheduler.service';
import { TaskDispatcher } from '../core/scheduling/task-dispatcher.service';
import { schedulingConfig, SchedulerSettings } from '../core/scheduling/scheduling.config';

/** A dispatcher may miss a couple of polls under load before it counts as stuck. */
const MISSED_POLLS_TOLERATED = 3;
const STALL_SLACK_MS = 10_000;

/**
 * The scheduler on this instance: down when it should be dispatching (SCHEDULER_ENABLED) but no
 * dispatch pass happened for 3 polls + 10 s, counted from boot until the first pass.
 */
@Injectable()
export class SchedulerHealthIndicator implements OnApplicationBootstrap {
  private readonly settings: SchedulerSettings;
  private bootedAt = Date.now();

  constructor(
    config: AppConfig,
    private readonly scheduler: SchedulerService,
    private readonly dispatcher: TaskDispatcher,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.settings = config.get(schedulingConfig);
  }

  onApplicationBootstrap(): void {
    this.bootedAt = Date.now();
  }

  /** Wall-clock time, like the dispatcher's own lastPass (the injectable Clock may be faked). */
  check(key: string): HealthIndicatorResult {
    const lastPass = this.dispatcher.lastPass;
    const details = {
      enabled: this.settings.enabled,
      running: this.scheduler.isRunning,
      instance_id: this.scheduler.instanceId,
      last_dispatch: lastPass?.toISOString() ?? null,
    };
    const indicator = this.indicators.check(key);
    if (!this.settings.enabled) return indicator.up(details);
    const stallLimitMs = MISSED_POLLS_TOLERATED * this.settings.pollMs + STALL_SLACK_MS;
    const quietMs = Date.now() - (lastPass?.getTime() ?? this.bootedAt);
    if (quietMs <= stallLimitMs) return indicator.up(details);
    return indicator.down({
      ...details,
      message: `No dispatch pass for ${Math.round(quietMs / 1000)}s (limit ${stallLimitMs / 1000}s)`,
    });
  }
}
