import { InvalidScheduleError, nextFireAfter, ScheduleSpec } from './next-fire';
import { isValidTimeZone } from './zoned-time';

function cron(expression: string, timeZone = 'UTC'): ScheduleSpec {
  return { kind: 'cron', expression, timeZone };
}

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'Europe/Moscow', 'America/New_York', 'Australia/Sydney'])(
    'accepts %s',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['Mars/Olympus', '', 'Europe/Berlinn', ' Europe/Berlin', '+01:00', '-05:00'])(
    'rejects %j',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );

  it('makes a cron schedule in an unknown zone throw', () => {
    const fire = () =>
      nextFireAfter(cron('0 6 * * *', 'Mars/Olympus'), new Date('2026-01-01T00:00:00Z'));
    expect(fire).toThrow(InvalidScheduleError);
    expect(fire).toThrow('unknown time zone "Mars/Olympus"');
  });
});
