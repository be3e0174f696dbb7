import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../src/core/scheduling/entities/task-log.entity';

/* How the task CLI writes tasks, instants and tables. */

export function labelOf(task: ScheduledTaskEntity): string {
  return task.codeKey ?? `${task.taskType} ${task.id}`;
}

export function describeSchedule(task: ScheduledTaskEntity): string {
  switch (task.scheduleType) {
    case 'cron':
      return `cron ${task.cronExpression} ${task.timezone}`;
    case 'interval':
      return `every ${describeSeconds(task.intervalSeconds ?? 0)}`;
    case 'once':
      return `once ${formatInstant(task.runAt)}`;
  }
}

function describeSeconds(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

export function formatInstant(instant: Date | null): string {
  return instant
    ? instant
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, 'Z')
    : '-';
}

export function durationSeconds(start: Date, end: Date): string {
  return `${((end.getTime() - start.getTime()) / 1000).toFixed(2)}s`;
}

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** `47/50 ok, 3 failed` (skipped ones too when any); `-` for a run without items. */
export function describeItems(run: TaskLogEntity): string {
  if (run.itemsTotal === null) return '-';
  const skipped = run.itemsSkipped ? `, ${run.itemsSkipped} skipped` : '';
  return `${run.itemsSucceeded ?? 0}/${run.itemsTotal} ok, ${run.itemsFailed ?? 0} failed${skipped}`;
}
