import { CreditReceiptEntity } from '../entities';
import { ParseProblem, ReceiptRow } from '../parsing';
import { accountProblems } from './account-checks';
import { upsertRows } from './batch-insert';
import { RowWriter, WriteResult, WriterContext } from './row-writer';

type ReceiptRecord = Omit<CreditReceiptEntity, 'id' | 'createdAt'>;

const OVERWRITE = [
  'organization_id',
  'account_id',
  'import_file_id',
  'source_row',
  'amount',
  'currency',
  'purpose',
];
const NATURAL_KEY = ['contract_id', 'receipt_date', 'seq'];

export class ReceiptWriter implements RowWriter<ReceiptRow> {
  /** Receipts so far per contract and day: the next one's `seq`. */
  private readonly seqByContractDay = new Map<string, number>();

  constructor(private readonly context: WriterContext) {}

  async write(rows: readonly ReceiptRow[], sheet: string): Promise<WriteResult> {
    const { references } = this.context;
    await references.resolve(rows);
    const problems: ParseProblem[] = [];
    const records: ReceiptRecord[] = [];
    for (const row of rows) {
      const account = references.account(row.account);
      const rowProblems = accountProblems(row, account, sheet);
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        continue;
      }
      const organizationId = references.organizationId(row.inn);
      const contractId = references.contractId(organizationId, row.contract);
      records.push({
        departmentId: this.context.departmentId,
        organizationId,
        accountId: account.id,
        contractId,
        importFileId: this.context.importFileId,
        sourceRow: row.rowNumber,
        receiptDate: row.date,
        seq: this.nextSeq(contractId, row.date),
        amount: row.amount,
        currency: row.currency,
        purpose: row.purpose,
      });
    }
    if (problems.length > 0) return { written: 0, problems };
    await upsertRows(this.context.manager, CreditReceiptEntity, records, OVERWRITE, NATURAL_KEY);
    return { written: records.length, problems };
  }

  private nextSeq(contractId: number, date: string): number {
    const key = `${contractId}|${date}`;
    const seq = (this.seqByContractDay.get(key) ?? 0) + 1;
    this.seqByContractDay.set(key, seq);
    return seq;
  }
}
