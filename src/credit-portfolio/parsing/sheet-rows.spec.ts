import type { CellValue } from 'exceljs';
import { isBlankRow, isTotalRow } from './sheet-rows';

function row(...values: CellValue[]): CellValue[] {
  return [undefined, ...values];
}

describe('sheet rows', () => {
  it('sees rows of empty and blank cells as blank', () => {
    expect(isBlankRow(row())).toBe(true);
    expect(isBlankRow(row(null, '  ', undefined))).toBe(true);
    expect(isBlankRow(row(null, 0))).toBe(false);
  });

  it('recognises the Итого line wherever its label starts', () => {
    expect(isTotalRow(row('Итого', null, 100))).toBe(true);
    expect(isTotalRow(row(null, ' ИТОГО: ', 100))).toBe(true);
    expect(isTotalRow(row('Всего за день', 100))).toBe(true);
    expect(isTotalRow(row('Total', 100))).toBe(true);
  });

  it('does not take data rows for the total', () => {
    expect(isTotalRow(row(1, 'Итого', 100))).toBe(false);
    expect(isTotalRow(row('Total Energies', 100))).toBe(false);
    expect(isTotalRow(row('15.01.2026', 'ООО «Итог»'))).toBe(false);
  });
});
