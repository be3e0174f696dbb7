import { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';
import { RunLedgerStore } from '../../src/core/scheduling/store/run-ledger.store';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { durationSeconds, formatInstant, labelOf, oneLine } from './cli-format';
import { OpsCommand, parseCount, splitArguments } from './ops-command';
import { UsageError } from './usage-error';

const DEFAULT_INTERVAL_MS = 2000;
/** Runs read per poll: more starts than this between two polls show only their newest. */
const WINDOW = 200;

/** Follows the run history: a line when a run starts and one when it ends, until Ctrl-C. */
export const tailCommand: OpsCommand = {
  usage:
    '  tail [<key|id>] [--interval-ms N]  follow runs as they start and end (polls every 2 s); Ctrl-C stops',
  parse(args) {
    const { positional, options } = splitArguments(args, ['interval-ms']);
    if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
    const intervalMs =
      parseCount(options['interval-ms'], 'interval-ms', 60_000) ?? DEFAULT_INTERVAL_MS;
    return (context) => follow(context, positional[0], intervalMs);
  },
};

async function follow(
  context: INestApplicationContext,
  reference: string | undefined,
  intervalMs: number,
): Promise<number> {
  const service = context.get(ScheduledTaskService);
  const ledger = context.get(RunLedgerStore);
  const only = reference ? await service.findByIdOrKey(reference) : undefined;
  const stop = new AbortController();
  const onInterrupt = (): void => stop.abort();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);

  const tasks = new Map<string, ScheduledTaskEntity | null>();
  const labelOfRun = async (run: TaskLogEntity): Promise<string> => {
    if (!tasks.has(run.taskId))
      tasks.set(run.taskId, await service.get(run.taskId).catch(() => null));
    const task = tasks.get(run.taskId);
    return task ? labelOf(task) : run.taskId;
  };
  const recent = async (): Promise<TaskLogEntity[]> =>
    (await service.listRuns({ taskId: only?.id, includeIdle: true }, WINDOW)).items.reverse();

  /** Runs seen running, by id: each gets its end line once it ends, however old it is. */
  const running = new Set<string>();
  const seen = new Set<string>();
  for (const run of await recent()) {
    seen.add(run.id);
    if (run.status === 'running') running.add(run.id);
  }
  console.log(
    `Following runs of ${only ? labelOf(only) : 'every task'} (${running.size} running now); Ctrl-C stops`,
  );
  try {
    while (!stop.signal.aborted) {
      await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) break;
      for (const run of await recent()) {
        if (seen.has(run.id)) continue;
        seen.add(run.id);
        console.log(startLine(run, await labelOfRun(run)));
        if (run.status === 'running') running.add(run.id);
        else console.log(endLine(run, await labelOfRun(run)));
      }
      for (const id of [...running]) {
        const run = await ledger.findRun(id);
        if (run?.status === 'running') continue;
        running.delete(id);
        if (run) console.log(endLine(run, await labelOfRun(run)));
      }
    }
  } catch (error) {
    // Ctrl-C closes the application under a poll in flight: that is the way out, not a failure.
    if (!stop.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
  return 0;
}

function startLine(run: TaskLogEntity, label: string): string {
  return `${formatInstant(run.executionStart)}  started    ${label}  run ${run.id} (${run.trigger}, attempt ${run.attempt})`;
}

function endLine(run: TaskLogEntity, label: string): string {
  const end = run.executionEnd ?? run.executionStart;
  const message = run.errorMessage ?? messageOf(run.details);
  return [
    `${formatInstant(end)}  ${run.status.padEnd(9)}  ${label}  run ${run.id}`,
    run.executionEnd ? ` in ${durationSeconds(run.executionStart, run.executionEnd)}` : '',
    message ? `: ${oneLine(message, 160)}` : '',
  ].join('');
}

function messageOf(details: Record<string, unknown> | null): string | null {
  return typeof details?.message === 'string' ? details.message : null;
}
