export type FileKind = 'receipts' | 'expenses' | 'expense_details';

export type ExpenseKind = 'principal' | 'interest' | 'fee';

/** Dates are `YYYY-MM-DD`; amounts are exact decimal strings such as `-1234567.89`. */
export interface ReceiptRow {
  /** Excel row number, usable in deterministic keys (file + sheet + row). */
  rowNumber: number;
  date: string;
  organization: string;
  inn: string;
  bank: string | null;
  bic: string;
  account: string;
  contract: string;
  contractDate: string | null;
  amount: string;
  currency: string;
  purpose: string | null;
}

export interface ExpenseRow {
  rowNumber: number;
  date: string;
  organization: string;
  inn: string;
  account: string;
  contract: string;
  paymentNo: string;
  amount: string;
  currency: string;
  kind: ExpenseKind;
  purpose: string | null;
}

export interface ExpenseDetailRow {
  rowNumber: number;
  paymentNo: string;
  date: string;
  contract: string;
  principal: string;
  interest: string;
  fee: string;
  total: string;
}

export interface RowOfKind {
  receipts: ReceiptRow;
  expenses: ExpenseRow;
  expense_details: ExpenseDetailRow;
}

export type ProblemCode =
  | 'unreadable'
  | 'header_not_found'
  | 'missing_column'
  | 'missing_value'
  | 'invalid_value'
  | 'total_mismatch'
  | 'unknown_payment';

export interface ParseProblem {
  sheet: string;
  /** Excel row number; null for problems with the whole file. */
  row: number | null;
  /** Canonical (Russian) header of the column; null when no single column is at fault. */
  column: string | null;
  message: string;
  code: ProblemCode;
}
