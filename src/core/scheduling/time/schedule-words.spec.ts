import { describeSchedule, formatZonedInstant, zoneInWords } from './schedule-words';

describe('schedule words', () => {
  it.each([
    [6 * 3600, 'every 6 hours'],
    [3600, 'every hour'],
    [90, 'every 90 seconds'],
    [30 * 60, 'every 30 minutes'],
    [86_400, 'every day'],
  ])('interval of %i s is "%s"', (intervalSeconds, words) => {
    expect(describeSchedule({ kind: 'interval', intervalSeconds })).toBe(words);
  });

  it.each([
    ['0 6 * * *', 'Europe/Moscow', 'Daily at 06:00 Moscow time'],
    ['30 3 * * *', 'UTC', 'Daily at 03:30 UTC'],
    ['0 0 6 * * *', 'Europe/Moscow', 'Daily at 06:00 Moscow time'],
    ['15 9 * * 1', 'America/New_York', 'Mondays at 09:15 New York time'],
    ['0 8 1 * *', 'UTC', 'Monthly on day 1 at 08:00 UTC'],
    ['5 * * * *', 'UTC', 'Hourly at minute 5'],
    ['*/15 * * * *', 'UTC', 'every 15 minutes'],
    ['0 9-17 * * 1-5', 'Europe/Berlin', 'cron 0 9-17 * * 1-5 (Berlin time)'],
    ['30 0 6 * * *', 'UTC', 'cron 30 0 6 * * * (UTC)'],
  ])('cron %s in %s is "%s"', (expression, timeZone, words) => {
    expect(describeSchedule({ kind: 'cron', expression, timeZone })).toBe(words);
  });

  it('names zones by their city', () => {
    expect(zoneInWords('Europe/Moscow')).toBe('Moscow time');
    expect(zoneInWords('Etc/UTC')).toBe('UTC');
  });

  it('formats an instant as the wall clock of the zone with its offset', () => {
    const instant = new Date('2025-11-15T03:00:00Z');
    expect(formatZonedInstant(instant, 'Europe/Moscow')).toBe('2025-11-15 06:00:00+03:00');
    expect(formatZonedInstant(instant, 'America/New_York')).toBe('2025-11-14 22:00:00-05:00');
    expect(formatZonedInstant(instant, 'UTC')).toBe('2025-11-15 03:00:00+00:00');
  });
});
