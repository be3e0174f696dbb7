import { Clock } from '../../src/core/scheduling/clock';

function toTime(value: Date | string): number {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) {
    throw new RangeError(`FakeClock: invalid date ${String(value)}`);
  }
  return time;
}

/** A clock that only moves when the test says so. */
export class FakeClock extends Clock {
  private currentMs: number;

  constructor(start: Date | string) {
    super();
    this.currentMs = toTime(start);
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  set(value: Date | string): void {
    this.currentMs = toTime(value);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) {
      throw new RangeError(`FakeClock: cannot advance by ${ms}`);
    }
    this.currentMs += ms;
  }
}
