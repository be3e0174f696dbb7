import type { CellValue } from 'exceljs';
import { CellFault, plainCell } from './cells';
import { ValueContext, ValueParser } from './cell-values';
import { ColumnPositions, ColumnSpec } from './headers';
import { ProblemCode } from './types';

export interface FieldRule<T> {
  /** Canonical Russian header. */
  title: string;
  aliases: readonly string[];
  parse: ValueParser<NonNullable<T>>;
  /** Value for an empty cell (or an absent optional column); without it the cell is required. */
  whenEmpty?: T;
  /** The column may be missing from the file altogether. */
  headerOptional?: boolean;
}

export interface NumberedRow {
  rowNumber: number;
}

/** The fields a row reads from cells: everything but the row number. */
export type FieldOf<R> = Exclude<keyof R, 'rowNumber'> & string;

export type FieldRules<R extends NumberedRow> = { [K in FieldOf<R>]-?: FieldRule<R[K]> };

export interface RowCheckFailure<R> {
  field: FieldOf<R>;
  message: string;
  code: ProblemCode;
}

export interface RowSchema<R extends NumberedRow> {
  rules: FieldRules<R>;
  /** Cross-field validation, run only when every cell parsed. */
  check?: (row: R) => RowCheckFailure<R> | null;
}

export interface CellProblem {
  column: string;
  message: string;
  code: ProblemCode;
}

export function columnsOf<R extends NumberedRow>(schema: RowSchema<R>): ColumnSpec<FieldOf<R>>[] {
  return fieldsOf(schema).map(([field, rule]) => ({
    field,
    title: rule.title,
    aliases: rule.aliases,
    headerRequired: rule.headerOptional !== true,
  }));
}

interface BoundField {
  field: string;
  rule: FieldRule<unknown>;
  position: number | undefined;
}

/** Turns the cells of one sheet row into a typed row, reporting every bad cell. */
export class RowReader<R extends NumberedRow> {
  private readonly fields: BoundField[];

  constructor(
    private readonly schema: RowSchema<R>,
    positions: ColumnPositions<FieldOf<R>>,
    private readonly context: ValueContext,
  ) {
    this.fields = fieldsOf(schema).map(([field, rule]) => ({
      field,
      rule,
      position: positions.get(field),
    }));
  }

  /** `values` is exceljs `row.values` (1-based). Problems are appended to `problems`. */
  read(values: readonly CellValue[], rowNumber: number, problems: CellProblem[]): R | null {
    const row: Record<string, unknown> = { rowNumber };
    let valid = true;
    for (const { field, rule, position } of this.fields) {
      const cell = position === undefined ? null : plainCell(values[position]);
      if (cell === null) {
        if ('whenEmpty' in rule) {
          row[field] = rule.whenEmpty;
        } else {
          valid = false;
          problems.push({
            column: rule.title,
            message: 'the cell is empty',
            code: 'missing_value',
          });
        }
        continue;
      }
      const result =
        cell instanceof CellFault
          ? { ok: false as const, error: cell.reason }
          : rule.parse(cell, this.context);
      if (result.ok) {
        row[field] = result.value;
      } else {
        valid = false;
        problems.push({
          column: rule.title,
          message: result.error,
          code: 'invalid_value',
        });
      }
    }
    if (!valid) {
      return null;
    }
    // Every rule wrote its field above, so the record now has the shape of R.
    const complete = row as unknown as R;
    const failure = this.schema.check?.(complete) ?? null;
    if (failure) {
      problems.push({
        column: this.schema.rules[failure.field].title,
        message: failure.message,
        code: failure.code,
      });
      return null;
    }
    return complete;
  }
}

function fieldsOf<R extends NumberedRow>(schema: RowSchema<R>): [FieldOf<R>, FieldRule<unknown>][] {
  return Object.entries(schema.rules) as [FieldOf<R>, FieldRule<unknown>][];
}
