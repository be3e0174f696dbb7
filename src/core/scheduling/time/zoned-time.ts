import { BoundedCache } from './bounded-cache';
import { modulo, SECOND_MS } from './time-units';

/* Time zones: which names are valid, and a zone's UTC offset at any instant. */

const ZONE_CACHE_MAX_ENTRIES = 1000;

// Recent Node versions also accept offsets such as "+01:00", which are not IANA zone names.
const NOT_A_ZONE_NAME = /^$|^[+-]/;

export function isValidTimeZone(zone: string): boolean {
  if (NOT_A_ZONE_NAME.test(zone)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Returns the zone's UTC offset (in ms) in effect at an instant. */
export type OffsetReader = (epochMs: number) => number;

// `format` is several times faster than `formatToParts`; the parts are only a fallback.
const EN_US_WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

function wallClockFields(formatter: Intl.DateTimeFormat, epochMs: number): number[] {
  const match = EN_US_WALL_CLOCK.exec(formatter.format(epochMs));
  if (match) {
    const [, month, day, year, hour, minute, second] = match.map(Number);
    return [year, month, day, hour, minute, second];
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of formatter.formatToParts(epochMs)) {
    part[type] = Number(value);
  }
  return [part.year, part.month, part.day, part.hour, part.minute, part.second].map(
    (value) => value ?? Number.NaN,
  );
}

function createOffsetReader(zone: string): OffsetReader {
  if (!isValidTimeZone(zone)) {
    throw new RangeError(`unknown time zone "${zone}"`);
  }
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (epochMs) => {
    const wholeSecond = epochMs - modulo(epochMs, SECOND_MS);
    const [year, month, day, hour, minute, second] = wallClockFields(formatter, wholeSecond);
    return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
  };
}

const offsetReaders = new BoundedCache<OffsetReader>(ZONE_CACHE_MAX_ENTRIES);

/** The zone's offset reader; built once per zone (a formatter is costly to create) and cached. */
export function offsetReaderFor(zone: string): OffsetReader {
  return offsetReaders.getOrCreate(zone, () => createOffsetReader(zone));
}
