import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { formatZonedInstant } from '../../src/core/scheduling/time/schedule-words';
import { describeSchedule, formatInstant, labelOf } from './cli-format';
import { onlyArgument, OpsCommand, parseCount, splitArguments } from './ops-command';

const DEFAULT_COUNT = 5;
const MAX_COUNT = 100;

/** The next fires of a task's schedule, in its zone and in UTC. */
export const nextRunsCommand: OpsCommand = {
  usage:
    '  next-runs <key|id> [--count N]  the next fires of its schedule, in its zone and UTC (default 5, at most 100)',
  parse(args) {
    const { positional, options } = splitArguments(args, ['count']);
    const reference = onlyArgument(positional, 'a task key or id', 'next-runs');
    const count = parseCount(options.count, 'count', MAX_COUNT) ?? DEFAULT_COUNT;
    return async (context) => {
      const service = context.get(ScheduledTaskService);
      const task = await service.findByIdOrKey(reference);
      const { fires } = await service.nextRuns(task.id, count);
      console.log(`${labelOf(task)}: ${describeSchedule(task)}`);
      if (!task.enabled) console.log('It is disabled: these fires happen only once it is enabled.');
      else if (task.paused)
        console.log('It is paused: these fires happen only once it is resumed.');
      if (fires.length === 0) console.log('No further fires.');
      for (const fire of fires)
        console.log(`  ${formatZonedInstant(fire, task.timezone)}  (${formatInstant(fire)})`);
      return 0;
    };
  },
};
