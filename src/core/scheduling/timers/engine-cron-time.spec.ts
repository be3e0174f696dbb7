import { CronJob, CronTime } from 'cron';
import { nextFires } from '../time/next-fire';
import { EngineCronTime } from './engine-cron-time';

// On New York's fall-back night 02:30 happens once, at 07:30Z; the `cron` library computes 06:30Z.
const spec = { kind: 'cron' as const, expression: '30 2 * * *', timeZone: 'America/New_York' };
const start = new Date('2026-10-31T06:30:00.000Z');

describe('EngineCronTime', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it("times a CronJob's ticks by the engine's calendar, where `cron`'s own computation differs", () => {
    const engineFire = new Date('2026-11-01T07:30:00.000Z');
    expect(new EngineCronTime(spec).getTimeout()).toBe(engineFire.getTime() - start.getTime());
    expect(new CronTime(spec.expression, spec.timeZone).getTimeout()).not.toBe(
      engineFire.getTime() - start.getTime(),
    );
  });

  it('ticks a started CronJob exactly at the fires next_run would hold', () => {
    const ticks: string[] = [];
    const job = CronJob.from({
      cronTime: spec.expression,
      timeZone: spec.timeZone,
      onTick: () => {
        ticks.push(new Date().toISOString());
      },
    });
    job.setTime(new EngineCronTime(spec));
    job.start();
    jest.advanceTimersByTime(3 * 86_400_000 + 3_600_000);
    job.stop();
    expect(ticks).toEqual(nextFires(spec, start, 3).map((fire) => fire.toISOString()));
    expect(ticks[0]).toBe('2026-11-01T07:30:00.000Z');
    expect(String(job.cronTime.source)).toBe('30 2 * * *');
  });
});
