import { INestApplicationContext } from '@nestjs/common';
import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { ScheduledTaskService } from '../../src/scheduled-tasks/scheduled-task.service';
import { formatInstant, labelOf } from './cli-format';
import { onlyArgument, OpsCommand, splitArguments } from './ops-command';

type Change = (service: ScheduledTaskService, id: string) => Promise<ScheduledTaskEntity>;

/** pause / resume / enable / disable: one switch of a task, as the API's routes flip it. */
function stateCommand(name: string, usage: string, change: Change, done: string): OpsCommand {
  return {
    usage,
    parse(args) {
      const reference = onlyArgument(splitArguments(args, []).positional, 'a task key or id', name);
      return async (context: INestApplicationContext) => {
        const service = context.get(ScheduledTaskService);
        const task = await change(service, (await service.findByIdOrKey(reference)).id);
        console.log(`${labelOf(task)} ${done}; ${stateOf(task)}`);
        return 0;
      };
    },
  };
}

function stateOf(task: ScheduledTaskEntity): string {
  if (!task.enabled) return 'it will not run until enabled';
  if (task.paused) return 'it will not run until resumed';
  return `next run ${formatInstant(task.nextRun)}`;
}

export const pauseCommand = stateCommand(
  'pause',
  '  pause <key|id>              stop a task firing (a pending retry is dropped) until resumed',
  (service, id) => service.pause(id),
  'paused',
);

export const resumeCommand = stateCommand(
  'resume',
  '  resume <key|id>             continue a paused task from now (no catch-up)',
  (service, id) => service.resume(id),
  'resumed',
);

export const enableCommand = stateCommand(
  'enable',
  '  enable <key|id>             switch a task on (for a code-declared one: kept across restarts until reset)',
  (service, id) => service.update(id, { enabled: true }),
  'enabled',
);

export const disableCommand = stateCommand(
  'disable',
  '  disable <key|id>            switch a task off (likewise kept across restarts until reset)',
  (service, id) => service.update(id, { enabled: false }),
  'disabled',
);
