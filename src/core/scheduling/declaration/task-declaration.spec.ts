import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString } from 'class-validator';
import { Cron, Interval } from '@nestjs/schedule';
import { AppConfig } from '../../../config/app-config';
import { defineConfig } from '../../../config/config-section';
import { toBoolean, toInteger } from '../../../config/env-transforms';
import { validateEnvironment } from '../../../config/load-config';
import { TaskRun } from '../task-run';
import { readTaskDeclaration } from './task-declaration';
import { TaskOptions } from './task-options.decorator';

class JobsEnvironment {
  @Transform(toInteger)
  @IsInt()
  JOBS_INTERVAL_HOURS = 6;

  @Transform(toBoolean)
  @IsBoolean()
  JOBS_CONFIGURED_ENABLED = true;

  @IsString()
  JOBS_DAILY_AT = '06:00';

  @IsString()
  JOBS_DAILY_ZONE = 'Europe/Moscow';
}

/** A feature's settings, as jobs read them through `scheduleFromConfig` and `enabledFlag`. */
const jobsConfig = defineConfig('task-declaration-spec', JobsEnvironment, (env) => {
  const [hour, minute] = env.JOBS_DAILY_AT.split(':').map(Number);
  return {
    intervalHours: env.JOBS_INTERVAL_HOURS,
    daily: { hour, minute, timeZone: env.JOBS_DAILY_ZONE },
  };
});

const config = (env: Record<string, string> = {}): AppConfig =>
  new AppConfig(validateEnvironment(env));

function read(type: new () => object, methodName: string, env?: Record<string, string>) {
  const method = (type.prototype as Record<string, (...args: never[]) => unknown>)[methodName];
  return readTaskDeclaration({ className: type.name, methodName, method }, config(env));
}

class Payload {
  @IsInt()
  count: number;
}

class Jobs {
  @Cron('30 3 * * *', { name: 'jobs.nightly' })
  @TaskOptions({ name: 'Nightly', description: 'At night', retry: { maxRetries: 1 } })
  async nightly(): Promise<void> {}

  @Cron('0 6 * * *', { name: 'jobs.bare', timeZone: 'Europe/Moscow' })
  async bare(_run: TaskRun): Promise<void> {}

  @Interval('jobs.every-minute', 60_000)
  async everyMinute(): Promise<void> {}

  @Interval('jobs.configured', 3_600_000)
  @TaskOptions({
    scheduleFromConfig: (settings) => ({
      intervalMs: settings.get(jobsConfig).intervalHours * 3_600_000,
    }),
    enabledFlag: 'JOBS_CONFIGURED_ENABLED',
  })
  async configured(): Promise<void> {}

  @Cron('0 6 * * *', { name: 'jobs.configured-cron', timeZone: 'Europe/Moscow' })
  @TaskOptions({
    scheduleFromConfig: (settings) => {
      const { hour, minute, timeZone } = settings.get(jobsConfig).daily;
      return { cron: `${minute} ${hour} * * *`, timeZone };
    },
  })
  async configuredCron(): Promise<void> {}

  @TaskOptions({
    key: 'jobs.api-only',
    description: 'Only API tasks',
    payload: Payload,
    sync: true,
    source: { table: 'bank_connections', column: 'id' },
  })
  async apiOnly(): Promise<void> {}

  plain(): void {}
}

