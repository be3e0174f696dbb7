import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { IMPORT_TASK_KEY } from '../../../src/credit-portfolio/credit-portfolio.tasks';
import { TestApp } from '../../utils/test-app';
import { startImportApp } from '../../kits/credit-portfolio-kit';

describe('credit-portfolio.import-ftp schedule', () => {
  let t: TestApp | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is declared daily at 06:00 Moscow time, i.e. 03:00 UTC, with its documented policies', async () => {
    t = await startImportApp({});
    const tasks = t.app.get(ScheduledTaskService);
    const task = await tasks.findByIdOrKey(IMPORT_TASK_KEY);
    expect(task).toMatchObject({
      origin: 'code',
      codeKey: IMPORT_TASK_KEY,
      taskType: IMPORT_TASK_KEY,
      name: 'Import Credit Portfolio Data from FTP',
      scheduleType: 'cron',
      cronExpression: '0 6 * * *',
      timezone: 'Europe/Moscow',
      enabled: true,
      overlapPolicy: 'skip',
      misfirePolicy: 'run_once',
      misfireGraceSeconds: 3600,
    });
    const { fires } = await tasks.nextRuns(task.id, 3, new Date('2026-11-14T12:00:00Z'));
    expect(fires.map((fire) => fire.toISOString())).toEqual([
      '2026-11-15T03:00:00.000Z',
      '2026-11-16T03:00:00.000Z',
      '2026-11-17T03:00:00.000Z',
    ]);
  });

  it('follows CREDIT_PORTFOLIO_IMPORT_HOUR/MINUTE/TIMEZONE and the enabled flag', async () => {
    t = await startImportApp({
      CREDIT_PORTFOLIO_IMPORT_HOUR: '8',
      CREDIT_PORTFOLIO_IMPORT_MINUTE: '30',
      CREDIT_PORTFOLIO_IMPORT_TIMEZONE: 'Asia/Yekaterinburg',
      CREDIT_PORTFOLIO_IMPORT_ENABLED: 'false',
    });
    const tasks = t.app.get(ScheduledTaskService);
    const task = await tasks.findByIdOrKey(IMPORT_TASK_KEY);
    expect(task).toMatchObject({
      cronExpression: '30 8 * * *',
      timezone: 'Asia/Yekaterinburg',
      enabled: false,
    });
    const { fires } = await tasks.nextRuns(task.id, 1, new Date('2026-11-14T12:00:00Z'));
    expect(fires.map((fire) => fire.toISOString())).toEqual(['2026-11-15T03:30:00.000Z']);
  });
});
