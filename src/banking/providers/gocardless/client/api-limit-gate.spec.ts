import { ApiLimitGate } from './api-limit-gate';

describe('ApiLimitGate', () => {
  it('holds callers until the reset once the headers say none is left', async () => {
    let now = 1_000;
    const slept: number[] = [];
    const gate = new ApiLimitGate(
      () => now,
      (ms) => {
        slept.push(ms);
        now += ms;
        return Promise.resolve();
      },
    );
    gate.observe({ limit: 100, remaining: 3, resetSeconds: 20 });
    await gate.pass();
    gate.observe({ limit: 100, remaining: 0, resetSeconds: 20 });
    await gate.pass();
    await gate.pass();
    expect(slept).toEqual([20_000]);
  });

  it('does not wait out a reset far away', async () => {
    const gate = new ApiLimitGate(
      () => 0,
      () => Promise.reject(new Error('should not sleep')),
    );
    gate.observe({ limit: 100, remaining: 0, resetSeconds: 3600 });
    await expect(gate.pass()).resolves.toBeUndefined();
  });
});
