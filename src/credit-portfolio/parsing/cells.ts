import type { CellValue } from 'exceljs';

/** A cell that holds an Excel error or a formula whose result was never saved. */
export class CellFault {
  constructor(readonly reason: string) {}
}

/** What a parser needs to know about a cell; blank text counts as empty. */
export type PlainCell = string | number | boolean | Date | null | CellFault;

export function plainCell(value: CellValue): PlainCell {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? null : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if ('error' in value) {
    return new CellFault(`cell contains the error ${value.error}`);
  }
  if ('richText' in value) {
    return plainCell(value.richText.map((part) => part.text ?? '').join(''));
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined
      ? new CellFault('formula has no saved result')
      : plainCell(value.result);
  }
  if ('text' in value) {
    return plainCell(hyperlinkText(value.text));
  }
  return new CellFault('unsupported cell content');
}

/** The cell as display text, for headers and the total-row marker. */
export function cellText(cell: PlainCell): string | null {
  if (cell === null || cell instanceof CellFault) {
    return null;
  }
  if (cell instanceof Date) {
    return cell.toISOString();
  }
  return String(cell);
}

// A hyperlink's text may itself be rich text, although the type says string.
function hyperlinkText(text: unknown): string {
  if (typeof text === 'string') {
    return text;
  }
  if (typeof text === 'object' && text !== null && 'richText' in text) {
    const parts = (text as { richText: { text?: string }[] }).richText;
    return parts.map((part) => part.text ?? '').join('');
  }
  return '';
}
