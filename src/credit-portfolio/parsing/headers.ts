export interface ColumnSpec<F extends string = string> {
  field: F;
  /** Canonical Russian header; problems name the column by it. */
  title: string;
  aliases: readonly string[];
  headerRequired: boolean;
}

/** Column number (1-based, as in Excel) of each recognised column. */
export type ColumnPositions<F extends string> = ReadonlyMap<F, number>;

export interface HeaderMatch<F extends string> {
  positions: ColumnPositions<F>;
  /** Enough known headers matched for this to be the header row rather than a title line. */
  isHeaderRow: boolean;
  missing: ColumnSpec<F>[];
}

/** Case-insensitive, whitespace- and ё-insensitive form of a header cell. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:*]+$/, '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
}

export class HeaderMatcher<F extends string> {
  private readonly lookup = new Map<string, ColumnSpec<F>>();
  private readonly minimumMatches: number;

  constructor(private readonly columns: readonly ColumnSpec<F>[]) {
    for (const column of columns) {
      for (const name of [column.title, ...column.aliases]) {
        this.lookup.set(normalizeHeader(name), column);
      }
    }
    const requiredCount = columns.filter((column) => column.headerRequired).length;
    this.minimumMatches = Math.max(2, Math.ceil(requiredCount / 2));
  }

  /** `cells[n]` is the text of column n; index 0 is unused, like exceljs `row.values`. */
  match(cells: ReadonlyArray<string | null | undefined>): HeaderMatch<F> {
    const positions = new Map<F, number>();
    cells.forEach((cell, columnNumber) => {
      if (columnNumber === 0 || !cell) {
        return;
      }
      const column = this.lookup.get(normalizeHeader(cell));
      if (column && !positions.has(column.field)) {
        positions.set(column.field, columnNumber);
      }
    });
    return {
      positions,
      isHeaderRow: positions.size >= this.minimumMatches,
      missing: this.columns.filter(
        (column) => column.headerRequired && !positions.has(column.field),
      ),
    };
  }
}
