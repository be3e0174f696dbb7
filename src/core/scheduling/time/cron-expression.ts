import { CronTime } from 'cron';

/* Cron expressions: parsing the fields, and the problem an operator is told about. */

interface CronFieldRule {
  name: string;
  min: number;
  max: number;
  aliases?: readonly string[];
}

const SECOND_FIELD: CronFieldRule = { name: 'second', min: 0, max: 59 };
const MINUTE_FIELD: CronFieldRule = { name: 'minute', min: 0, max: 59 };
const HOUR_FIELD: CronFieldRule = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH_FIELD: CronFieldRule = { name: 'day-of-month', min: 1, max: 31 };
const MONTH_FIELD: CronFieldRule = {
  name: 'month',
  min: 1,
  max: 12,
  aliases: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
};
// 0 and 7 both mean Sunday.
const DAY_OF_WEEK_FIELD: CronFieldRule = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  aliases: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};
const FIVE_FIELD_LAYOUT = [
  MINUTE_FIELD,
  HOUR_FIELD,
  DAY_OF_MONTH_FIELD,
  MONTH_FIELD,
  DAY_OF_WEEK_FIELD,
];
const SIX_FIELD_LAYOUT = [SECOND_FIELD, ...FIVE_FIELD_LAYOUT];
const DAYS_IN_MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const CRON_ITEM = /^(\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:\/([0-9]+))?$/i;

export interface ParsedCron {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
}

/** What is wrong with an expression, worded for an operator. */
export class CronProblem extends Error {}

function splitCronFields(expression: string): string[] {
  const trimmed = expression.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

function parseCronValue(token: string, rule: CronFieldRule): number {
  const aliasIndex = rule.aliases?.indexOf(token.toLowerCase()) ?? -1;
  if (aliasIndex >= 0) {
    return rule.min + aliasIndex;
  }
  if (!/^[0-9]+$/.test(token)) {
    throw new CronProblem(`cron ${rule.name} field: "${token}" is not a number or known name`);
  }
  const value = Number(token);
  if (value < rule.min || value > rule.max) {
    throw new CronProblem(
      `cron ${rule.name} field: ${token} is out of range ${rule.min}-${rule.max}`,
    );
  }
  return value;
}

function parseCronItem(item: string, rule: CronFieldRule): number[] {
  const match = CRON_ITEM.exec(item);
  if (!match) {
    throw new CronProblem(`cron ${rule.name} field: "${item}" is not a value, range, step or *`);
  }
  const [, startToken, endToken, stepToken] = match;
  if (startToken === '*' && endToken !== undefined) {
    throw new CronProblem(`cron ${rule.name} field: "${item}" cannot combine * with a range`);
  }
  const step = stepToken === undefined ? 1 : Number(stepToken);
  if (step < 1) {
    throw new CronProblem(`cron ${rule.name} field: step in "${item}" must be at least 1`);
  }
  const start = startToken === '*' ? rule.min : parseCronValue(startToken, rule);
  const hasOpenEnd = startToken === '*' || (endToken === undefined && stepToken !== undefined);
  const end =
    endToken !== undefined ? parseCronValue(endToken, rule) : hasOpenEnd ? rule.max : start;
  if (start > end) {
    throw new CronProblem(`cron ${rule.name} field: range "${item}" is reversed`);
  }
  const values: number[] = [];
  for (let value = start; value <= end; value += step) {
    values.push(value);
  }
  return values;
}

function parseCronField(field: string, rule: CronFieldRule): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') {
      throw new CronProblem(`cron ${rule.name} field: "${field}" has an empty list item`);
    }
    for (const value of parseCronItem(item, rule)) {
      values.add(rule === DAY_OF_WEEK_FIELD && value === 7 ? 0 : value);
    }
  }
  return values;
}

function assertCronCanFire(parsed: ParsedCron): void {
  // With a restricted day-of-week, cron matches day-of-month OR day-of-week, so only an
  // unrestricted day-of-week can leave the expression with no possible date.
  if (parsed.daysOfWeek.size < 7) {
    return;
  }
  const smallestDay = Math.min(...parsed.daysOfMonth);
  const possible = [...parsed.months].some((month) => smallestDay <= DAYS_IN_MONTH_MAX[month - 1]);
  if (!possible) {
    throw new CronProblem(
      `cron day-of-month field: day ${smallestDay} never occurs in the selected months`,
    );
  }
}

/** The sets of values each field allows; throws CronProblem naming the first bad field. */
export function parseCron(expression: string): ParsedCron {
  const fields = splitCronFields(expression);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new CronProblem(`cron must have 5 or 6 fields, got ${fields.length}`);
  }
  const layout = fields.length === 6 ? SIX_FIELD_LAYOUT : FIVE_FIELD_LAYOUT;
  const sets = fields.map((field, index) => parseCronField(field, layout[index]));
  const [daysOfWeek, months, daysOfMonth, hours, minutes, seconds = new Set([0])] = sets.reverse();
  const parsed = { seconds, minutes, hours, daysOfMonth, months, daysOfWeek };
  assertCronCanFire(parsed);
  return parsed;
}

/** Why the expression cannot be used, or null when it can (5 fields, or 6 with seconds first). */
export function describeCronProblem(expression: string): string | null {
  try {
    parseCron(expression);
  } catch (error) {
    if (error instanceof CronProblem) {
      return error.message;
    }
    throw error;
  }
  const { valid, error } = CronTime.validateCronExpression(expression);
  return valid ? null : `cron expression rejected: ${error?.message ?? 'unknown reason'}`;
}
