import { FakeClock } from '../shared/fake-clock';

const DAY_MS = 86_400_000;

/** The shared fake clock, plus the simulated today (tokens, windows and EUAs use it). */
export class SimClock extends FakeClock {
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
