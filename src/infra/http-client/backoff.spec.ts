import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the nominal delay with each retry', () => {
    const upperBounds = [1, 2, 3, 4].map((retry) => backoffDelayMs(retry, policy, () => 0.999999));
    expect(upperBounds).toEqual([100, 200, 400, 800]);
  });

  it('never waits less than half the nominal delay (equal jitter)', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
  });

  it('spreads delays between half and the full nominal delay', () => {
    const samples = Array.from({ length: 200 }, () => backoffDelayMs(2, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...samples)).toBeLessThanOrEqual(200);
    expect(new Set(samples).size).toBeGreaterThan(10);
  });

  it('caps the delay at maxDelayMs', () => {
    expect(backoffDelayMs(30, policy, () => 0.999999)).toBe(1_000);
  });

  it('treats retry numbers below 1 like the first retry', () => {
    expect(backoffDelayMs(0, policy, () => 0.999999)).toBe(100);
  });
});
