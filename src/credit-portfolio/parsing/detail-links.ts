import { SHEET_NAME_BY_KIND } from './file-kind';
import { ExpenseDetailRow, ExpenseRow, ParseProblem } from './types';

/** The identity shared by an expense and its breakdown: (Номер платежа, Договор). */
export function expenseKey(
  row: Pick<ExpenseRow | ExpenseDetailRow, 'paymentNo' | 'contract'>,
): string {
  return JSON.stringify([row.paymentNo.trim(), row.contract.trim()]);
}

export type ExpenseLookup = ReadonlySet<string> | ((key: string) => boolean);

/**
 * Problems for details whose expense is unknown. `knownExpenses` should cover the same day's
 * expenses file plus expenses imported earlier (e.g. a set of `expenseKey`s, or a DB lookup
 * wrapped in a function over a preloaded set).
 */
export function findUnlinkedDetails(
  details: Iterable<ExpenseDetailRow>,
  knownExpenses: ExpenseLookup,
  sheet: string = SHEET_NAME_BY_KIND.expense_details,
): ParseProblem[] {
  const isKnown =
    typeof knownExpenses === 'function' ? knownExpenses : (key: string) => knownExpenses.has(key);
  const problems: ParseProblem[] = [];
  for (const detail of details) {
    if (!isKnown(expenseKey(detail))) {
      problems.push({
        sheet,
        row: detail.rowNumber,
        column: 'Номер платежа',
        message: `no expense with Номер платежа "${detail.paymentNo}" and Договор "${detail.contract}"`,
        code: 'unknown_payment',
      });
    }
  }
  return problems;
}
