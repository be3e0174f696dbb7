import { FileKind, RowOfKind } from '../parsing';
import { ExpenseDetailWriter } from './expense-detail-writer';
import { ExpenseWriter } from './expense-writer';
import { ReceiptWriter } from './receipt-writer';
import { RowWriter, WriterContext } from './row-writer';

export function createRowWriter<K extends FileKind>(
  kind: K,
  context: WriterContext,
): RowWriter<RowOfKind[K]> {
  const writers: { [Kind in FileKind]: () => RowWriter<RowOfKind[Kind]> } = {
    receipts: () => new ReceiptWriter(context),
    expenses: () => new ExpenseWriter(context),
    expense_details: () => new ExpenseDetailWriter(context),
  };
  return writers[kind]();
}