describe('readTaskDeclaration', () => {
  it('ignores a method without @Cron, @Interval or @TaskOptions', () => {
    expect(read(Jobs, 'plain')).toBeNull();
  });

  it('takes a @Cron job: the name is the key, @TaskOptions adds the rest, UTC unless a zone is given', () => {
    expect(read(Jobs, 'nightly')).toEqual({
      declaration: {
        key: 'jobs.nightly',
        source: 'Jobs.nightly',
        options: { name: 'Nightly', description: 'At night', retry: { maxRetries: 1 } },
        schedule: { kind: 'cron', expression: '30 3 * * *', timeZone: 'UTC' },
        enabled: true,
      },
    });
    expect(read(Jobs, 'bare')?.declaration).toMatchObject({
      key: 'jobs.bare',
      options: {},
      schedule: { kind: 'cron', expression: '0 6 * * *', timeZone: 'Europe/Moscow' },
    });
  });

  it('takes an @Interval job in whole seconds', () => {
    expect(read(Jobs, 'everyMinute')?.declaration).toMatchObject({
      key: 'jobs.every-minute',
      schedule: { kind: 'interval', intervalSeconds: 60 },
      enabled: true,
    });
  });

  it('replaces the declared schedule with one from config, and reads the enabled flag', () => {
    const env = {
      JOBS_INTERVAL_HOURS: '2',
      JOBS_CONFIGURED_ENABLED: 'false',
      JOBS_DAILY_AT: '08:15',
      JOBS_DAILY_ZONE: 'Asia/Yekaterinburg',
    };
    expect(read(Jobs, 'configured', env)?.declaration).toMatchObject({
      schedule: { kind: 'interval', intervalSeconds: 7200 },
      enabled: false,
    });
    expect(read(Jobs, 'configuredCron', env)?.declaration).toMatchObject({
      schedule: { kind: 'cron', expression: '15 8 * * *', timeZone: 'Asia/Yekaterinburg' },
    });
  });

  it('takes a handler only API tasks use from @TaskOptions alone, with its key', () => {
    expect(read(Jobs, 'apiOnly')?.declaration).toEqual({
      key: 'jobs.api-only',
      source: 'Jobs.apiOnly',
      options: {
        key: 'jobs.api-only',
        description: 'Only API tasks',
        payload: Payload,
        sync: true,
        source: { table: 'bank_connections', column: 'id' },
      },
      schedule: null,
      enabled: true,
    });
  });
});

class Broken {
  @Cron('0 * * * *')
  async unnamedCron(): Promise<void> {}

  @Interval(60_000)
  async unnamedInterval(): Promise<void> {}

  @Cron('0 * * * *', { name: 'broken.two-parameters' })
  async twoParameters(_run: TaskRun, _extra: string): Promise<void> {}

  @Cron('0 25 * * *', { name: 'broken.hour' })
  async badHour(): Promise<void> {}

  @Cron('0 * * * *', { name: 'broken.zone', timeZone: 'Mars/Olympus_Mons' })
  async badZone(): Promise<void> {}

  @Cron(new Date('2030-01-01T00:00:00Z'), { name: 'broken.date' })
  async date(): Promise<void> {}

  @Cron('0 * * * *', { name: 'broken.options', waitForCompletion: true, utcOffset: 3 })
  async unsupportedOptions(): Promise<void> {}

  @Interval('broken.fraction', 1500)
  async fractionalInterval(): Promise<void> {}

  @Cron('0 * * * *', { name: 'broken.both' })
  @Interval('broken.both', 1000)
  async both(): Promise<void> {}

  @Cron('0 * * * *', { name: 'broken.keyed' })
  @TaskOptions({ key: 'broken.other-key' })
  async keyed(): Promise<void> {}

  @TaskOptions({ description: 'No key anywhere' })
  async keyless(): Promise<void> {}

  @TaskOptions({ key: 'broken.api-only', enabledFlag: 'JOBS_CONFIGURED_ENABLED', retry: {} })
  async scheduleOptionsWithoutSchedule(): Promise<void> {}

  @Interval('broken.config-kind', 60_000)
  @TaskOptions({ scheduleFromConfig: () => ({ cron: '0 * * * *' }) })
  async configKind(): Promise<void> {}

  @Interval('broken.config-throws', 60_000)
  @TaskOptions({
    scheduleFromConfig: () => {
      throw new Error('no such setting');
    },
  })
  async configThrows(): Promise<void> {}

