import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  FiresNotRunEvent,
  RunFinishedEvent,
  RunStartedEvent,
  SchedulingEvents,
} from '../core/scheduling/scheduling.events';
import { ITEM_OUTCOMES } from '../core/scheduling/run-items';
import { TaskHandlerRegistry } from '../core/scheduling/task-handler-registry.service';
import { TaskRunner } from '../core/scheduling/task-runner.service';

/** From a no-op handler (milliseconds) to a long bank sync (an hour). */
const RUN_DURATION_BUCKETS = [
  0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600,
];

/** Fine below the 1-2 s lag targets; the tail covers catch-up runs after downtime. */
const FIRE_LAG_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600,
];

/** Triggers that have a schedule to be late against; manual runs and retries do not. */
const LAG_TRIGGERS = new Set<RunStartedEvent['trigger']>(['schedule', 'catch_up']);

/**
 * Prometheus view of the scheduling engine, fed by its lifecycle events. Labels carry the task type
 * (a registered handler key), never the task id: there may be 100,000 tasks.
 */
@Injectable()
export class SchedulingMetrics implements OnApplicationBootstrap {
  private readonly runs: Counter<'task_type' | 'status'>;
  private readonly items: Counter<'task_type' | 'outcome'>;
  private readonly runDuration: Histogram<'task_type'>;
  private readonly fireLag: Histogram<'task_type'>;
  private readonly firesMissed: Counter<'task_type'>;
  private readonly firesSkipped: Counter<'task_type'>;

  constructor(
    registry: Registry,
    runner: TaskRunner,
    private readonly handlers: TaskHandlerRegistry,
  ) {
    const registers = [registry];
    this.runs = new Counter({
      name: 'finsync_task_runs_total',
      help: 'Finished task runs by task type and outcome.',
      labelNames: ['task_type', 'status'],
      registers,
    });
    this.items = new Counter({
      name: 'finsync_task_run_items_total',
      help: 'Items (connections, files, …) processed by finished runs, by task type and outcome.',
      labelNames: ['task_type', 'outcome'],
      registers,
    });
    this.runDuration = new Histogram({
      name: 'finsync_task_run_duration_seconds',
      help: 'Duration of finished task runs.',
      labelNames: ['task_type'],
      buckets: RUN_DURATION_BUCKETS,
      registers,
    });
    this.fireLag = new Histogram({
      name: 'finsync_task_fire_lag_seconds',
      help: 'Actual start minus scheduled_for, for scheduled and catch-up runs.',
      labelNames: ['task_type'],
      buckets: FIRE_LAG_BUCKETS,
      registers,
    });
    this.firesMissed = new Counter({
      name: 'finsync_task_fires_missed_total',
      help: 'Fires recorded as missed by the misfire policy (outside the grace window or coalesced).',
      labelNames: ['task_type'],
      registers,
    });
    this.firesSkipped = new Counter({
      name: 'finsync_task_fires_skipped_total',
      help: 'Fires skipped by the overlap policy because the previous run was still running.',
      labelNames: ['task_type'],
      registers,
    });
    new Gauge({
      name: 'finsync_task_runs_running',
      help: 'Runs executing on this instance.',
      registers,
      collect() {
        this.set(runner.runningCount);
      },
    });
  }

  /** Series start at zero for every known task type, so rate() and alerts work before the first event. */
  onApplicationBootstrap(): void {
    for (const taskType of this.handlers.keys()) {
      const labels = { task_type: taskType };
      this.runs.inc({ ...labels, status: 'completed' }, 0);
      this.runs.inc({ ...labels, status: 'partial' }, 0);
      this.runs.inc({ ...labels, status: 'failed' }, 0);
      for (const outcome of ITEM_OUTCOMES) this.items.inc({ ...labels, outcome }, 0);
      this.firesMissed.inc(labels, 0);
      this.firesSkipped.inc(labels, 0);
    }
  }

  @OnEvent(SchedulingEvents.runStarted)
  onRunStarted(event: RunStartedEvent): void {
    if (!LAG_TRIGGERS.has(event.trigger)) return;
    const lagMs = event.startedAt.getTime() - event.scheduledFor.getTime();
    this.fireLag.observe({ task_type: event.taskType }, Math.max(0, lagMs) / 1000);
  }

  @OnEvent(SchedulingEvents.runFinished)
  onRunFinished(event: RunFinishedEvent): void {
    this.runs.inc({ task_type: event.taskType, status: event.status });
    if (event.items) {
      for (const outcome of ITEM_OUTCOMES) {
        if (event.items[outcome] > 0)
          this.items.inc({ task_type: event.taskType, outcome }, event.items[outcome]);
      }
    }
    this.runDuration.observe({ task_type: event.taskType }, event.durationMs / 1000);
  }

  @OnEvent(SchedulingEvents.firesNotRun)
  onFiresNotRun(event: FiresNotRunEvent): void {
    const counter = event.status === 'missed' ? this.firesMissed : this.firesSkipped;
    counter.inc({ task_type: event.taskType }, event.count);
  }
}
