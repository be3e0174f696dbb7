import { ParseProblem } from '../parsing';
import { AccountRef } from './reference-resolver';

/**
 * An account number belongs to one organization and one bank: a row that ties it to another
 * ИНН or БИК contradicts data already recorded (or an earlier row of the same file).
 */
export function accountProblems(
  row: { rowNumber: number; inn: string; account: string; bic?: string | null },
  account: AccountRef,
  sheet: string,
): ParseProblem[] {
  const problems: ParseProblem[] = [];
  if (account.ownerInn !== row.inn) {
    problems.push({
      sheet,
      row: row.rowNumber,
      column: 'Расчетный счет',
      message: `Расчетный счет ${row.account} belongs to the organization with ИНН ${account.ownerInn}, not ${row.inn}`,
      code: 'invalid_value',
    });
  }
  if (row.bic && account.bic && row.bic !== account.bic) {
    problems.push({
      sheet,
      row: row.rowNumber,
      column: 'БИК',
      message: `БИК ${row.bic} differs from БИК ${account.bic} recorded for Расчетный счет ${row.account}`,
      code: 'invalid_value',
    });
  }
  return problems;
}
