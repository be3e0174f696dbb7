import { CreditContractEntity, CreditExpenseDetailEntity, CreditExpenseEntity } from '../entities';
import { ExpenseDetailRow, expenseKey, findUnlinkedDetails, ParseProblem } from '../parsing';
import { upsertRows } from './batch-insert';
import { RowWriter, WriteResult, WriterContext } from './row-writer';

type DetailRecord = Omit<CreditExpenseDetailEntity, 'id' | 'createdAt'>;

const OVERWRITE = [
  'import_file_id',
  'source_row',
  'detail_date',
  'principal',
  'interest',
  'fee',
  'total',
];
const NATURAL_KEY = ['expense_id'];

/** Each detail belongs to the expense with its Номер платежа and Договор (already imported). */
export class ExpenseDetailWriter implements RowWriter<ExpenseDetailRow> {
  /** Row of this file that wrote each expense's detail (numbers only: compact). */
  private readonly rowByExpense = new Map<number, number>();

  constructor(private readonly context: WriterContext) {}

  async write(rows: readonly ExpenseDetailRow[], sheet: string): Promise<WriteResult> {
    const expenseIds = await this.findExpenses(rows);
    const problems: ParseProblem[] = [];
    const records: DetailRecord[] = [];
    for (const row of rows) {
      const matches = expenseIds.get(expenseKey(row)) ?? [];
      const rowProblems =
        matches.length === 0
          ? findUnlinkedDetails([row], () => false, sheet)
          : matches.length > 1
            ? [ambiguous(row, sheet)]
            : this.repeated(row, matches[0], sheet);
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        continue;
      }
      records.push({
        departmentId: this.context.departmentId,
        expenseId: matches[0],
        importFileId: this.context.importFileId,
        sourceRow: row.rowNumber,
        detailDate: row.date,
        principal: row.principal,
        interest: row.interest,
        fee: row.fee,
        total: row.total,
      });
    }
    if (problems.length > 0) return { written: 0, problems };
    await upsertRows(
      this.context.manager,
      CreditExpenseDetailEntity,
      records,
      OVERWRITE,
      NATURAL_KEY,
    );
    return { written: records.length, problems };
  }

  /** Expense ids by `expenseKey`; contract numbers are unique per organization only. */
  private async findExpenses(rows: readonly ExpenseDetailRow[]): Promise<Map<string, number[]>> {
    const paymentNos = [...new Set(rows.map((row) => row.paymentNo.trim()))];
    const found = await this.context.manager
      .createQueryBuilder(CreditExpenseEntity, 'e')
      .innerJoin(CreditContractEntity, 'c', 'c.id = e.contract_id')
      .select('e.id', 'id')
      .addSelect('e.payment_no', 'payment_no')
      .addSelect('c.contract_number', 'contract_number')
      .where('e.department_id = :departmentId', { departmentId: this.context.departmentId })
      .andWhere('e.payment_no IN (:...paymentNos)', { paymentNos })
      .getRawMany<{ id: number | string; payment_no: string; contract_number: string }>();
    const byKey = new Map<string, number[]>();
    for (const expense of found) {
      const key = expenseKey({ paymentNo: expense.payment_no, contract: expense.contract_number });
      byKey.set(key, [...(byKey.get(key) ?? []), Number(expense.id)]);
    }
    return byKey;
  }

  /** A second detail for the same expense in this file. */
  private repeated(row: ExpenseDetailRow, expenseId: number, sheet: string): ParseProblem[] {
    const earlier = this.rowByExpense.get(expenseId);
    if (earlier === undefined) {
      this.rowByExpense.set(expenseId, row.rowNumber);
      return [];
    }
    return [
      {
        sheet,
        row: row.rowNumber,
        column: 'Номер платежа',
        message: `Номер платежа ${row.paymentNo} of Договор ${row.contract} already appears in row ${earlier}`,
        code: 'invalid_value',
      },
    ];
  }
}

function ambiguous(row: ExpenseDetailRow, sheet: string): ParseProblem {
  return {
    sheet,
    row: row.rowNumber,
    column: 'Договор',
    message: `Номер платежа ${row.paymentNo} with Договор ${row.contract} matches expenses of several organizations`,
    code: 'unknown_payment',
  };
}
