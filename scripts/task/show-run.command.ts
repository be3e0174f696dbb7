import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { RunLedgerStore } from '../../src/core/scheduling/store/run-ledger.store';
import { durationSeconds, formatInstant, labelOf } from './cli-format';
import { onlyArgument, OpsCommand, splitArguments } from './ops-command';

/** Everything the ledger holds about one run. */
export const showRunCommand: OpsCommand = {
  usage:
    '  show <run id>               one run: task, status, trigger, times, instance, error, details',
  parse(args) {
    const runId = onlyArgument(splitArguments(args, []).positional, 'a run id', 'show');
    return async (context) => {
      const run = await context.get(RunLedgerStore).findRun(runId);
      if (!run) {
        console.error(`task: no run with id ${runId}`);
        return 1;
      }
      const task = await context
        .get(ScheduledTaskService)
        .get(run.taskId)
        .catch(() => null);
      const rows: [string, string][] = [
        ['task', task ? `${labelOf(task)} (${task.name})` : `${run.taskId} (deleted)`],
        ['status', run.status],
        ['trigger', `${run.trigger}, attempt ${run.attempt}`],
        ['scheduled for', formatInstant(run.scheduledFor)],
        ['started', formatInstant(run.executionStart)],
        [
          'ended',
          run.executionEnd
            ? `${formatInstant(run.executionEnd)} (${durationSeconds(run.executionStart, run.executionEnd)})`
            : '-',
        ],
        ['instance', run.instanceId ?? '-'],
        ['heartbeat', formatInstant(run.heartbeatAt)],
        ['error', run.errorMessage ?? '-'],
      ];
      console.log(`Run ${run.id}`);
      for (const [name, value] of rows) console.log(`  ${name.padEnd(14)}${value}`);
      const details = JSON.stringify(run.details ?? null, null, 2).replace(/\n/g, '\n    ');
      console.log(`  details\n    ${details}`);
      return 0;
    };
  },
};
