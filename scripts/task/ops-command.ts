import { INestApplicationContext } from '@nestjs/common';
import { UsageError } from './usage-error';

/** What a parsed command does with the booted application; resolves to the exit status. */
export type CommandAction = (context: INestApplicationContext) => Promise<number>;

/** A subcommand of `npm run task` living in its own module. */
export interface OpsCommand {
  /** Its lines of the usage text. */
  readonly usage: string;
  /** Parses the arguments after the command's name; throws UsageError. */
  parse(args: string[]): CommandAction;
}

/** `--name value` / `--name=value` for the given names; anything else starting with `-` is refused. */
export function splitArguments(
  args: string[],
  optionNames: readonly string[],
): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      if (args[i].startsWith('-')) throw new UsageError(`unknown option ${args[i]}`);
      positional.push(args[i]);
      continue;
    }
    if (!optionNames.includes(match[1])) throw new UsageError(`unknown option --${match[1]}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  return { positional, options };
}

export function parseCount(
  value: string | undefined,
  name: string,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}`);
  return count;
}

/** Exactly one positional argument (a task or run reference). */
export function onlyArgument(positional: string[], what: string, command: string): string {
  if (positional.length === 0) throw new UsageError(`${command} needs ${what}`);
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  return positional[0];
}
