import { CronTime } from 'cron';
import {
  cronCacheStats,
  firesBetween,
  InvalidScheduleError,
  nextFireAfter,
  nextFires,
  ScheduleSpec,
} from './next-fire';

function cron(expression: string, timeZone = 'UTC'): ScheduleSpec {
  return { kind: 'cron', expression, timeZone };
}

function interval(intervalMs: number, anchor: string | number): ScheduleSpec {
  return { kind: 'interval', intervalMs, anchor: new Date(anchor) };
}

function firesAfter(spec: ScheduleSpec, after: string, count: number): string[] {
  return nextFires(spec, new Date(after), count).map((fire) => fire.toISOString());
}

function nextAfter(spec: ScheduleSpec, after: string): string | undefined {
  return nextFireAfter(spec, new Date(after))?.toISOString();
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('cron schedules in UTC', () => {
  it('returns the first fire strictly after the given instant', () => {
    expect(nextAfter(cron('0 6 * * *'), '2026-01-01T06:00:00.000Z')).toBe(
      '2026-01-02T06:00:00.000Z',
    );
    expect(nextAfter(cron('0 6 * * *'), '2026-01-01T05:59:59.999Z')).toBe(
      '2026-01-01T06:00:00.000Z',
    );
  });

  it('fires on whole seconds even when asked from a fractional instant', () => {
    expect(firesAfter(cron('*/15 * * * *'), '2026-01-01T10:07:30.500Z', 4)).toEqual([
      '2026-01-01T10:15:00.000Z',
      '2026-01-01T10:30:00.000Z',
      '2026-01-01T10:45:00.000Z',
      '2026-01-01T11:00:00.000Z',
    ]);
  });

  it('supports a leading seconds field', () => {
    expect(firesAfter(cron('*/20 * * * * *'), '2026-01-01T00:00:05.250Z', 3)).toEqual([
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
    expect(firesAfter(cron('30 15 10 * * *'), '2026-01-01T10:15:30.000Z', 2)).toEqual([
      '2026-01-02T10:15:30.000Z',
      '2026-01-03T10:15:30.000Z',
    ]);
  });

  it('matches day-of-month OR day-of-week when both are restricted', () => {
    // 2026-01-13 is a Tuesday; the Fridays are the 2nd, 9th and 16th.
    expect(firesAfter(cron('0 0 13 * fri'), '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-09T00:00:00.000Z',
      '2026-01-13T00:00:00.000Z',
      '2026-01-16T00:00:00.000Z',
    ]);
  });

  it('skips weekends for a weekday schedule', () => {
    // 2026-01-02 is a Friday.
    expect(firesAfter(cron('0 9 * * mon-fri'), '2026-01-02T10:00:00Z', 2)).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
    ]);
  });

  it('treats 0 and 7 as Sunday', () => {
    // 2026-01-04 is a Sunday.
    expect(nextAfter(cron('0 0 * * 7'), '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(nextAfter(cron('0 0 * * 0'), '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
  });

  it('skips months too short for the day and waits for a leap year', () => {
    expect(firesAfter(cron('0 0 31 * *'), '2026-04-01T00:00:00Z', 2)).toEqual([
      '2026-05-31T00:00:00.000Z',
      '2026-07-31T00:00:00.000Z',
    ]);
    expect(nextAfter(cron('0 0 29 2 *'), '2026-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(nextAfter(cron('0 0 1 1 *'), '2026-06-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('agrees with cron@4 CronTime wherever no DST change is involved', () => {
    const expressions = [
      '0 6 * * *',
      '*/7 * * * *',
      '15,45 8-18/2 * * 1-5',
      '0 0 1,15 * *',
      '0 12 * * 0,6',
      '0 0 13 * 5',
      '*/10 * * * * *',
      '20 4 3 2-11/3 *',
      '0 0 29 2 *',
    ];
    const zones = ['UTC', 'Europe/Moscow', 'Asia/Tokyo'];
    let seed = 42;
    for (let sample = 0; sample < 40; sample++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const after = new Date(Date.parse('2026-04-01T00:00:00Z') + (seed % (120 * 24 * HOUR)));
      for (const expression of expressions) {
        for (const zone of zones) {
          const expected = new CronTime(expression, zone).getNextDateFrom(after, zone).toMillis();
          expect([
            expression,
            zone,
            nextFireAfter(cron(expression, zone), after)?.getTime(),
          ]).toEqual([expression, zone, expected]);
        }
      }
    }
  });
});

describe('cron schedules in a zone without DST (Europe/Moscow, UTC+3)', () => {
  it('fires 06:00 local at 03:00Z every day, including the days Europe changes clocks', () => {
    expect(firesAfter(cron('0 6 * * *', 'Europe/Moscow'), '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T03:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
      '2026-03-30T03:00:00.000Z',
    ]);
    expect(firesAfter(cron('0 6 * * *', 'Europe/Moscow'), '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T03:00:00.000Z',
      '2026-10-26T03:00:00.000Z',
    ]);
  });
});

describe('cron schedules in Europe/Berlin across the 2026 DST changes', () => {
  const zone = 'Europe/Berlin';

  describe('spring forward on 2026-03-29 (02:00 CET becomes 03:00 CEST at 01:00Z)', () => {
    it('runs a daily job in the missing hour once, at 03:00 CEST', () => {
      expect(firesAfter(cron('30 2 * * *', zone), '2026-03-28T12:00:00Z', 3)).toEqual([
        '2026-03-29T01:00:00.000Z',
        '2026-03-30T00:30:00.000Z',
        '2026-03-31T00:30:00.000Z',
      ]);
    });

    it('keeps a daily job right after the gap at 03:00 CEST', () => {
      expect(firesAfter(cron('0 3 * * *', zone), '2026-03-28T12:00:00Z', 2)).toEqual([
        '2026-03-29T01:00:00.000Z',
        '2026-03-30T01:00:00.000Z',
      ]);
    });

    it('moves the missing hourly fire to the end of the gap', () => {
      expect(firesAfter(cron('30 * * * *', zone), '2026-03-28T23:00:00Z', 5)).toEqual([
        '2026-03-28T23:30:00.000Z', // 00:30 CET
        '2026-03-29T00:30:00.000Z', // 01:30 CET
        '2026-03-29T01:00:00.000Z', // 02:30 does not exist -> 03:00 CEST
        '2026-03-29T01:30:00.000Z', // 03:30 CEST
        '2026-03-29T02:30:00.000Z', // 04:30 CEST
      ]);
    });

    it('collapses several missing fires into one', () => {
      expect(firesAfter(cron('*/15 * * * *', zone), '2026-03-29T00:40:00Z', 4)).toEqual([
        '2026-03-29T00:45:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-29T01:15:00.000Z',
        '2026-03-29T01:30:00.000Z',
      ]);
    });
  });

  describe('fall back on 2026-10-25 (03:00 CEST becomes 02:00 CET at 01:00Z)', () => {
    it('runs a daily job in the repeated hour once, at its first occurrence', () => {
      expect(firesAfter(cron('30 2 * * *', zone), '2026-10-24T12:00:00Z', 3)).toEqual([
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-26T01:30:00.000Z', // 02:30 CET
        '2026-10-27T01:30:00.000Z',
      ]);
    });

    it('does not repeat the daily job when asked from inside the repeated hour', () => {
      expect(nextAfter(cron('30 2 * * *', zone), '2026-10-25T00:45:00Z')).toBe(
        '2026-10-26T01:30:00.000Z',
      );
      expect(nextAfter(cron('30 2 * * *', zone), '2026-10-25T01:10:00Z')).toBe(
        '2026-10-26T01:30:00.000Z',
      );
    });

    it('runs a daily job just after the repeated hour once', () => {
      expect(firesAfter(cron('0 3 * * *', zone), '2026-10-24T12:00:00Z', 2)).toEqual([
        '2026-10-25T02:00:00.000Z',
        '2026-10-26T02:00:00.000Z',
      ]);
    });

    it('runs an hourly job at both instants of the repeated hour', () => {
      expect(firesAfter(cron('30 * * * *', zone), '2026-10-24T23:00:00Z', 4)).toEqual([
        '2026-10-24T23:30:00.000Z', // 01:30 CEST
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T01:30:00.000Z', // 02:30 CET
        '2026-10-25T02:30:00.000Z', // 03:30 CET
      ]);
    });

    it('finds the second 02:30 when asked from inside the first pass of the repeated hour', () => {
      expect(nextAfter(cron('30 * * * *', zone), '2026-10-25T00:30:00Z')).toBe(
        '2026-10-25T01:30:00.000Z',
      );
      expect(nextAfter(cron('30 * * * *', zone), '2026-10-25T00:45:00Z')).toBe(
        '2026-10-25T01:30:00.000Z',
      );
    });

    it('runs a sub-hourly job at every distinct instant, in order', () => {
      expect(firesAfter(cron('*/20 * * * *', zone), '2026-10-25T00:35:00Z', 5)).toEqual([
        '2026-10-25T00:40:00.000Z', // 02:40 CEST
        '2026-10-25T01:00:00.000Z', // 02:00 CET
        '2026-10-25T01:20:00.000Z',
        '2026-10-25T01:40:00.000Z',
        '2026-10-25T02:00:00.000Z', // 03:00 CET
      ]);
    });
  });
});

describe('cron schedules in America/New_York across the 2026 DST changes', () => {
  const zone = 'America/New_York';

  describe('spring forward on 2026-03-08 (02:00 EST becomes 03:00 EDT at 07:00Z)', () => {
    it('runs a daily job in the missing hour once, at 03:00 EDT', () => {
      expect(firesAfter(cron('30 2 * * *', zone), '2026-03-07T12:00:00Z', 3)).toEqual([
        '2026-03-08T07:00:00.000Z', // 03:00 EDT
        '2026-03-09T06:30:00.000Z',
        '2026-03-10T06:30:00.000Z',
      ]);
    });

    it('moves the missing hourly fire to the end of the gap', () => {
      expect(firesAfter(cron('30 * * * *', zone), '2026-03-08T05:00:00Z', 5)).toEqual([
        '2026-03-08T05:30:00.000Z', // 00:30 EST
        '2026-03-08T06:30:00.000Z', // 01:30 EST
        '2026-03-08T07:00:00.000Z', // 02:30 does not exist -> 03:00 EDT
        '2026-03-08T07:30:00.000Z', // 03:30 EDT
        '2026-03-08T08:30:00.000Z', // 04:30 EDT
      ]);
    });
  });

  describe('fall back on 2026-11-01 (02:00 EDT becomes 01:00 EST at 06:00Z)', () => {
    it('runs a daily job in the repeated hour once, at its first occurrence', () => {
      expect(firesAfter(cron('30 1 * * *', zone), '2026-10-31T12:00:00Z', 2)).toEqual([
        '2026-11-01T05:30:00.000Z', // 01:30 EDT
        '2026-11-02T06:30:00.000Z', // 01:30 EST
      ]);
    });

    it('runs a daily job just after the repeated hour once', () => {
      expect(firesAfter(cron('30 2 * * *', zone), '2026-10-31T12:00:00Z', 2)).toEqual([
        '2026-11-01T07:30:00.000Z',
        '2026-11-02T07:30:00.000Z',
      ]);
    });

    it('runs an hourly job at both instants of the repeated hour', () => {
      expect(firesAfter(cron('30 * * * *', zone), '2026-11-01T04:00:00Z', 4)).toEqual([
        '2026-11-01T04:30:00.000Z', // 00:30 EDT
        '2026-11-01T05:30:00.000Z', // 01:30 EDT
        '2026-11-01T06:30:00.000Z', // 01:30 EST
        '2026-11-01T07:30:00.000Z', // 02:30 EST
      ]);
    });
  });
});

describe('cron schedules in the southern hemisphere (Australia/Sydney)', () => {
  it('runs a daily job in the missing hour at the end of the gap (03:00 AEDT)', () => {
    expect(nextAfter(cron('30 2 * * *', 'Australia/Sydney'), '2026-10-03T00:00:00Z')).toBe(
      '2026-10-03T16:00:00.000Z',
    );
  });

  it('runs a daily job in the repeated hour once', () => {
    expect(firesAfter(cron('30 2 * * *', 'Australia/Sydney'), '2026-04-04T00:00:00Z', 2)).toEqual([
      '2026-04-04T15:30:00.000Z',
      '2026-04-05T16:30:00.000Z',
    ]);
  });
});

describe('cron cache', () => {
  it('stays bounded however many distinct schedules are asked for', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    for (let index = 0; index < 1500; index++) {
      nextFireAfter(cron(`${index % 60} ${Math.floor(index / 60) % 24} * * *`, 'UTC'), after);
      nextFireAfter(cron(`${index % 60} * ${1 + (index % 28)} * *`, 'Europe/Berlin'), after);
    }
    expect(cronCacheStats()).toEqual({ size: 1000, maxSize: 1000 });
  });

  it('returns the same fires for a cached schedule as for a fresh one', () => {
    const spec = cron('0 6 * * *', 'Europe/Berlin');
    const after = new Date('2026-06-01T00:00:00Z');
    expect(nextFireAfter(spec, after)?.toISOString()).toBe('2026-06-01T04:00:00.000Z');
    expect(nextFireAfter(spec, after)?.toISOString()).toBe('2026-06-01T04:00:00.000Z');
  });
});

describe('interval schedules', () => {
  const everyQuarterHour = interval(15 * MINUTE, '2026-01-01T00:00:00Z');

  it('fires on the anchor grid, strictly after the given instant', () => {
    expect(nextAfter(everyQuarterHour, '2026-01-01T10:07:30Z')).toBe('2026-01-01T10:15:00.000Z');
    expect(nextAfter(everyQuarterHour, '2026-01-01T10:15:00Z')).toBe('2026-01-01T10:30:00.000Z');
    expect(nextAfter(everyQuarterHour, '2026-01-01T10:14:59.999Z')).toBe(
      '2026-01-01T10:15:00.000Z',
    );
  });

  it('puts fires computed from different instants on the same grid', () => {
    const fromEarly = firesAfter(everyQuarterHour, '2026-01-01T10:01:00Z', 4);
    const fromLate = firesAfter(everyQuarterHour, '2026-01-01T10:29:59Z', 2);
    expect(fromEarly).toEqual([
      '2026-01-01T10:15:00.000Z',
      '2026-01-01T10:30:00.000Z',
      '2026-01-01T10:45:00.000Z',
      '2026-01-01T11:00:00.000Z',
    ]);
    expect(fromLate).toEqual(fromEarly.slice(1, 3));
  });

  it('keeps the milliseconds of the anchor', () => {
    expect(nextAfter(interval(1000, '2026-01-01T00:00:00.123Z'), '2026-01-01T00:00:05.500Z')).toBe(
      '2026-01-01T00:00:06.123Z',
    );
  });

  it('extends the grid backwards from an anchor in the future', () => {
    const sevenMinutes = interval(7 * MINUTE, '2026-06-01T00:00:00Z');
    expect(firesAfter(sevenMinutes, '2026-05-31T23:50:00Z', 3)).toEqual([
      '2026-05-31T23:53:00.000Z',
      '2026-06-01T00:00:00.000Z',
      '2026-06-01T00:07:00.000Z',
    ]);
  });

  it('stays exact for a large number of intervals since the anchor', () => {
    // 9,497 days of 86,400,007 ms after 2000-01-01 is 2026-01-01 plus 9,497 * 7 ms.
    expect(nextAfter(interval(86_400_007, '2000-01-01T00:00:00Z'), '2026-01-01T00:00:00Z')).toBe(
      '2026-01-01T00:01:06.479Z',
    );
    // 1,767,225,600,000 ms is a multiple of 7.
    expect(nextAfter(interval(7, 0), '2026-01-01T00:00:00.005Z')).toBe('2026-01-01T00:00:00.007Z');
    // 16,640,000,000,000,000 = 7 * 2,377,142,857,142,857 + 1
    expect(nextFireAfter(interval(7, -8.64e15), new Date(8e15))?.getTime()).toBe(8e15 + 6);
  });

  it.each([0, -5, 1.5, Number.NaN])('rejects an interval of %p ms', (intervalMs) => {
    const fire = () => nextFireAfter(interval(intervalMs, 0), new Date(0));
    expect(fire).toThrow(InvalidScheduleError);
  });

  it('rejects an invalid anchor', () => {
    expect(() => nextFireAfter(interval(1000, 'not a date'), new Date(0))).toThrow(
      'anchor is not a valid date',
    );
  });
});

describe('once schedules', () => {
  const once: ScheduleSpec = { kind: 'once', runAt: new Date('2026-05-01T12:00:00.250Z') };

  it('fires at runAt only while it is still ahead', () => {
    expect(nextAfter(once, '2026-05-01T12:00:00.249Z')).toBe('2026-05-01T12:00:00.250Z');
    expect(nextAfter(once, '2026-05-01T12:00:00.250Z')).toBeUndefined();
    expect(nextFireAfter(once, new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('yields a single fire however many are asked for', () => {
    expect(firesAfter(once, '2026-01-01T00:00:00Z', 5)).toEqual(['2026-05-01T12:00:00.250Z']);
  });
});

describe('nextFires', () => {
  it('returns nothing when no fires are asked for', () => {
    expect(firesAfter(cron('* * * * *'), '2026-01-01T00:00:00Z', 0)).toEqual([]);
  });

  it('rejects an invalid instant', () => {
    expect(() => nextFires(cron('* * * * *'), new Date('nope'), 1)).toThrow(
      'after is not a valid date',
    );
  });
});

describe('firesBetween', () => {
  const hourly = cron('0 * * * *');
  const between = (spec: ScheduleSpec, after: string, until: string, limit: number) => {
    const { fires, truncated } = firesBetween(spec, new Date(after), new Date(until), limit);
    return { fires: fires.map((fire) => fire.toISOString()), truncated };
  };

  it('excludes the start, includes the end, oldest first', () => {
    expect(between(hourly, '2026-01-01T01:00:00Z', '2026-01-01T04:00:00Z', 10)).toEqual({
      fires: ['2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z', '2026-01-01T04:00:00.000Z'],
      truncated: false,
    });
  });

  it('keeps the oldest fires and reports truncation when there are more than the limit', () => {
    expect(between(hourly, '2026-01-01T00:00:00Z', '2026-01-01T05:00:00Z', 3)).toEqual({
      fires: ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z'],
      truncated: true,
    });
  });

  it('does not report truncation when the fires exactly fill the limit', () => {
    expect(between(hourly, '2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z', 3)).toEqual({
      fires: ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z'],
      truncated: false,
    });
  });

  it('with a limit of zero only says whether any fire is due', () => {
    expect(between(hourly, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 0)).toEqual({
      fires: [],
      truncated: true,
    });
    expect(between(hourly, '2026-01-01T00:00:00Z', '2026-01-01T00:59:59Z', 0)).toEqual({
      fires: [],
      truncated: false,
    });
  });

  it('works for interval and once schedules', () => {
    expect(
      between(
        interval(40 * MINUTE, '2026-01-01T00:00:00Z'),
        '2026-01-01T00:00:00Z',
        '2026-01-01T02:00:00Z',
        10,
      ),
    ).toEqual({
      fires: ['2026-01-01T00:40:00.000Z', '2026-01-01T01:20:00.000Z', '2026-01-01T02:00:00.000Z'],
      truncated: false,
    });
    const once: ScheduleSpec = { kind: 'once', runAt: new Date('2026-01-01T01:00:00Z') };
    expect(between(once, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 10)).toEqual({
      fires: ['2026-01-01T01:00:00.000Z'],
      truncated: false,
    });
  });

  it('lists every distinct instant across a fall-back', () => {
    expect(
      between(
        cron('0 * * * *', 'Europe/Berlin'),
        '2026-10-24T23:30:00Z',
        '2026-10-25T02:00:00Z',
        10,
      ),
    ).toEqual({
      fires: ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
      truncated: false,
    });
  });
});
