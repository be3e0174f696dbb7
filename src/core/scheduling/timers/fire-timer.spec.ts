import { startFireTimer } from './fire-timer';

describe('startFireTimer', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('ticks an interval on its anchor grid, never drifting, each wait a fresh timeout', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:20.500Z') });
    const ticks: string[] = [];
    const armed: (NodeJS.Timeout | null)[] = [];
    startFireTimer(
      { kind: 'interval', intervalMs: 60_000, anchor: new Date(0) },
      () => ticks.push(new Date().toISOString()),
      (timeout) => armed.push(timeout),
    );
    jest.advanceTimersByTime(3 * 60_000);
    expect(ticks).toEqual([
      '2026-11-30T12:01:00.000Z',
      '2026-11-30T12:02:00.000Z',
      '2026-11-30T12:03:00.000Z',
    ]);
    expect(armed).toHaveLength(4);
    expect(new Set(armed).size).toBe(4);
  });

  it('stops when its current timeout is cleared', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:00.000Z') });
    const ticks: number[] = [];
    let current: NodeJS.Timeout | null = null;
    startFireTimer(
      { kind: 'interval', intervalMs: 1000, anchor: new Date(0) },
      () => ticks.push(Date.now()),
      (timeout) => (current = timeout),
    );
    jest.advanceTimersByTime(2000);
    clearTimeout(current as unknown as NodeJS.Timeout);
    jest.advanceTimersByTime(5000);
    expect(ticks).toHaveLength(2);
  });

  it('ticks a one-time schedule once, then reports no timer left', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:00.000Z') });
    const ticks: string[] = [];
    const armed: (NodeJS.Timeout | null)[] = [];
    startFireTimer(
      { kind: 'once', runAt: new Date('2026-11-30T12:00:05.000Z') },
      () => ticks.push(new Date().toISOString()),
      (timeout) => armed.push(timeout),
    );
    jest.advanceTimersByTime(60_000);
    expect(ticks).toEqual(['2026-11-30T12:00:05.000Z']);
    expect(armed.at(-1)).toBeNull();
  });
});
