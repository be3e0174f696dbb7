import { validate } from 'class-validator';
import { IsInstant, parseStorableInstant } from './instant';

class Body {
  @IsInstant()
  at: unknown;
}

async function problemsOf(at: unknown): Promise<string[]> {
  const body = Object.assign(new Body(), { at });
  return (await validate(body)).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('IsInstant', () => {
  it.each([
    ['2026-03-28T00:00:00Z', '2026-03-28T00:00:00.000Z'],
    ['2026-03-28T02:00+02:00', '2026-03-28T00:00:00.000Z'],
    ['2027-01-31T12:00:00.123456Z', '2027-01-31T12:00:00.123Z'],
    ['1000-01-01T00:00:00Z', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['9999-12-31T23:59:59+14:00', '9999-12-31T09:59:59.000Z'],
  ])('accepts %s', async (text, iso) => {
    expect(await problemsOf(text)).toEqual([]);
    expect(parseStorableInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '20270101',
    '2027-W01-1',
    '-2027-01-01',
    '+002027-01-01T00:00:00Z',
    '2027-01-01',
    '2027-01-01T00:00:00',
    '2027-02-30T00:00:00Z',
    '2027-01-01T25:00:00Z',
    '2027-01-01 00:00:00Z',
    '',
  ])('refuses %j as no full ISO 8601 instant', async (text) => {
    expect(await problemsOf(text)).toEqual([
      'at must be an ISO 8601 date-time with Z or an offset, e.g. 2026-03-28T00:00:00Z',
    ]);
  });

  it.each([1_700_000_000_000, null, { at: 1 }])('refuses the non-string %j', async (value) => {
    expect(await problemsOf(value)).toHaveLength(1);
  });

  it.each(['9999-12-31T23:59:59-14:00', '1000-01-01T00:00:00+00:01', '0999-12-31T23:59:59Z'])(
    'refuses %s, outside what a DATETIME(3) column holds once in UTC',
    async (text) => {
      expect(await problemsOf(text)).toEqual([
        'at must be between 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z',
      ]);
    },
  );
});
