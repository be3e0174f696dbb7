import { BoundedCache } from './bounded-cache';
import { describeCronProblem, parseCron } from './cron-expression';
import { DAY_MS, modulo, SECOND_MS } from './time-units';
import { isValidTimeZone, OffsetReader, offsetReaderFor } from './zoned-time';

/* When a schedule (cron in a zone, anchored interval, once) fires next. */

export type ScheduleSpec =
  | { kind: 'cron'; expression: string; timeZone: string }
  | { kind: 'interval'; intervalMs: number; anchor: Date }
  | { kind: 'once'; runAt: Date };

export class InvalidScheduleError extends Error {
  override readonly name = 'InvalidScheduleError';
}

const CRON_CACHE_MAX_ENTRIES = 1000;

/** For each value, the smallest allowed value at or above it, or -1 when there is none. */
type NextAllowed = readonly number[];

interface CompiledCron {
  seconds: NextAllowed;
  minutes: NextAllowed;
  hours: NextAllowed;
  months: NextAllowed;
  daysOfMonth: Set<number>;
  daysOfWeek: Set<number>;
  restrictsDayOfMonth: boolean;
  restrictsDayOfWeek: boolean;
  /** Hourly (or finer) jobs fire again in the repeated hour of a fall-back day. */
  firesEveryHour: boolean;
  offsetAt: OffsetReader;
}

// A valid expression fires at least every 8 years (29 February across a skipped leap year).
const WALL_CLOCK_SEARCH_YEARS = 9;
const UNIX_EPOCH_WEEKDAY = 4;

const compiledCrons = new BoundedCache<CompiledCron>(CRON_CACHE_MAX_ENTRIES);

export function cronCacheStats(): { size: number; maxSize: number } {
  return { size: compiledCrons.size, maxSize: CRON_CACHE_MAX_ENTRIES };
}

function nextAllowedTable(allowed: Set<number>, max: number): NextAllowed {
  const table: number[] = new Array<number>(max + 2).fill(-1);
  for (let value = max; value >= 0; value--) {
    table[value] = allowed.has(value) ? value : table[value + 1];
  }
  return table;
}

function compileCron(expression: string, timeZone: string): CompiledCron {
  const problem = describeCronProblem(expression);
  if (problem !== null) {
    throw new InvalidScheduleError(problem);
  }
  if (!isValidTimeZone(timeZone)) {
    throw new InvalidScheduleError(`unknown time zone "${timeZone}"`);
  }
  const parsed = parseCron(expression);
  return {
    seconds: nextAllowedTable(parsed.seconds, 59),
    minutes: nextAllowedTable(parsed.minutes, 59),
    hours: nextAllowedTable(parsed.hours, 23),
    months: nextAllowedTable(parsed.months, 12),
    daysOfMonth: parsed.daysOfMonth,
    daysOfWeek: parsed.daysOfWeek,
    restrictsDayOfMonth: parsed.daysOfMonth.size < 31,
    restrictsDayOfWeek: parsed.daysOfWeek.size < 7,
    firesEveryHour: parsed.hours.size === 24,
    offsetAt: offsetReaderFor(timeZone),
  };
}

function compiledCronFor(expression: string, timeZone: string): CompiledCron {
  return compiledCrons.getOrCreate(`${timeZone}\u0000${expression}`, () =>
    compileCron(expression, timeZone),
  );
}

