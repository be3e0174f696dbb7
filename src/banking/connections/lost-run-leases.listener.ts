import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RunLostEvent, SchedulingEvents } from '../../core/scheduling/scheduling.events';
import { ConnectionSyncRecorder } from './connection-sync-recorder.service';

/**
 * Releases the sync leases of a task run whose instance died, before the engine retries the run:
 * its connections are free for the retry at once instead of after their leases expire.
 */
@Injectable()
export class LostRunLeases {
  private readonly logger = new Logger('BankSync');

  constructor(private readonly recorder: ConnectionSyncRecorder) {}

  @OnEvent(SchedulingEvents.runLost)
  async release(event: RunLostEvent): Promise<void> {
    const released = await this.recorder.releaseAllOf(event.runId);
    if (released > 0) {
      this.logger.warn(
        `Released ${released} connection sync lease(s) of lost run ${event.runId} (${event.taskType})`,
      );
    }
  }
}
