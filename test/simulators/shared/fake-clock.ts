/** Wall-clock time plus an offset tests move forward (token expiry, daily and hourly windows). */
export class FakeClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Moves to an absolute instant (e.g. one second before midnight UTC). */
  set(epochMs: number): void {
    this.offsetMs = epochMs - this.base();
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
