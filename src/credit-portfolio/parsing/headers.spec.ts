import { HeaderMatcher, normalizeHeader } from './headers';
import { columnsOf } from './row-schema';
import { EXPENSE_DETAIL_SCHEMA, RECEIPT_SCHEMA } from './schemas';

const receiptHeaders = new HeaderMatcher(columnsOf(RECEIPT_SCHEMA));

function cells(...texts: (string | null)[]): (string | null)[] {
  return [null, ...texts];
}

describe('normalizeHeader', () => {
  it('ignores case, padding, ё, NBSP, underscores and a trailing colon', () => {
    expect(normalizeHeader('  Расчётный\u00a0Счёт: ')).toBe('расчетный счет');
    expect(normalizeHeader('CONTRACT_DATE')).toBe('contract date');
  });
});

describe('HeaderMatcher', () => {
  it('does not take title-block lines for the header', () => {
    expect(receiptHeaders.match(cells('ООО «ФинСинк Групп»')).isHeaderRow).toBe(false);
    expect(receiptHeaders.match(cells('Дата печати: 16.01.2026 06:00')).isHeaderRow).toBe(false);
  });

  it('finds Russian headers in any order and ignores unknown columns', () => {
    const match = receiptHeaders.match(
      cells(
        '№ п/п',
        'Сумма',
        'дата',
        ' ИНН ',
        'Организация',
        'Банк',
        'БИК',
        'Расчетный счет',
        'Договор',
        'Примечание',
      ),
    );
    expect(match.isHeaderRow).toBe(true);
    expect(match.missing).toEqual([]);
    expect(match.positions.get('amount')).toBe(2);
    expect(match.positions.get('date')).toBe(3);
    expect(match.positions.has('currency')).toBe(false);
  });

  it('accepts the English aliases', () => {
    const match = receiptHeaders.match(
      cells(
        'date',
        'Organization',
        'INN',
        'bank',
        'bic',
        'account',
        'contract',
        'contract_date',
        'amount',
        'currency',
        'purpose',
      ),
    );
    expect(match.missing).toEqual([]);
    expect(match.positions.get('contractDate')).toBe(8);
  });

  it('lists missing required columns but not optional ones', () => {
    const match = receiptHeaders.match(
      cells('Дата', 'Организация', 'Банк', 'БИК', 'Расчетный счет', 'Договор', 'Сумма'),
    );
    expect(match.isHeaderRow).toBe(true);
    expect(match.missing.map((column) => column.title)).toEqual(['ИНН']);
  });

  it('keeps the first of two columns with the same header', () => {
    const details = new HeaderMatcher(columnsOf(EXPENSE_DETAIL_SCHEMA));
    const match = details.match(
      cells(
        'Номер платежа',
        'Дата',
        'Договор',
        'Основной долг',
        'Проценты',
        'Комиссия',
        'Итого',
        'Итого',
      ),
    );
    expect(match.positions.get('total')).toBe(7);
  });
});
