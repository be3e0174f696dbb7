import {
  accountValue,
  amountValue,
  bicValue,
  currencyValue,
  dateValue,
  expenseKindValue,
  innValue,
  textValue,
} from './cell-values';

const context = { date1904: false };

describe('cell values', () => {
  it('reads identifiers typed as text or numbers', () => {
    expect(innValue('7707083893', context)).toEqual({ ok: true, value: '7707083893' });
    expect(innValue(7707083893, context)).toEqual({ ok: true, value: '7707083893' });
    // Excel dropped the leading zero of ИНН 0105012349 and БИК 044525225.
    expect(innValue(105012349, context)).toEqual({ ok: true, value: '0105012349' });
    expect(bicValue(44525225, context)).toEqual({ ok: true, value: '044525225' });
  });

  it('explains bad identifiers', () => {
    expect(innValue('7707083894', context)).toEqual({
      ok: false,
      error: '"7707083894" has a wrong check digit',
    });
    expect(innValue('77070', context).ok).toBe(false);
    expect(bicValue('04452522', context).ok).toBe(false);
    expect(bicValue('04452522X', context).ok).toBe(false);
  });

  it('wants 20-digit accounts as text, since a number has lost digits', () => {
    expect(accountValue('40702810 4000 0000 1234', context)).toEqual({
      ok: true,
      value: '40702810400000001234',
    });
    expect(accountValue(Number('40702810400000001234'), context).ok).toBe(false);
    expect(accountValue('4070281040000000123', context).ok).toBe(false);
  });

  it('reads dates as Date cells, serials and text', () => {
    expect(dateValue(new Date(Date.UTC(2026, 0, 15)), context)).toEqual({
      ok: true,
      value: '2026-01-15',
    });
    expect(dateValue(46037, context)).toEqual({ ok: true, value: '2026-01-15' });
    expect(dateValue('15.01.2026', context)).toEqual({ ok: true, value: '2026-01-15' });
    expect(dateValue(true, context).ok).toBe(false);
  });

  it('reads amounts as numbers and text', () => {
    expect(amountValue(1234.5, context)).toEqual({ ok: true, value: '1234.5' });
    expect(amountValue('1 234,50', context)).toEqual({ ok: true, value: '1234.5' });
    expect(amountValue(new Date(), context).ok).toBe(false);
  });

  it('normalises currencies', () => {
    expect(currencyValue('rub', context)).toEqual({ ok: true, value: 'RUB' });
    expect(currencyValue('RUR', context)).toEqual({ ok: true, value: 'RUB' });
    expect(currencyValue('руб.', context)).toEqual({ ok: true, value: 'RUB' });
    expect(currencyValue(' usd ', context)).toEqual({ ok: true, value: 'USD' });
    expect(currencyValue('доллары', context).ok).toBe(false);
  });

  it('maps payment kinds', () => {
    expect(expenseKindValue('Основной долг', context)).toEqual({ ok: true, value: 'principal' });
    expect(expenseKindValue(' проценты ', context)).toEqual({ ok: true, value: 'interest' });
    expect(expenseKindValue('КОМИССИЯ', context)).toEqual({ ok: true, value: 'fee' });
    expect(expenseKindValue('Пени', context).ok).toBe(false);
  });

  it('keeps numeric identifiers readable as text', () => {
    expect(textValue(260115000001, context)).toEqual({ ok: true, value: '260115000001' });
    expect(textValue('  КД-2024/0001 ', context)).toEqual({ ok: true, value: 'КД-2024/0001' });
  });

  it('rejects text that a spreadsheet turned into a date, with the date and its serial', () => {
    // `01/25` opened in a spreadsheet in January 2026 becomes 25.01.2026, serial 46047.
    const turned = new Date(Date.UTC(2026, 0, 25));
    const result = textValue(turned, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^stored as a date \(25\.01\.2026, serial 46047\), not as the text it was: /,
    );
    const in1904 = textValue(turned, { date1904: true });
    expect(!in1904.ok && in1904.error).toContain('serial 44585');
  });
});
