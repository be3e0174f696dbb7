import { describeCronProblem } from './cron-expression';
import { InvalidScheduleError, nextFireAfter, ScheduleSpec } from './next-fire';

function cron(expression: string, timeZone = 'UTC'): ScheduleSpec {
  return { kind: 'cron', expression, timeZone };
}

describe('describeCronProblem', () => {
  it.each([
    '0 6 * * *',
    '*/15 9-17 * * mon-fri',
    '30 0 6 * * *',
    '0 0 1 jan,JUL *',
    '0 0 * * 7',
    '0 0 29 2 *',
    '5/20 * * * *',
    '  0   6 * * *  ',
  ])('accepts %j', (expression) => {
    expect(describeCronProblem(expression)).toBeNull();
  });

  it.each([
    ['* * *', 'cron must have 5 or 6 fields, got 3'],
    ['0 0 0 * * * *', 'cron must have 5 or 6 fields, got 7'],
    ['', 'cron must have 5 or 6 fields, got 0'],
    ['@daily', 'cron must have 5 or 6 fields, got 1'],
    ['0 25 * * *', 'cron hour field: 25 is out of range 0-23'],
    ['60 * * * *', 'cron minute field: 60 is out of range 0-59'],
    ['60 0 * * * *', 'cron second field: 60 is out of range 0-59'],
    ['0 0 0 * *', 'cron day-of-month field: 0 is out of range 1-31'],
    ['0 0 * 13 *', 'cron month field: 13 is out of range 1-12'],
    ['0 0 * * 8', 'cron day-of-week field: 8 is out of range 0-7'],
    ['0 0 * * 1-9', 'cron day-of-week field: 9 is out of range 0-7'],
    ['foo bar baz qux quux', 'cron minute field: "foo" is not a number or known name'],
    ['0 mon * * *', 'cron hour field: "mon" is not a number or known name'],
    ['0 0 * jan-foo *', 'cron month field: "foo" is not a number or known name'],
    ['0 0 ? * *', 'cron day-of-month field: "?" is not a value, range, step or *'],
    ['0 0 L * *', 'cron day-of-month field: "L" is not a number or known name'],
    ['0 0 1W * *', 'cron day-of-month field: "1W" is not a number or known name'],
    ['0 0 * * 5#3', 'cron day-of-week field: "5#3" is not a value, range, step or *'],
    ['*-5 * * * *', 'cron minute field: "*-5" cannot combine * with a range'],
    ['*/0 * * * *', 'cron minute field: step in "*/0" must be at least 1'],
    ['30-10 * * * *', 'cron minute field: range "30-10" is reversed'],
    ['1,,2 * * * *', 'cron minute field: "1,,2" has an empty list item'],
    ['0 0 30 2 *', 'cron day-of-month field: day 30 never occurs in the selected months'],
    ['0 0 31 4,6 *', 'cron day-of-month field: day 31 never occurs in the selected months'],
  ])('rejects %j: %s', (expression, reason) => {
    expect(describeCronProblem(expression)).toBe(reason);
  });

  it('accepts an impossible day-of-month when a weekday can match instead', () => {
    expect(describeCronProblem('0 0 30 2 mon')).toBeNull();
  });

  it('makes nextFireAfter throw the same reason', () => {
    const fire = () => nextFireAfter(cron('0 25 * * *'), new Date('2026-01-01T00:00:00Z'));
    expect(fire).toThrow(InvalidScheduleError);
    expect(fire).toThrow('cron hour field: 25 is out of range 0-23');
  });
});
