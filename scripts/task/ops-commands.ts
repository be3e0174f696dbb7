import { nextRunsCommand } from './next-runs.command';
import { OpsCommand } from './ops-command';
import { showRunCommand } from './show-run.command';
import { tailCommand } from './tail.command';
import { disableCommand, enableCommand, pauseCommand, resumeCommand } from './task-state.command';

/** The subcommands of `npm run task` that live in their own modules, by name. */
export const OPS_COMMANDS: Readonly<Record<string, OpsCommand>> = {
  pause: pauseCommand,
  resume: resumeCommand,
  enable: enableCommand,
  disable: disableCommand,
  'next-runs': nextRunsCommand,
  show: showRunCommand,
  tail: tailCommand,
};

export const OPS_USAGE = Object.values(OPS_COMMANDS)
  .map((command) => command.usage)
  .join('\n');
