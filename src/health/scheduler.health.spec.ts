import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/load-config';
import { SchedulerService } from '../core/scheduling/scheduler.service';
import { TaskDispatcher } from '../core/scheduling/task-dispatcher.service';
import { SchedulerHealthIndicator } from './scheduler.health';

const BOOT = new Date('2026-03-01T12:00:00Z').getTime();
/** 3 × SCHEDULER_POLL_MS (1000) + 10 s. */
const LIMIT_MS = 13_000;

describe('SchedulerHealthIndicator', () => {
  let lastPass: Date | null;

  function indicatorFor(enabled: boolean): SchedulerHealthIndicator {
    const config = new AppConfig(
      validateEnvironment({
        SCHEDULER_ENABLED: String(enabled),
        SCHEDULER_POLL_MS: '1000',
        SCHEDULER_INSTANCE_ID: 'node-a',
      }),
    );
    const scheduler = { isRunning: enabled, instanceId: 'node-a' } as SchedulerService;
    const dispatcher = {
      get lastPass() {
        return lastPass;
      },
    } as TaskDispatcher;
    const indicator = new SchedulerHealthIndicator(
      config,
      scheduler,
      dispatcher,
      new HealthIndicatorService(),
    );
    indicator.onApplicationBootstrap();
    return indicator;
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: BOOT });
    lastPass = null;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('is up while dispatch passes keep coming, and down once they stop for longer than the limit', () => {
    const indicator = indicatorFor(true);
    lastPass = new Date(BOOT + 1000);
    jest.setSystemTime(BOOT + 1000 + LIMIT_MS);
    expect(indicator.check('scheduler')).toEqual({
      scheduler: {
        status: 'up',
        enabled: true,
        running: true,
        instance_id: 'node-a',
        last_dispatch: '2026-03-01T12:00:01.000Z',
      },
    });
    jest.setSystemTime(BOOT + 1000 + LIMIT_MS + 1);
    expect(indicator.check('scheduler').scheduler).toMatchObject({
      status: 'down',
      message: 'No dispatch pass for 13s (limit 13s)',
    });
  });

  it('gives a dispatcher that never passed the same limit from boot', () => {
    const indicator = indicatorFor(true);
    jest.setSystemTime(BOOT + LIMIT_MS);
    expect(indicator.check('scheduler').scheduler.status).toBe('up');
    jest.setSystemTime(BOOT + LIMIT_MS + 1);
    expect(indicator.check('scheduler').scheduler).toMatchObject({
      status: 'down',
      last_dispatch: null,
    });
  });

  it('is up with enabled: false when the scheduler is disabled, however old the last pass', () => {
    const indicator = indicatorFor(false);
    jest.setSystemTime(BOOT + 10 * LIMIT_MS);
    expect(indicator.check('scheduler')).toEqual({
      scheduler: {
        status: 'up',
        enabled: false,
        running: false,
        instance_id: 'node-a',
        last_dispatch: null,
      },
    });
  });
});
