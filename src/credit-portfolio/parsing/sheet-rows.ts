import type { CellValue } from 'exceljs';
import { cellText, plainCell } from './cells';

const TOTAL_ROW_LABEL = /^(итого|всего|total:?$)/;

export function isBlankRow(values: readonly CellValue[]): boolean {
  for (let column = 1; column < values.length; column++) {
    if (plainCell(values[column]) !== null) {
      return false;
    }
  }
  return true;
}

/** The totals line at the end of an export: its first filled cell starts with «Итого». */
export function isTotalRow(values: readonly CellValue[]): boolean {
  for (let column = 1; column < values.length; column++) {
    const cell = plainCell(values[column]);
    if (cell === null) {
      continue;
    }
    if (typeof cell !== 'string') {
      return false;
    }
    return TOTAL_ROW_LABEL.test(cell.trim().toLowerCase());
  }
  return false;
}

/** Cell texts by column number (index 0 unused), for header matching. */
export function rowTexts(values: readonly CellValue[]): (string | null)[] {
  const texts: (string | null)[] = [null];
  for (let column = 1; column < values.length; column++) {
    texts.push(cellText(plainCell(values[column])));
  }
  return texts;
}
