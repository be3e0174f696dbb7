import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { RunLedgerStore } from './store/run-ledger.store';
import { RunOutcome } from './store/run-records';
import { TaskStateStore } from './store/task-state.store';
import { schedulingConfig } from './scheduling.config';

/** Long enough to gather the runs of one dispatch pass, short against any run's duration. */
const FLUSH_DELAY_MS = 20;
const MAX_BATCH = 200;

interface PendingOutcome {
  outcome: RunOutcome;
  resolve: (recorded: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Records finished runs in batches: the outcomes of runs that end within a few milliseconds of each
 * other (a dispatch pass starts hundreds at once) cost two UPDATEs together instead of two each.
 * Batches are written one after another, so a task's later outcome never lands before an earlier one.
 */
@Injectable()
export class RunOutcomeWriter {
  private readonly instanceId: string;
  private pending: PendingOutcome[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly state: TaskStateStore,
    private readonly clock: Clock,
  ) {
    this.instanceId = config.get(schedulingConfig).instanceId;
  }

  /** Resolves once written: true when recorded, false when the run was no longer ours to record. */
  record(outcome: RunOutcome): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ outcome, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => this.write(batch));
  }

  private async write(batch: PendingOutcome[]): Promise<void> {
    try {
      const outcomes = batch.map((item) => item.outcome);
      const recorded = new Set(await this.ledger.finishRuns(outcomes, this.instanceId));
      await this.state.recordTaskOutcomes(
        outcomes.filter((outcome) => recorded.has(outcome)),
        this.clock.now(),
      );
      for (const item of batch) item.resolve(recorded.has(item.outcome));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
