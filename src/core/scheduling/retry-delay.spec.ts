import { retryDelayMs } from './retry-delay';

const MIDDLE = () => 0.5;
const LOWEST = () => 0;
const HIGHEST = () => 1 - Number.EPSILON;
const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

describe('retryDelayMs', () => {
  it('doubles the base delay with each attempt', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 300, { random: MIDDLE }));
    expect(delays).toEqual([300_000, 600_000, 1_200_000, 2_400_000, 4_800_000]);
  });

  it('caps the delay at six hours by default', () => {
    // 300 s * 2^7 = 38,400 s is past the 21,600 s cap.
    expect(retryDelayMs(7, 300, { random: MIDDLE })).toBe(19_200_000);
    expect(retryDelayMs(8, 300, { random: MIDDLE })).toBe(SIX_HOURS_MS);
    expect(retryDelayMs(5000, 300, { random: MIDDLE })).toBe(SIX_HOURS_MS);
  });

  it('honours a custom cap', () => {
    expect(retryDelayMs(5, 300, { capSeconds: 1000, random: MIDDLE })).toBe(1_000_000);
    expect(retryDelayMs(2, 300, { capSeconds: 1000, random: MIDDLE })).toBe(600_000);
  });

  it('spreads the delay by ±20% by default', () => {
    expect(retryDelayMs(1, 300, { random: LOWEST })).toBe(240_000);
    expect(retryDelayMs(1, 300, { random: HIGHEST })).toBe(360_000);
    expect(retryDelayMs(1, 300, { random: () => 0.25 })).toBe(270_000);
  });

  it('honours a custom jitter ratio, including none', () => {
    expect(retryDelayMs(2, 100, { jitterRatio: 0.5, random: LOWEST })).toBe(100_000);
    expect(retryDelayMs(2, 100, { jitterRatio: 0.5, random: HIGHEST })).toBe(300_000);
    expect(retryDelayMs(2, 100, { jitterRatio: 0, random: HIGHEST })).toBe(200_000);
  });

  it('never exceeds the cap, even when jitter pushes upwards', () => {
    expect(retryDelayMs(20, 300, { random: HIGHEST })).toBe(SIX_HOURS_MS);
    expect(retryDelayMs(20, 300, { random: LOWEST })).toBe(0.8 * SIX_HOURS_MS);
  });

  it('stays within the jitter bounds for real random draws', () => {
    for (let draw = 0; draw < 1000; draw++) {
      const delay = retryDelayMs(3, 60);
      expect(delay).toBeGreaterThanOrEqual(192_000);
      expect(delay).toBeLessThanOrEqual(288_000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('returns whole milliseconds for fractional seconds', () => {
    expect(retryDelayMs(1, 0.3333, { random: MIDDLE })).toBe(333);
  });

  it('returns zero for a zero base delay at any attempt', () => {
    expect(retryDelayMs(1, 0, { random: HIGHEST })).toBe(0);
    expect(retryDelayMs(3000, 0, { random: HIGHEST })).toBe(0);
  });

  it('never goes below zero, whatever the random source returns', () => {
    expect(retryDelayMs(1, 300, { jitterRatio: 1, random: () => -5 })).toBe(0);
  });

  it.each([
    [0, 300, {}, 'attempt must be an integer >= 1, got 0'],
    [1.5, 300, {}, 'attempt must be an integer >= 1, got 1.5'],
    [1, -1, {}, 'baseDelaySeconds must be a finite number >= 0, got -1'],
    [1, 300, { capSeconds: -1 }, 'capSeconds must be a finite number >= 0, got -1'],
    [1, 300, { jitterRatio: Number.NaN }, 'jitterRatio must be between 0 and 1, got NaN'],
    [1, 300, { jitterRatio: 1.5 }, 'jitterRatio must be between 0 and 1, got 1.5'],
  ])('rejects attempt %p, base %p, options %p', (attempt, base, options, message) => {
    expect(() => retryDelayMs(attempt, base, options)).toThrow(new RangeError(message));
  });
});
