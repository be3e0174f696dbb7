import { formatInZone } from './zoned-time';

describe('formatInZone', () => {
  it.each([
    ['2026-03-28T01:30:00.000Z', 'Europe/Berlin', '2026-03-28T02:30:00+01:00'],
    ['2026-03-29T01:00:00.000Z', 'Europe/Berlin', '2026-03-29T03:00:00+02:00'],
    ['2026-10-25T00:00:00.000Z', 'Europe/Berlin', '2026-10-25T02:00:00+02:00'],
    ['2026-10-25T01:00:00.000Z', 'Europe/Berlin', '2026-10-25T02:00:00+01:00'],
    ['2026-03-08T07:00:00.000Z', 'America/New_York', '2026-03-08T03:00:00-04:00'],
    ['2026-01-01T00:00:00.000Z', 'Europe/Moscow', '2026-01-01T03:00:00+03:00'],
    ['2026-01-01T00:00:00.000Z', 'Asia/Kathmandu', '2026-01-01T05:45:00+05:45'],
    ['2026-01-01T00:00:00.000Z', 'UTC', '2026-01-01T00:00:00+00:00'],
    ['2026-01-01T23:59:59.250Z', 'UTC', '2026-01-01T23:59:59.250+00:00'],
    ['2026-01-01T00:00:00.000Z', 'America/St_Johns', '2025-12-31T20:30:00-03:30'],
  ])('%s in %s is %s', (utc, zone, expected) => {
    expect(formatInZone(new Date(utc), zone)).toBe(expected);
  });

  it('keeps the extended year format of years past 9999', () => {
    expect(formatInZone(new Date('+010000-02-29T00:00:00.000Z'), 'Asia/Tokyo')).toBe(
      '+010000-02-29T09:00:00+09:00',
    );
  });
});
