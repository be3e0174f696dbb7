import { offsetReaderFor } from './zoned-time';

/* Schedules and fire instants worded for people: boot log lines, the CLI. */

export type DescribedSchedule =
  | { kind: 'cron'; expression: string; timeZone: string }
  | { kind: 'interval'; intervalSeconds: number }
  | { kind: 'once'; runAt: Date };

const UNITS = [
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
] as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_ALIASES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const NUMBER = /^\d+$/;

/** `every 6 hours`, `Daily at 06:00 Moscow time`, `Mondays at 09:30 UTC`, else the expression. */
export function describeSchedule(schedule: DescribedSchedule): string {
  switch (schedule.kind) {
    case 'interval':
      return describeInterval(schedule.intervalSeconds);
    case 'once':
      return `once at ${formatZonedInstant(schedule.runAt, 'UTC')}`;
    case 'cron':
      return describeCron(schedule.expression, schedule.timeZone);
  }
}

export function describeInterval(seconds: number): string {
  for (const [unit, size] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const count = seconds / size;
      return count === 1 ? `every ${unit}` : `every ${count} ${unit}s`;
    }
  }
  return `every ${seconds} seconds`;
}

function describeCron(expression: string, timeZone: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length === 6) {
    if (fields[0] !== '0') return `cron ${expression} (${zoneInWords(timeZone)})`;
    fields.shift();
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const zone = zoneInWords(timeZone);
  if (NUMBER.test(minute) && NUMBER.test(hour) && month === '*') {
    const time = `${pad(hour)}:${pad(minute)} ${zone}`;
    if (dayOfMonth === '*' && dayOfWeek === '*') return `Daily at ${time}`;
    const weekday = weekdayName(dayOfWeek);
    if (dayOfMonth === '*' && weekday) return `${weekday}s at ${time}`;
    if (NUMBER.test(dayOfMonth) && dayOfWeek === '*')
      return `Monthly on day ${Number(dayOfMonth)} at ${time}`;
  }
  if (NUMBER.test(minute) && [hour, dayOfMonth, month, dayOfWeek].every((f) => f === '*'))
    return `Hourly at minute ${Number(minute)}`;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && [hour, dayOfMonth, month, dayOfWeek].every((f) => f === '*'))
    return describeInterval(Number(step[1]) * 60);
  return `cron ${expression} (${zone})`;
}

/** `Europe/Moscow` → `Moscow time`; `UTC` stays `UTC`. */
export function zoneInWords(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const city = timeZone.split('/').pop() as string;
  return `${city.replace(/_/g, ' ')} time`;
}

/** `2025-11-15 06:00:00+03:00`: the wall-clock time in the zone, with its offset. */
export function formatZonedInstant(instant: Date, timeZone: string): string {
  const offsetMs = offsetReaderFor(timeZone)(instant.getTime());
  const wall = new Date(instant.getTime() + offsetMs).toISOString();
  const offsetMinutes = Math.round(offsetMs / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function weekdayName(field: string): string | null {
  if (NUMBER.test(field)) return WEEKDAYS[Number(field) % 7] ?? null;
  const alias = WEEKDAY_ALIASES.indexOf(field.toLowerCase());
  return alias >= 0 ? WEEKDAYS[alias] : null;
}

function pad(value: string | number): string {
  return String(value).padStart(2, '0');
}
