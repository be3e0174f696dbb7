import { isRecord, optionalList, record, type JsonRecord } from './decode';

/** A Berlin Group transaction as GoCardless sends it: only `transactionAmount` is certain. */
export type GoCardlessTransactionDto = JsonRecord;

export interface GoCardlessTransactions {
  readonly booked: readonly GoCardlessTransactionDto[];
  readonly pending: readonly GoCardlessTransactionDto[];
}

export function decodeGoCardlessTransactions(data: unknown): GoCardlessTransactions {
  const transactions = record(record(data, 'body').transactions, 'transactions');
  return {
    booked: optionalList(transactions, 'booked').filter(isRecord),
    pending: optionalList(transactions, 'pending').filter(isRecord),
  };
}
