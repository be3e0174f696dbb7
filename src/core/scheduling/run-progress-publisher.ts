import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from './clock';
import { RunItemTracker } from './run-items';
import { RunProgressEvent, SchedulingEvents } from './scheduling.events';
import { RunLedgerStore } from './store/run-ledger.store';

/** Progress is published at most this often, for all of the instance's runs together. */
export const PROGRESS_INTERVAL_MS = 1000;

interface TrackedRun {
  runId: string;
  taskId: string;
  taskType: string;
  tracker: RunItemTracker;
}

/**
 * Gives each run its item tracker and publishes the trackers that changed: at most once a second,
 * one UPDATE of `task_logs.progress` for all of them and a `runProgress` event each (the CLI draws
 * its progress bar from those). Handlers report every item; the database sees one write a second.
 */
@Injectable()
export class RunProgressPublisher implements OnModuleDestroy {
  private readonly logger = new Logger('TaskRunner');
  private readonly runs = new Map<string, TrackedRun>();
  private timer?: NodeJS.Timeout;
  private lastPublishAt = 0;
  /** Publications run one after another, so an older progress never lands after a newer one. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: RunLedgerStore,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  track(run: { runId: string; taskId: string; taskType: string }): RunItemTracker {
    const tracker = new RunItemTracker(() => this.schedule());
    this.runs.set(run.runId, { ...run, tracker });
    return tracker;
  }

  /** The run finished: its outcome carries the final counts, nothing more is published for it. */
  untrack(runId: string): void {
    this.runs.delete(runId);
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastPublishAt + PROGRESS_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publishing = this.publishing
        .then(() => this.publish())
        .catch((error: unknown) =>
          this.logger.error(`Writing run progress failed: ${(error as Error).message}`),
        );
    }, wait);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    this.lastPublishAt = Date.now();
    const now = this.clock.now();
    const changed = [...this.runs.values()].filter((run) => run.tracker.takeChange());
    if (changed.length === 0) return;
    const entries = changed.map((run) => ({ run, progress: run.tracker.progress(now) }));
    await this.ledger.writeProgress(
      entries.map(({ run, progress }) => ({ runId: run.runId, progress })),
    );
    for (const { run, progress } of entries) {
      this.events.emit(SchedulingEvents.runProgress, {
        runId: run.runId,
        taskId: run.taskId,
        taskType: run.taskType,
        progress,
      } satisfies RunProgressEvent);
    }
  }
}
