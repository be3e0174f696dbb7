const DAY_MS = 86_400_000;

/** Wall-clock time plus an offset that tests can set or move (tokens, windows and EUAs use it). */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(epochMs: number): void {
    this.offsetMs = epochMs - this.base();
  }

  /** Today's date in UTC, YYYY-MM-DD. */
  today(): string {
    return isoDate(this.now());
  }
}

export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

export function daysToMs(days: number): number {
  return days * DAY_MS;
}

/** GoCardless writes timestamps with microseconds: `2024-11-11T13:16:20.020248Z`. */
export function gcTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The EUA-expired detail's form: `2024-11-11 13:16:20.020248`. */
export function gcSpacedTimestamp(epochMs: number): string {
  return gcTimestamp(epochMs).replace('T', ' ').replace('Z', '');
}
