import { INestApplicationContext } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { RunProgressEvent, SchedulingEvents } from '../../src/core/scheduling/scheduling.events';
import {
  itemCountsLine,
  progressBar,
  progressLine,
} from '../../src/scheduled-tasks/run-progress-text';

/**
 * Shows a run's progress while the CLI waits for it: a bar redrawn in place on a terminal, a
 * plain line per update (at most one a second) otherwise. Returns a function that ends the display.
 */
export function showRunProgress(
  context: INestApplicationContext,
  runId: string,
  out: NodeJS.WriteStream = process.stdout,
): () => void {
  const events = context.get(EventEmitter2);
  let drawn = false;
  const listener = (event: RunProgressEvent): void => {
    if (event.runId !== runId) return;
    if (out.isTTY) {
      const width = out.columns ?? 100;
      out.write(
        `\r${progressBar(event.progress)
          .slice(0, width - 1)
          .padEnd(width - 1)}`,
      );
      drawn = true;
    } else out.write(`${progressLine(event.progress)}\n`);
  };
  events.on(SchedulingEvents.runProgress, listener);
  return () => {
    events.off(SchedulingEvents.runProgress, listener);
    if (drawn) out.write('\n');
  };
}

/** The finished run's item counts, when it reported items. */
export function printItemCounts(run: TaskLogEntity | null, out = process.stdout): void {
  if (run?.itemsTotal === null || run?.itemsTotal === undefined) return;
  out.write(
    `${itemCountsLine({
      total: run.itemsTotal,
      succeeded: run.itemsSucceeded ?? 0,
      failed: run.itemsFailed ?? 0,
      skipped: run.itemsSkipped ?? 0,
    })}\n`,
  );
}
