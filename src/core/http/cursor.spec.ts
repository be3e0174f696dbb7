import { BadRequestException } from '@nestjs/common';
import { CURSOR_PROBLEM, decodeCursor, encodeCursor } from './cursor';

const raw = (values: unknown): string => Buffer.from(JSON.stringify(values)).toString('base64url');
const rawText = (json: string): string => Buffer.from(json).toString('base64url');

function rejection(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote, each position as its kind', () => {
    const at = new Date('2026-03-28T09:00:00.123Z');
    const cursor = encodeCursor([at.toISOString(), '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93']);
    expect(decodeCursor(cursor, ['instant', 'string'])).toEqual([
      at,
      '0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93',
    ]);
    expect(decodeCursor(encodeCursor([42]), ['int'])).toEqual([42]);
    expect(decodeCursor(encodeCursor(['2026-01-31', 7]), ['day', 'int'])).toEqual([
      '2026-01-31',
      7,
    ]);
  });

  it.each([
    ['a string where an id belongs', raw(['abc']), ['int']],
    ['a numeric string', raw(['1']), ['int']],
    ['a number beyond double range', rawText('[1e400]'), ['int']],
    ['an unsafe integer', rawText('[9007199254740993]'), ['int']],
    ['a fraction', raw([1.5]), ['int']],
    ['an overflowing number beside a string', rawText('[1e309,"x"]'), ['instant', 'string']],
    ['a text that is no instant', raw(['1e400', 'x']), ['instant', 'string']],
    ['an instant past year 9999', raw(['9999-12-31T23:59:59-14:00', 'x']), ['instant', 'string']],
    ['a date-only instant', raw(['2026-03-28', 'x']), ['instant', 'string']],
    ['a day that is not on the calendar', raw(['2026-02-30', 1]), ['day', 'int']],
    ['a lone surrogate', rawText('["2026-03-28T00:00:00Z","\\ud800"]'), ['instant', 'string']],
    ['too few positions', raw([1]), ['instant', 'string']],
    ['too many positions', raw([1, 2]), ['int']],
    ['no array', raw({ id: 1 }), ['int']],
    ['no JSON', 'zzz', ['int']],
    ['an oversize cursor', 'A'.repeat(10_000), ['int']],
  ] as const)('refuses %s with a 400', (_case, cursor, kinds) => {
    const error = rejection(() => decodeCursor(cursor, kinds));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe(CURSOR_PROBLEM);
  });
});
