import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../../core/scheduling/clock';
import { ArchiveCandidates } from './archive-candidates';
import { type ArchiveBatchMover, createArchiveBatchMover } from './archive-batch-mover';
import { ArchiveHorizonService } from './archive-horizon.service';

export interface ArchiveProgress {
  /** 1 for the first batch. */
  readonly batch: number;
  /** Rows this batch moved. */
  readonly moved: number;
  /** Rows moved so far in this run. */
  readonly total: number;
}

export interface ArchiveOptions {
  readonly batchSize: number;
  /** Checked between batches: an aborted run stops after the batch it is in, which commits. */
  readonly signal?: AbortSignal;
  readonly onBatch?: (progress: ArchiveProgress) => void;
}

export interface ArchiveOutcome {
  moved: number;
  batches: number;
  /** False when the signal stopped the run before every archivable row had moved. */
  finished: boolean;
}

/**
 * Moves booked transactions dated before a cutoff into `transactions_archive`, batch by batch, each
 * batch one database transaction. Resumable by construction: what a batch moved is gone from
 * `transactions`, a batch that failed left everything as it was, so running again continues where
 * the last committed batch ended.
 */
@Injectable()
export class TransactionArchiver {
  private readonly mover: ArchiveBatchMover;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly horizon: ArchiveHorizonService,
  ) {
    this.mover = createArchiveBatchMover(dataSource);
  }

  async archiveBefore(cutoff: string, options: ArchiveOptions): Promise<ArchiveOutcome> {
    const candidates = new ArchiveCandidates(this.dataSource, cutoff, options.batchSize);
    let moved = 0;
    let batches = 0;
    try {
      for (;;) {
        if (options.signal?.aborted) return { moved, batches, finished: false };
        const ids = await candidates.nextBatch();
        if (ids.length === 0) return { moved, batches, finished: true };
        const count = await this.mover.move(ids, cutoff, this.clock.now());
        moved += count;
        batches += 1;
        options.onBatch?.({ batch: batches, moved: count, total: moved });
      }
    } finally {
      if (moved > 0) this.horizon.forget();
    }
  }
}
