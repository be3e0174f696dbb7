import { ParseProblem } from '../parsing';
import { buildErrorReport, describeErrorReport } from './error-report';

const problem = (row: number | null, column: string | null, message: string): ParseProblem => ({
  sheet: 'Списания',
  row,
  column,
  message,
  code: 'invalid_value',
});

describe('error report', () => {
  it('merges parser and importer problems in row order, file-level first', () => {
    const report = buildErrorReport([
      { problems: [problem(9, 'ИНН', 'a'), problem(12, 'Сумма', 'b')], count: 2 },
      { problems: [problem(10, 'Расчетный счет', 'c'), problem(null, null, 'd')], count: 2 },
    ]);
    expect(report.problems.map((item) => item.message)).toEqual(['d', 'a', 'c', 'b']);
    expect(report).toMatchObject({ problem_count: 4, truncated: false });
  });

  it('keeps the first problems and says how many there were', () => {
    const many = Array.from({ length: 5 }, (_, index) => problem(index + 6, 'ИНН', `p${index}`));
    const report = buildErrorReport([{ problems: many, count: 1200 }], null, 3);
    expect(report.problems).toHaveLength(3);
    expect(report).toMatchObject({ problem_count: 1200, truncated: true });
  });

  it('describes a report in one line', () => {
    const report = buildErrorReport([
      { problems: [problem(9, 'ИНН', '"7701234568" has a wrong check digit')], count: 3 },
    ]);
    expect(describeErrorReport('expenses_2026-01-15.xlsx', report)).toBe(
      'expenses_2026-01-15.xlsx rejected: Списания, row 9, ИНН: "7701234568" has a wrong check digit (and 2 more)',
    );
    const whole = buildErrorReport([
      { problems: [problem(null, null, 'cannot be read')], count: 1 },
    ]);
    expect(describeErrorReport('x.xlsx', whole)).toBe('x.xlsx rejected: Списания: cannot be read');
  });

  it('says which sheet was read when it was not the kind’s own', () => {
    const reason =
      'no sheet is named "Списания", so the first sheet was read (the workbook has "x")';
    const report = buildErrorReport([{ problems: [problem(3, 'Дата', 'bad')], count: 1 }], {
      name: 'x',
      preferred: false,
      reason,
    });
    expect(report.sheet_read).toEqual({ name: 'x', preferred: false, reason });
    expect(describeErrorReport('x.xlsx', report)).toBe(
      `x.xlsx rejected: Списания, row 3, Дата: bad (${reason})`,
    );
    const own = { name: 'Списания', preferred: true, reason: 'the sheet is named "Списания"' };
    const usual = buildErrorReport([{ problems: [problem(3, 'Дата', 'bad')], count: 1 }], own);
    expect(describeErrorReport('x.xlsx', usual)).toBe(
      'x.xlsx rejected: Списания, row 3, Дата: bad',
    );
  });
});
