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

describe('backoffDelayMs with a jitter range', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 5_000, jitter: { min: 0.8, max: 1.2 } };

  it('multiplies the nominal delay by a factor drawn from the range', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(800);
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(1_000);
    expect(backoffDelayMs(2, policy, () => 0.25)).toBe(1_800);
  });

  it('keeps a delay jitter pushes past the cap at the cap', () => {
    expect(backoffDelayMs(4, policy, () => 0.999999)).toBe(5_000);
  });

  it('returns zero for a zero base however many retries came before', () => {
    expect(backoffDelayMs(3000, { ...policy, baseDelayMs: 0 }, () => 0.5)).toBe(0);
  });
});
