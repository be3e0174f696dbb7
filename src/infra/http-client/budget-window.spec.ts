import { budgetWindow } from './budget-window';

describe('budgetWindow', () => {
  it.each([
    [3, { points: 1, windowMs: 334 }],
    [20, { points: 1, windowMs: 50 }],
    [95, { points: 3, windowMs: 32 }],
    [100, { points: 3, windowMs: 30 }],
  ])('%i req/s → %j', (rate, window) => {
    expect(budgetWindow(rate)).toEqual(window);
  });

  it('stays within the budget in whole-millisecond windows, small bursts, little loss', () => {
    for (let rate = 1; rate <= 1000; rate += 1) {
      const { points, windowMs } = budgetWindow(rate);
      expect(Number.isInteger(windowMs)).toBe(true);
      expect((points * 1000) / windowMs).toBeLessThanOrEqual(rate);
      expect(points).toBeLessThanOrEqual(Math.max(1, rate / 30));
      // With timers firing a millisecond late, at least 90% of the budget is still used.
      expect((points * 1000) / (windowMs + 1)).toBeGreaterThanOrEqual(rate * 0.9);
    }
  });
});
