import { AdaptiveRate } from './adaptive-rate';

describe('AdaptiveRate', () => {
  it('starts at the ceiling, unreduced', () => {
    const rate = new AdaptiveRate({ ceilingPerSecond: 20 });
    expect(rate.requestsPerSecond).toBe(20);
    expect(rate.isReduced).toBe(false);
  });

  it('cuts the rate by the decrease factor on a 429', () => {
    const rate = new AdaptiveRate({ ceilingPerSecond: 20 });
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(14);
    expect(rate.isReduced).toBe(true);
  });

  it('cuts once for the requests that were on the wire together, again for later ones', () => {
    const rate = new AdaptiveRate({ ceilingPerSecond: 20 });
    const inFlight = [rate.current(), rate.current(), rate.current()];
    for (const sent of inFlight) rate.slowDown(sent);
    expect(rate.requestsPerSecond).toBeCloseTo(14);
    expect(rate.slowDown(rate.current())).toBe(true);
    expect(rate.requestsPerSecond).toBeCloseTo(9.8);
  });

  it('never goes below the floor', () => {
    const rate = new AdaptiveRate({ ceilingPerSecond: 2, floorPerSecond: 1 });
    for (let i = 0; i < 10; i += 1) rate.slowDown(rate.current());
    expect(rate.requestsPerSecond).toBe(1);
  });

  it('climbs back by a fixed step per success, up to the ceiling and no further', () => {
    const rate = new AdaptiveRate({ ceilingPerSecond: 10, increasePerSuccess: 0.5 });
    rate.slowDown(rate.current());
    expect(rate.requestsPerSecond).toBeCloseTo(7);
    rate.speedUp();
    expect(rate.requestsPerSecond).toBeCloseTo(7.5);
    for (let i = 0; i < 20; i += 1) rate.speedUp();
    expect(rate.requestsPerSecond).toBe(10);
    expect(rate.isReduced).toBe(false);
  });

  it('refuses a non-positive ceiling', () => {
    expect(() => new AdaptiveRate({ ceilingPerSecond: 0 })).toThrow(RangeError);
  });
});
