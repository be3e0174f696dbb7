import { CellFault, cellText, plainCell } from './cells';

describe('plainCell', () => {
  it('treats blank text as empty', () => {
    expect(plainCell('   ')).toBeNull();
    expect(plainCell(undefined)).toBeNull();
  });

  it('flattens rich text, hyperlinks and formula results', () => {
    expect(plainCell({ richText: [{ text: 'Ито' }, { text: 'го' }] })).toBe('Итого');
    expect(plainCell({ text: 'КД-1', hyperlink: 'https://example.test' })).toBe('КД-1');
    expect(plainCell({ formula: 'A1*2', result: 42 })).toBe(42);
  });

  it('reports Excel errors and formulas without a saved result', () => {
    expect(plainCell({ error: '#N/A' })).toEqual(new CellFault('cell contains the error #N/A'));
    expect(plainCell({ formula: 'SUM(A1:A3)' })).toEqual(
      new CellFault('formula has no saved result'),
    );
  });

  it('gives header text for any scalar', () => {
    expect(cellText(12)).toBe('12');
    expect(cellText(null)).toBeNull();
  });
});