function daysInMonth(year: number, month: number): number {
  return (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / DAY_MS;
}

/** Same day rule as cron: when both day fields are restricted, either one may match. */
function dayMatches(cron: CompiledCron, year: number, month: number, day: number): boolean {
  const weekday = modulo(Date.UTC(year, month - 1, day) / DAY_MS + UNIX_EPOCH_WEEKDAY, 7);
  const dayOfMonthMatches = cron.daysOfMonth.has(day);
  const dayOfWeekMatches = cron.daysOfWeek.has(weekday);
  if (cron.restrictsDayOfMonth && cron.restrictsDayOfWeek) {
    return dayOfMonthMatches || dayOfWeekMatches;
  }
  return dayOfMonthMatches && dayOfWeekMatches;
}

/**
 * Next wall-clock time matching the fields, strictly after `wallMs`; wall-clock times are
 * written as if they were UTC. Each step jumps to the next allowed value of the first field
 * that does not match and resets the smaller fields.
 */
function nextWallClockMatch(cron: CompiledCron, wallMs: number): number | null {
  const start = new Date(wallMs - modulo(wallMs, SECOND_MS) + SECOND_MS);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let hour = start.getUTCHours();
  let minute = start.getUTCMinutes();
  let second = start.getUTCSeconds();
  const lastYear = year + WALL_CLOCK_SEARCH_YEARS;
  while (year <= lastYear) {
    const allowedMonth = cron.months[month];
    if (allowedMonth < 0) {
      [year, month, day, hour, minute, second] = [year + 1, 1, 1, 0, 0, 0];
      continue;
    }
    if (allowedMonth !== month) {
      [month, day, hour, minute, second] = [allowedMonth, 1, 0, 0, 0];
    }
    if (day > daysInMonth(year, month)) {
      [month, day, hour, minute, second] = [month + 1, 1, 0, 0, 0];
      continue;
    }
    const allowedHour = dayMatches(cron, year, month, day) ? cron.hours[hour] : -1;
    if (allowedHour < 0) {
      [day, hour, minute, second] = [day + 1, 0, 0, 0];
      continue;
    }
    if (allowedHour !== hour) {
      [hour, minute, second] = [allowedHour, 0, 0];
    }
    const allowedMinute = cron.minutes[minute];
    if (allowedMinute < 0) {
      [hour, minute, second] = [hour + 1, 0, 0];
      continue;
    }
    if (allowedMinute !== minute) {
      [minute, second] = [allowedMinute, 0];
    }
    const allowedSecond = cron.seconds[second];
    if (allowedSecond < 0) {
      [minute, second] = [minute + 1, 0];
      continue;
    }
    return Date.UTC(year, month - 1, day, hour, minute, allowedSecond);
  }
  return null;
}

/** The instant a spring-forward gap ends, found by bisection between two whole seconds. */
function endOfGap(cron: CompiledCron, beforeGap: number, afterGap: number): number {
  const offsetAfterGap = cron.offsetAt(afterGap);
  let low = beforeGap;
  let high = afterGap;
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
    if (cron.offsetAt(middle) === offsetAfterGap) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

/**
 * Instants at which a local wall-clock time fires: one normally, the end of the gap when the
 * time does not exist, and both instants of a repeated time only for hourly jobs.
 */
function instantsForWallClock(cron: CompiledCron, wallMs: number): number[] {
  const offsetBefore = cron.offsetAt(wallMs - DAY_MS);
  const offsetAfter = cron.offsetAt(wallMs + DAY_MS);
  if (offsetBefore === offsetAfter) {
    return [wallMs - offsetBefore];
  }
  const instants = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((instant) => cron.offsetAt(instant) === wallMs - instant)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    return offsetBefore < offsetAfter
      ? [endOfGap(cron, wallMs - offsetAfter, wallMs - offsetBefore)]
      : [];
  }
  return cron.firesEveryHour ? instants : instants.slice(0, 1);
}

function earliestAfter(afterMs: number, current: number | null, instants: number[]): number | null {
  let earliest = current;
  for (const instant of instants) {
    if (instant > afterMs && (earliest === null || instant < earliest)) {
      earliest = instant;
    }
  }
  return earliest;
}

function nextCronFire(expression: string, timeZone: string, afterMs: number): number | null {
  const cron = compiledCronFor(expression, timeZone);
  const offsetNow = cron.offsetAt(afterMs);
  const offsetSoon = cron.offsetAt(afterMs + DAY_MS);
  // Before a fall-back, wall-clock times earlier than now's can still map to later instants,
  // so the scan starts earlier and continues until no later wall-clock time can do better.
  const lookBack = Math.max(0, offsetNow - offsetSoon);
  let wallMs = afterMs + offsetNow - lookBack;
  let best: number | null = null;
  for (;;) {
    const nextWallMs = nextWallClockMatch(cron, wallMs);
    if (nextWallMs === null || (best !== null && nextWallMs - offsetNow >= best)) {
      return best;
    }
    wallMs = nextWallMs;
    best = earliestAfter(afterMs, best, instantsForWallClock(cron, wallMs));
    if (best !== null && lookBack === 0) {
      return best;
    }
  }
}

// ---------------------------------------------------------------------------
// Interval and once
// ---------------------------------------------------------------------------

const LATEST_DATE_MS = 8.64e15;

function nextIntervalFire(intervalMs: number, anchor: Date, afterMs: number): number | null {
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
    throw new InvalidScheduleError(
      `interval must be a positive whole number of ms, got ${intervalMs}`,
    );
  }
  const anchorMs = BigInt(validTime(anchor, 'anchor'));
  const after = BigInt(afterMs);
  const interval = BigInt(intervalMs);
  // BigInt keeps the grid exact whatever the distance to the anchor, so every process
  // computes the same fire.
  const sinceLastGridPoint = (((after - anchorMs) % interval) + interval) % interval;
  const fireMs = Number(after - sinceLastGridPoint + interval);
  return fireMs <= LATEST_DATE_MS ? fireMs : null;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function validTime(date: Date, label: string): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidScheduleError(`${label} is not a valid date`);
  }
  return time;
}

function nextFireMs(spec: ScheduleSpec, afterMs: number): number | null {
  switch (spec.kind) {
    case 'cron':
      return nextCronFire(spec.expression, spec.timeZone, afterMs);
    case 'interval':
      return nextIntervalFire(spec.intervalMs, spec.anchor, afterMs);
    case 'once': {
      const runAtMs = validTime(spec.runAt, 'runAt');
      return runAtMs > afterMs ? runAtMs : null;
    }
  }
}

export function nextFireAfter(spec: ScheduleSpec, after: Date): Date | null {
  const fireMs = nextFireMs(spec, validTime(after, 'after'));
  return fireMs === null ? null : new Date(fireMs);
}

export function nextFires(spec: ScheduleSpec, after: Date, count: number): Date[] {
  const fires: Date[] = [];
  let cursor = validTime(after, 'after');
  while (fires.length < count) {
    const fireMs = nextFireMs(spec, cursor);
    if (fireMs === null) {
      break;
    }
    fires.push(new Date(fireMs));
    cursor = fireMs;
  }
  return fires;
}

export function firesBetween(
  spec: ScheduleSpec,
  afterExclusive: Date,
  untilInclusive: Date,
  limit: number,
): { fires: Date[]; truncated: boolean } {
  const untilMs = validTime(untilInclusive, 'untilInclusive');
  const fires: Date[] = [];
  let cursor = validTime(afterExclusive, 'afterExclusive');
  for (;;) {
    const fireMs = nextFireMs(spec, cursor);
    if (fireMs === null || fireMs > untilMs) {
      return { fires, truncated: false };
    }
    if (fires.length >= limit) {
      return { fires, truncated: true };
    }
    fires.push(new Date(fireMs));
    cursor = fireMs;
  }
}
