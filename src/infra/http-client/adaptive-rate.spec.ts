import { AdaptiveRate, AdaptiveRateOptions } from './adaptive-rate';

describe('AdaptiveRate', () => {
  let time = 0;
  const rateOf = (options: Partial<AdaptiveRateOptions> = {}): AdaptiveRate =>
    new AdaptiveRate({ ceilingPerSecond: 20, now: () => time, ...options });
  beforeEach(() => {
    time = 10_000;
  });

  it('starts at the ceiling, unreduced', () => {
    const rate = rateOf();
    expect(rate.requestsPerSecond).toBe(20);
    expect(rate.isReduced).toBe(false);
  });

  it('cuts the rate by the decrease factor on a 429', () => {
    const rate = rateOf();
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(14);
    expect(rate.isReduced).toBe(true);
  });

  it('cuts once for the requests that were on the wire together, again for later ones', () => {
    const rate = rateOf();
    const inFlight = [rate.current(), rate.current(), rate.current()];
    for (const sent of inFlight) rate.slowDown(sent);
    expect(rate.requestsPerSecond).toBeCloseTo(14);
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(9.8);
  });

  it('does not cut below a share of what the provider answered in the last second', () => {
    const rate = rateOf();
    for (let i = 0; i < 10; i += 1) rate.speedUp();
    time += 400;
    for (let i = 0; i < 4; i += 1) rate.slowDown(rate.current());
    expect(rate.requestsPerSecond).toBeCloseTo(8); // 0.8 × 10, not 20 × 0.7⁴
    expect(rate.slowDown(rate.current())).toBe(false);
    time += 700; // those answers are more than a second old now
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(5.6);
  });

  it('never goes below the floor', () => {
    const rate = rateOf({ ceilingPerSecond: 2, floorPerSecond: 1 });
    for (let i = 0; i < 10; i += 1) rate.slowDown(rate.current());
    expect(rate.requestsPerSecond).toBe(1);
  });

  it('climbs back by a fixed step per success, up to the ceiling and no further', () => {
    const rate = rateOf({ ceilingPerSecond: 10, increasePerSuccess: 0.5 });
    rate.slowDown(rate.current());
    expect(rate.requestsPerSecond).toBeCloseTo(7);
    rate.speedUp();
    expect(rate.requestsPerSecond).toBeCloseTo(7.5);
    for (let i = 0; i < 20; i += 1) rate.speedUp();
    expect(rate.requestsPerSecond).toBe(10);
    expect(rate.isReduced).toBe(false);
  });

  it('remembers only the last second of successes, however many there were', () => {
    const rate = rateOf();
    for (let i = 0; i < 5_000; i += 1) {
      time += 100;
      rate.speedUp();
    }
    const { successes } = rate as unknown as { successes: number[] };
    expect(successes.length).toBeLessThan(1_100);
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(14);
  });

  it('refuses a non-positive ceiling', () => {
    expect(() => new AdaptiveRate({ ceilingPerSecond: 0 })).toThrow(RangeError);
  });
});
