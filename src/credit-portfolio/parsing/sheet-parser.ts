import type { CellValue } from 'exceljs';
import { ValueContext } from './cell-values';
import { HeaderMatcher } from './headers';
import { ProblemLog } from './problem-log';
import { CellProblem, FieldOf, NumberedRow, RowReader, RowSchema, columnsOf } from './row-schema';
import { isBlankRow, isTotalRow, rowTexts } from './sheet-rows';

export const DEFAULT_HEADER_SEARCH_ROWS = 15;

export interface SheetParserOptions extends ValueContext {
  headerSearchRows: number;
}

/**
 * Consumes the rows of one sheet in order: skips the title block, finds the header row,
 * then turns data rows into typed rows and logs every problem.
 */
export class SheetParser<R extends NumberedRow> {
  private readonly matcher: HeaderMatcher<FieldOf<R>>;
  private reader: RowReader<R> | null = null;
  private state: 'searching' | 'reading' | 'rejected' = 'searching';
  private readonly rowProblems: CellProblem[] = [];
  private headerRowNumber: number | null = null;
  private dataRowsRead = 0;

  constructor(
    private readonly sheet: string,
    private readonly schema: RowSchema<R>,
    private readonly options: SheetParserOptions,
    private readonly log: ProblemLog,
  ) {
    this.matcher = new HeaderMatcher(columnsOf(schema));
  }

  get headerRow(): number | null {
    return this.headerRowNumber;
  }

  /** Data rows read after the header row, valid or not (blank and total rows excluded). */
  get dataRows(): number {
    return this.dataRowsRead;
  }

  /** Returns the typed row, or null for title, header, blank, total and invalid rows. */
  accept(values: readonly CellValue[], rowNumber: number): R | null {
    if (this.state === 'rejected' || isBlankRow(values)) {
      return null;
    }
    if (this.state === 'searching') {
      this.searchHeader(values, rowNumber);
      return null;
    }
    if (isTotalRow(values) || this.reader === null) {
      return null;
    }
    this.dataRowsRead++;
    const row = this.reader.read(values, rowNumber, this.rowProblems);
    for (const problem of this.rowProblems) {
      this.log.add({ sheet: this.sheet, row: rowNumber, ...problem });
    }
    this.rowProblems.length = 0;
    return row;
  }

  /** Call after the last row. */
  finish(): void {
    if (this.state === 'searching') {
      this.rejectForMissingHeader();
    }
  }

  private searchHeader(values: readonly CellValue[], rowNumber: number): void {
    if (rowNumber > this.options.headerSearchRows) {
      this.rejectForMissingHeader();
      return;
    }
    const match = this.matcher.match(rowTexts(values));
    if (!match.isHeaderRow) {
      return;
    }
    this.headerRowNumber = rowNumber;
    if (match.missing.length > 0) {
      this.state = 'rejected';
      for (const column of match.missing) {
        this.log.add({
          sheet: this.sheet,
          row: rowNumber,
          column: column.title,
          message: `required column "${column.title}" is missing from the header row`,
          code: 'missing_column',
        });
      }
      return;
    }
    this.reader = new RowReader(this.schema, match.positions, this.options);
    this.state = 'reading';
  }

  private rejectForMissingHeader(): void {
    this.state = 'rejected';
    this.log.add({
      sheet: this.sheet,
      row: null,
      column: null,
      message: `no header row within the first ${this.options.headerSearchRows} rows`,
      code: 'header_not_found',
    });
  }
}