  @Interval('broken.flag', 60_000)
  @TaskOptions({ enabledFlag: 'NO_SUCH_FLAG' })
  async unknownFlag(): Promise<void> {}

  @Interval('x'.repeat(101), 60_000)
  async longKey(): Promise<void> {}

  @TaskOptions({ key: 'broken.source', source: { table: 'users; DROP TABLE x', column: 'id' } })
  async sqlInSource(): Promise<void> {}

  @Interval('broken/sync jobs', 60_000)
  async unaddressableKey(): Promise<void> {}

  @Interval('0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93', 60_000)
  async uuidKey(): Promise<void> {}
}

describe('readTaskDeclaration rejects, naming class, method and key', () => {
  it.each([
    [
      'unnamedCron',
      "Broken.unnamedCron (key none): @Cron needs a name, the task key: @Cron(expression, { name: '<module>.<job>' })",
    ],
    [
      'unnamedInterval',
      "Broken.unnamedInterval (key none): @Interval needs a name, the task key: @Interval('<module>.<job>', ms)",
    ],
    [
      'twoParameters',
      'Broken.twoParameters (key broken.two-parameters): the handler declares 2 parameters; it takes at most one, the TaskRun',
    ],
    [
      'badHour',
      'Broken.badHour (key broken.hour): cron expression "0 25 * * *" is rejected: cron hour field: 25 is out of range 0-23',
    ],
    ['badZone', 'Broken.badZone (key broken.zone): Mars/Olympus_Mons is not an IANA time zone'],
    [
      'date',
      'Broken.date (key broken.date): the @Cron time must be a cron expression (a Date is not supported)',
    ],
    [
      'unsupportedOptions',
      'Broken.unsupportedOptions (key broken.options): @Cron option waitForCompletion is not supported (use @TaskOptions({ overlap })); @Cron option utcOffset is not supported (use timeZone)',
    ],
    [
      'fractionalInterval',
      'Broken.fractionalInterval (key broken.fraction): the interval must be a whole number of seconds, at least 1 s (got 1500 ms)',
    ],
    ['both', 'Broken.both (key broken.both): declares both @Cron and @Interval'],
    [
      'keyed',
      'Broken.keyed (key broken.keyed): @TaskOptions must not set a key: the @Cron name is the key',
    ],
    [
      'keyless',
      'Broken.keyless (key none): declares no key: add @Cron / @Interval with a name, or a key to @TaskOptions',
    ],
    [
      'scheduleOptionsWithoutSchedule',
      'Broken.scheduleOptionsWithoutSchedule (key broken.api-only): @TaskOptions enabledFlag needs @Cron or @Interval; @TaskOptions retry needs @Cron or @Interval',
    ],
    [
      'configKind',
      'Broken.configKind (key broken.config-kind): scheduleFromConfig must return { intervalMs } for an @Interval job',
    ],
    [
      'configThrows',
      'Broken.configThrows (key broken.config-throws): scheduleFromConfig failed: no such setting',
    ],
    [
      'unknownFlag',
      'Broken.unknownFlag (key broken.flag): Unknown feature flag NO_SUCH_FLAG: declare it in a config section',
    ],
    ['longKey', `Broken.longKey (key ${'x'.repeat(101)}): the key must have 1 to 100 characters`],
    [
      'sqlInSource',
      'Broken.sqlInSource (key broken.source): @TaskOptions source table must be a plain SQL identifier',
    ],
    [
      'unaddressableKey',
      'Broken.unaddressableKey (key broken/sync jobs): the key must be letters, digits, ".", "_" and "-" (and not a UUID): the API addresses tasks by it',
    ],
    [
      'uuidKey',
      'Broken.uuidKey (key 0b7e4a52-3c1d-4f5e-9a6b-2d8c7e1f0a93): the key must be letters, digits, ".", "_" and "-" (and not a UUID): the API addresses tasks by it',
    ],
  ])('%s', (methodName, problem) => {
    expect(read(Broken, methodName)).toEqual({ problem });
  });
});
