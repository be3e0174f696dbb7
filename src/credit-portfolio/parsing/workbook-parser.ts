import type ExcelJS from 'exceljs';
import { createWorkbookReader } from './exceljs-reader';
import { SHEET_NAME_BY_KIND } from './file-kind';
import { DEFAULT_PROBLEM_LIMIT, ProblemLog } from './problem-log';
import { SCHEMA_BY_KIND } from './schemas';
import { DEFAULT_HEADER_SEARCH_ROWS, SheetParser } from './sheet-parser';
import { FileKind, ParseProblem, RowOfKind } from './types';
import { findZipDefect } from './zip-integrity';

export const DEFAULT_BATCH_SIZE = 1000;

export interface ParseWorkbookOptions {
  /** Rows per yielded batch. */
  batchSize?: number;
  /** Problems kept in `problems`; `problemCount` still counts them all. */
  maxProblems?: number;
  headerSearchRows?: number;
  /** Sheet to read; defaults to the kind's sheet (Поступления / Списания / Расшифровка). */
  sheetName?: string;
}

/** Which sheet was read, and why that one. */
export interface SheetChoice {
  name: string;
  /** False when no sheet had the kind's name and the first sheet was read instead. */
  preferred: boolean;
  reason: string;
}

// Parts of the exceljs stream reader that its type declarations leave out.
interface WorkbookReaderInternals {
  model?: { sheets?: { name?: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

/**
 * One streaming pass over a workbook. Iterate it to receive valid rows in batches; when the
 * iteration ends, `problems` holds everything wrong with the file. A file with any problem must
 * be rejected whole, so an importer can stop writing as soon as `problemCount` turns positive
 * yet keep iterating to collect the full report.
 */
export class WorkbookParse<K extends FileKind> implements AsyncIterable<RowOfKind[K][]> {
  private readonly log: ProblemLog;
  private started = false;
  private completed = false;
  private sheetRead: string | null = null;
  private choice: SheetChoice | null = null;
  private headerRowNumber: number | null = null;
  private rowsYielded = 0;
  private dataRowsRead = 0;

  constructor(
    private readonly path: string,
    readonly kind: K,
    private readonly options: ParseWorkbookOptions = {},
  ) {
    this.log = new ProblemLog(options.maxProblems ?? DEFAULT_PROBLEM_LIMIT);
  }

  get problems(): readonly ParseProblem[] {
    return this.log.problems;
  }

  get problemCount(): number {
    return this.log.count;
  }

  get problemsTruncated(): boolean {
    return this.log.truncated;
  }

  /** True once the whole workbook has been read. */
  get finished(): boolean {
    return this.completed;
  }

  /** Finished with no problems: safe to commit. */
  get valid(): boolean {
    return this.completed && this.log.count === 0;
  }

  get sheet(): string | null {
    return this.sheetRead;
  }

  get headerRow(): number | null {
    return this.headerRowNumber;
  }

  /** Valid rows yielded so far. */
  get rowCount(): number {
    return this.rowsYielded;
  }

  /** Data rows read so far, valid or not. */
  get dataRowCount(): number {
    return this.dataRowsRead;
  }

  /** Null until a sheet is being read (and for a workbook that could not be read). */
  get sheetChoice(): SheetChoice | null {
    return this.choice;
  }

  [Symbol.asyncIterator](): AsyncIterator<RowOfKind[K][]> {
    if (this.started) {
      throw new Error('A WorkbookParse can be iterated only once');
    }
    this.started = true;
    return this.batches();
  }

  private async *batches(): AsyncGenerator<RowOfKind[K][]> {
    const preferredSheet = this.options.sheetName ?? SHEET_NAME_BY_KIND[this.kind];
    const defect = await findZipDefect(this.path);
    if (defect) {
      this.addFileProblem(preferredSheet, `the workbook cannot be read: ${defect}`);
      this.completed = true;
      return;
    }
    const reader = await createWorkbookReader(this.path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // With styles a number in a date-formatted cell arrives as a Date: a date column takes it,
      // and a text column can tell `01/25` that a spreadsheet turned into a date from real text.
      styles: 'cache',
      entries: 'ignore',
    });
    const internals = reader as unknown as WorkbookReaderInternals;
    let target: SheetChoice | null | undefined;
    try {
      // Every worksheet is consumed, even unwanted ones: the reader only deletes its
      // temporary copy of a sheet once iteration moves past it.
      for await (const worksheet of reader) {
        const name = (worksheet as unknown as { name?: string }).name ?? '';
        target ??= pickSheet(internals.model?.sheets, preferredSheet);
        const isTarget = this.sheetRead === null && (target === null || name === target.name);
        if (!isTarget) {
          for await (const _row of worksheet) {
            // drain
          }
          continue;
        }
        this.sheetRead = name;
        this.choice = target ?? {
          name,
          preferred: false,
          reason: `the workbook lists no sheet names, so the first sheet was read`,
        };
        yield* this.readSheet(worksheet, name, internals.properties?.model?.date1904 === true);
      }
      if (this.sheetRead === null) {
        this.addFileProblem(preferredSheet, 'the file contains no worksheet');
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.addFileProblem(
        this.sheetRead ?? preferredSheet,
        `the workbook cannot be read: ${reason}`,
      );
    } finally {
      // Frees the file if the consumer stopped early.
      (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
    }
    this.completed = true;
  }

  private async *readSheet(
    worksheet: AsyncIterable<ExcelJS.Row>,
    name: string,
    date1904: boolean,
  ): AsyncGenerator<RowOfKind[K][]> {
    const sheet = new SheetParser<RowOfKind[K]>(
      name,
      SCHEMA_BY_KIND[this.kind],
      {
        date1904,
        headerSearchRows: this.options.headerSearchRows ?? DEFAULT_HEADER_SEARCH_ROWS,
      },
      this.log,
    );
    const batchSize = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    let batch: RowOfKind[K][] = [];
    for await (const row of worksheet) {
      const values = row.values;
      const parsedRow = sheet.accept(Array.isArray(values) ? values : [], row.number);
      this.headerRowNumber = sheet.headerRow;
      this.dataRowsRead = sheet.dataRows;
      if (parsedRow === null) {
        continue;
      }
      batch.push(parsedRow);
      if (batch.length >= batchSize) {
        this.rowsYielded += batch.length;
        yield batch;
        batch = [];
      }
    }
    sheet.finish();
    if (batch.length > 0) {
      this.rowsYielded += batch.length;
      yield batch;
    }
  }

  private addFileProblem(sheet: string, message: string): void {
    this.log.add({ sheet, row: null, column: null, message, code: 'unreadable' });
  }
}

/**
 * The sheet named like the kind's sheet (ignoring case and surrounding spaces), else the first
 * sheet in workbook order; null when the workbook's sheet list has not been read yet.
 */
function pickSheet(sheets: { name?: string }[] | undefined, preferred: string): SheetChoice | null {
  const names = (sheets ?? []).map((sheet) => sheet.name ?? '');
  if (names.length === 0) {
    return null;
  }
  const wanted = preferred.trim().toLowerCase();
  const named = names.find((name) => name.trim().toLowerCase() === wanted);
  if (named !== undefined) {
    return { name: named, preferred: true, reason: `the sheet is named "${preferred}"` };
  }
  const listed = names.map((name) => `"${name}"`).join(', ');
  return {
    name: names[0],
    preferred: false,
    reason: `no sheet is named "${preferred}", so the first sheet was read (the workbook has ${listed})`,
  };
}

export function parseWorkbook<K extends FileKind>(
  path: string,
  kind: K,
  options?: ParseWorkbookOptions,
): WorkbookParse<K> {
  return new WorkbookParse(path, kind, options);
}

export interface ParsedWorkbook<K extends FileKind> {
  kind: K;
  sheet: string | null;
  sheetChoice: SheetChoice | null;
  dataRowCount: number;
  headerRow: number | null;
  rows: RowOfKind[K][];
  problems: readonly ParseProblem[];
  problemCount: number;
  valid: boolean;
}

/** Reads the whole workbook into memory; for tests and small files. */
export async function parseWorkbookFully<K extends FileKind>(
  path: string,
  kind: K,
  options?: ParseWorkbookOptions,
): Promise<ParsedWorkbook<K>> {
  const parse = parseWorkbook(path, kind, options);
  const rows: RowOfKind[K][] = [];
  for await (const batch of parse) {
    for (const row of batch) {
      rows.push(row);
    }
  }
  return {
    kind,
    sheet: parse.sheet,
    sheetChoice: parse.sheetChoice,
    dataRowCount: parse.dataRowCount,
    headerRow: parse.headerRow,
    rows,
    problems: parse.problems,
    problemCount: parse.problemCount,
    valid: parse.valid,
  };
}
