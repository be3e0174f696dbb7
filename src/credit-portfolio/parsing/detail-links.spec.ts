import { expenseKey, findUnlinkedDetails } from './detail-links';
import { ExpenseDetailRow } from './types';

function detail(rowNumber: number, paymentNo: string, contract: string): ExpenseDetailRow {
  return {
    rowNumber,
    paymentNo,
    contract,
    date: '2026-01-15',
    principal: '1',
    interest: '0',
    fee: '0',
    total: '1',
  };
}

describe('findUnlinkedDetails', () => {
  const known = new Set([expenseKey({ paymentNo: '101', contract: 'КД-1' })]);

  it('accepts details whose expense is known', () => {
    expect(findUnlinkedDetails([detail(6, '101', 'КД-1')], known)).toEqual([]);
  });

  it('needs both the payment number and the contract to match', () => {
    expect(
      findUnlinkedDetails([detail(6, '101', 'КД-2'), detail(7, '102', 'КД-1')], known),
    ).toEqual([
      {
        sheet: 'Расшифровка',
        row: 6,
        column: 'Номер платежа',
        message: 'no expense with Номер платежа "101" and Договор "КД-2"',
        code: 'unknown_payment',
      },
      expect.objectContaining({ row: 7 }),
    ]);
  });

  it('takes a lookup function for expenses imported earlier', () => {
    const imported = (key: string) => key === expenseKey({ paymentNo: '55', contract: 'КД-9' });
    expect(findUnlinkedDetails([detail(6, ' 55 ', 'КД-9')], imported)).toEqual([]);
  });

  it('cannot be fooled by separators inside the values', () => {
    expect(expenseKey({ paymentNo: 'a|b', contract: 'c' })).not.toBe(
      expenseKey({ paymentNo: 'a', contract: 'b|c' }),
    );
  });
});
