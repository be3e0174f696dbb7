import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from './clock';
import { RunLedgerStore } from './store/run-ledger.store';
import { schedulingConfig } from './scheduling.config';

/**
 * Stamps heartbeat_at on this instance's running rows every SCHEDULER_HEARTBEAT_SECONDS, all in
 * one UPDATE. A row whose heartbeat is older than the lease belongs to a dead instance: the sweeper
 * marks it interrupted and retries it.
 */
@Injectable()
export class RunHeartbeat {
  private readonly logger = new Logger('TaskRunner');
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    config: AppConfig,
    private readonly ledger: RunLedgerStore,
    private readonly clock: Clock,
  ) {
    this.intervalMs = config.get(schedulingConfig).heartbeatMs;
  }

  /** Starts beating, once, for the runs `runIds` lists at each beat (none: the beat is skipped). */
  keepAlive(runIds: () => string[]): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const ids = runIds();
      if (ids.length === 0) return;
      this.ledger
        .heartbeat(ids, this.clock.now())
        .catch((error: unknown) =>
          this.logger.error(`Heartbeat failed: ${(error as Error).message}`),
        );
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
