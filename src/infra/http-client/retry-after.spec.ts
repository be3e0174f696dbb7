import { parseRetryAfterMs } from './retry-after';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('0', now)).toBe(0);
    expect(parseRetryAfterMs('7', now)).toBe(7_000);
    expect(parseRetryAfterMs(' 120 ', now)).toBe(120_000);
  });

  it('tolerates fractional seconds, rounding up', () => {
    expect(parseRetryAfterMs('1.5', now)).toBe(1_500);
    expect(parseRetryAfterMs('0.0001', now)).toBe(1);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfterMs('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(parseRetryAfterMs('Sun, 01 Mar 2026 11:59:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', '   ', '-5', '+5', 'soon', 'NaN'])('ignores %p', (value) => {
    expect(parseRetryAfterMs(value, now)).toBeUndefined();
  });
});
