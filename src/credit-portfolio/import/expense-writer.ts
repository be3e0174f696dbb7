import { Brackets } from 'typeorm';
import { CreditExpenseEntity } from '../entities';
import { ExpenseRow, ParseProblem } from '../parsing';
import { accountProblems } from './account-checks';
import { upsertRows } from './batch-insert';
import { keyHash } from './key-hash';
import { RowWriter, WriteResult, WriterContext } from './row-writer';

type ExpenseRecord = Omit<CreditExpenseEntity, 'id' | 'createdAt'>;

const OVERWRITE = [
  'organization_id',
  'account_id',
  'import_file_id',
  'source_row',
  'expense_date',
  'amount',
  'currency',
  'kind',
  'purpose',
];
const NATURAL_KEY = ['contract_id', 'payment_no'];

export class ExpenseWriter implements RowWriter<ExpenseRow> {
  /**
   * Hashes of the natural keys written so far from this file. A hit is only a suspicion (hashes
   * collide); the database, where each row records the file and row that wrote it, decides.
   */
  private readonly writtenKeys = new Set<number>();

  constructor(private readonly context: WriterContext) {}

  async write(rows: readonly ExpenseRow[], sheet: string): Promise<WriteResult> {
    const { references } = this.context;
    await references.resolve(rows);
    const problems: ParseProblem[] = [];
    const records: ExpenseRecord[] = [];
    const firstInBatch = new Map<string, number>();
    const suspects: ExpenseRecord[] = [];
    for (const row of rows) {
      const account = references.account(row.account);
      const accountTrouble = accountProblems(row, account, sheet);
      if (accountTrouble.length > 0) {
        problems.push(...accountTrouble);
        continue;
      }
      const organizationId = references.organizationId(row.inn);
      const contractId = references.contractId(organizationId, row.contract);
      const key = naturalKey(contractId, row.paymentNo);
      const earlier = firstInBatch.get(key);
      if (earlier !== undefined) {
        problems.push(repeated(row, earlier, sheet));
        continue;
      }
      firstInBatch.set(key, row.rowNumber);
      const record: ExpenseRecord = {
        departmentId: this.context.departmentId,
        organizationId,
        accountId: account.id,
        contractId,
        importFileId: this.context.importFileId,
        sourceRow: row.rowNumber,
        paymentNo: row.paymentNo,
        expenseDate: row.date,
        amount: row.amount,
        currency: row.currency,
        kind: row.kind,
        purpose: row.purpose,
      };
      if (this.writtenKeys.has(keyHash(key))) suspects.push(record);
      records.push(record);
    }
    problems.push(...(await this.repeatedFromEarlierBatches(suspects, rows, sheet)));
    if (problems.length > 0) return { written: 0, problems };
    await upsertRows(this.context.manager, CreditExpenseEntity, records, OVERWRITE, NATURAL_KEY);
    for (const key of firstInBatch.keys()) this.writtenKeys.add(keyHash(key));
    return { written: records.length, problems };
  }

  private async repeatedFromEarlierBatches(
    suspects: ExpenseRecord[],
    rows: readonly ExpenseRow[],
    sheet: string,
  ): Promise<ParseProblem[]> {
    if (suspects.length === 0) return [];
    const found = await this.context.manager
      .createQueryBuilder(CreditExpenseEntity, 'e')
      .select(['e.contractId', 'e.paymentNo', 'e.sourceRow'])
      .where('e.import_file_id = :importFileId', { importFileId: this.context.importFileId })
      .andWhere(
        new Brackets((anyOf) =>
          suspects.forEach((suspect, index) =>
            anyOf.orWhere(`(e.contract_id = :c${index} AND e.payment_no = :p${index})`, {
              [`c${index}`]: suspect.contractId,
              [`p${index}`]: suspect.paymentNo,
            }),
          ),
        ),
      )
      .getMany();
    const earlierRow = new Map(
      found.map((expense) => [
        naturalKey(expense.contractId, expense.paymentNo),
        expense.sourceRow,
      ]),
    );
    const rowByNumber = new Map(rows.map((row) => [row.rowNumber, row]));
    return suspects.flatMap((suspect) => {
      const earlier = earlierRow.get(naturalKey(suspect.contractId, suspect.paymentNo));
      const row = rowByNumber.get(suspect.sourceRow);
      return earlier === undefined || !row ? [] : [repeated(row, earlier, sheet)];
    });
  }
}

function naturalKey(contractId: number, paymentNo: string): string {
  return `${contractId}\u0000${paymentNo}`;
}

function repeated(row: ExpenseRow, earlierRow: number, sheet: string): ParseProblem {
  return {
    sheet,
    row: row.rowNumber,
    column: 'Номер платежа',
    message: `Номер платежа ${row.paymentNo} of Договор ${row.contract} already appears in row ${earlierRow}`,
    code: 'invalid_value',
  };
}
