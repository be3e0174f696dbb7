import { FakeClock } from '../shared/fake-clock';

/** The shared fake clock, plus the simulated today (token and consent expiry use it). */
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
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}
