import { Cron, Interval, ScheduleModule, Timeout } from '@nestjs/schedule';
import { readNestSchedule, SCHEDULE_MODULE_OPTIONS } from './nest-schedule-metadata';

class Declared {
  @Cron('0 6 * * *', { name: 'test.cron', timeZone: 'Europe/Moscow' })
  cron(): void {}

  @Interval('test.interval', 60_000)
  interval(): void {}

  @Interval(5000)
  unnamedInterval(): void {}

  @Timeout('test.timeout', 1000)
  timeout(): void {}

  @Cron('* * * * *', { name: 'test.both' })
  @Interval('test.both', 1000)
  both(): void {}

  plain(): void {}
}

/** Guards the metadata keys read from @nestjs/schedule against an upgrade that moves them. */
describe('readNestSchedule on methods decorated by @nestjs/schedule itself', () => {
  it('reads @Cron: its expression and options', () => {
    expect(readNestSchedule(Declared.prototype.cron)).toEqual([
      {
        decorator: '@Cron',
        cronTime: '0 6 * * *',
        options: { name: 'test.cron', timeZone: 'Europe/Moscow' },
      },
    ]);
  });

  it('reads @Interval with and without a name', () => {
    expect(readNestSchedule(Declared.prototype.interval)).toEqual([
      { decorator: '@Interval', name: 'test.interval', ms: 60_000 },
    ]);
    expect(readNestSchedule(Declared.prototype.unnamedInterval)).toEqual([
      { decorator: '@Interval', name: undefined, ms: 5000 },
    ]);
  });

  it('reports both when a method carries @Cron and @Interval', () => {
    expect(readNestSchedule(Declared.prototype.both).map((found) => found.decorator)).toEqual([
      '@Cron',
      '@Interval',
    ]);
  });

  it('ignores @Timeout and undecorated methods', () => {
    expect(readNestSchedule(Declared.prototype.timeout)).toEqual([]);
    expect(readNestSchedule(Declared.prototype.plain)).toEqual([]);
  });
});

describe('SCHEDULE_MODULE_OPTIONS', () => {
  it("is the token of ScheduleModule.forRoot()'s options", () => {
    expect(ScheduleModule.forRoot({ cronJobs: false }).providers).toContainEqual({
      provide: SCHEDULE_MODULE_OPTIONS,
      useValue: { cronJobs: false, intervals: true, timeouts: true },
    });
  });
});
