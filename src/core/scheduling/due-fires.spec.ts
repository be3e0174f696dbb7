import { DueFiresInput, planDueFires } from './due-fires';

const hourly = { kind: 'cron' as const, expression: '0 * * * *', timeZone: 'UTC' };
const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

function plan(overrides: Partial<DueFiresInput>) {
  return planDueFires({
    spec: hourly,
    nextRun: new Date('2026-11-22T10:00:00Z'),
    now: new Date('2026-11-22T10:00:02Z'),
    misfirePolicy: 'run_once',
    graceSeconds: 3600,
    lateToleranceMs: 5000,
    runAllLimit: 10,
    maxFires: 500,
    ...overrides,
  });
}

describe('planDueFires', () => {
  it('does nothing before next_run', () => {
    const result = plan({ now: new Date('2026-11-22T09:59:59Z') });
    expect(result).toEqual({
      onTime: [],
      catchUp: [],
      missed: [],
      dropped: false,
      nextRun: new Date('2026-11-22T10:00:00Z'),
    });
  });

  it('runs a fire within the late tolerance as scheduled and moves next_run on', () => {
    const result = plan({});
    expect(iso(result.onTime)).toEqual(['2026-11-22T10:00:00.000Z']);
    expect(result.catchUp).toEqual([]);
    expect(result.missed).toEqual([]);
    expect(result.nextRun?.toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });

  it('run_once after downtime: the latest in-grace fire catches up, the rest are missed', () => {
    const result = plan({
      nextRun: new Date('2026-11-22T06:00:00Z'),
      now: new Date('2026-11-22T09:30:00Z'),
    });
    expect(result.onTime).toEqual([]);
    expect(iso(result.catchUp)).toEqual(['2026-11-22T09:00:00.000Z']);
    expect(iso(result.missed)).toEqual([
      '2026-11-22T06:00:00.000Z',
      '2026-11-22T07:00:00.000Z',
      '2026-11-22T08:00:00.000Z',
    ]);
    expect(result.nextRun?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('run_once with an on-time fire coalesces the late ones into it', () => {
    const result = plan({
      nextRun: new Date('2026-11-22T08:00:00Z'),
      now: new Date('2026-11-22T10:00:01Z'),
    });
    expect(iso(result.onTime)).toEqual(['2026-11-22T10:00:00.000Z']);
    expect(result.catchUp).toEqual([]);
    expect(iso(result.missed)).toEqual(['2026-11-22T08:00:00.000Z', '2026-11-22T09:00:00.000Z']);
  });

  it('run_all runs every in-grace fire, bounded, oldest first', () => {
    const result = plan({
      misfirePolicy: 'run_all',
      graceSeconds: 4 * 3600,
      runAllLimit: 2,
      nextRun: new Date('2026-11-22T06:00:00Z'),
      now: new Date('2026-11-22T09:30:00Z'),
    });
    expect(iso(result.catchUp)).toEqual(['2026-11-22T08:00:00.000Z', '2026-11-22T09:00:00.000Z']);
    expect(iso(result.missed)).toEqual(['2026-11-22T06:00:00.000Z', '2026-11-22T07:00:00.000Z']);
  });

  it('skip records every late fire as missed', () => {
    const result = plan({
      misfirePolicy: 'skip',
      nextRun: new Date('2026-11-22T08:00:00Z'),
      now: new Date('2026-11-22T09:30:00Z'),
    });
    expect(result.catchUp).toEqual([]);
    expect(iso(result.missed)).toEqual(['2026-11-22T08:00:00.000Z', '2026-11-22T09:00:00.000Z']);
  });

  it('bounds a very long outage and reports that older fires were dropped', () => {
    const result = plan({
      spec: { kind: 'interval', intervalMs: 1000, anchor: new Date(0) },
      nextRun: new Date('2026-11-21T10:00:00Z'),
      now: new Date('2026-11-22T10:00:00.500Z'),
      maxFires: 50,
    });
    expect(result.dropped).toBe(true);
    expect(result.missed.length + result.catchUp.length + result.onTime.length).toBe(50);
    expect(result.nextRun?.toISOString()).toBe('2026-11-22T10:00:01.000Z');
  });

  it('a once task has no next run after its fire', () => {
    const result = plan({ spec: { kind: 'once', runAt: new Date('2026-11-22T10:00:00Z') } });
    expect(iso(result.onTime)).toEqual(['2026-11-22T10:00:00.000Z']);
    expect(result.nextRun).toBeNull();
  });
});
