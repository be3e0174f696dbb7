import { ApiProperty } from '@nestjs/swagger';
import { decimalText } from '../../shared/decimal-text';
import type { ProviderTransactionStatus } from '../../sync/bank-sync.types';
import type { ArchivedTransactionEntity } from '../../archive/archived-transaction.entity';
import type { TransactionEntity } from '../transaction.entity';

export class TransactionResponse {
  @ApiProperty({ example: 101 })
  id: number;

  @ApiProperty({ example: 3 })
  account_id: number;

  @ApiProperty({ enum: ['pending', 'booked'] })
  status: ProviderTransactionStatus;

  @ApiProperty({
    example: '2026-01-10',
    description: 'For pending transactions, the date the bank expects it to book',
  })
  booking_date: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-01-10' })
  value_date: string | null;

  @ApiProperty({ example: '-9.9900', description: 'Exact decimal; negative = money out' })
  amount: string;

  @ApiProperty({ example: 'GBP' })
  currency: string;

  @ApiProperty({
    example: 'Tesco card payment',
    description: "The text to show: the provider's cleaned-up description when it has one",
  })
  description: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CARD PURCHASE 17 TESCO STORES 1234',
    description: "The bank's own text for the transaction, when the provider passes it on",
  })
  original_description: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Tesco' })
  counterparty: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'expenses:food.groceries',
    description: "The provider's category id",
  })
  category_id: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Groceries',
    description: "The category's name; null when the provider named none",
  })
  category: string | null;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  updated_at: string;

  @ApiProperty({
    example: false,
    description:
      'Whether the transaction is in the archive (listed only with include_archived=true)',
  })
  archived: boolean;

  static from(
    transaction: TransactionEntity | ArchivedTransactionEntity,
    archived = false,
  ): TransactionResponse {
    return {
      id: transaction.id,
      account_id: transaction.accountId,
      status: transaction.status,
      booking_date: transaction.bookingDate,
      value_date: transaction.valueDate,
      amount: decimalText(transaction.amount),
      currency: transaction.currency,
      description: transaction.description,
      original_description: transaction.originalDescription,
      counterparty: transaction.counterparty,
      category_id: transaction.categoryId,
      category: transaction.category,
      created_at: transaction.createdAt.toISOString(),
      updated_at: transaction.updatedAt.toISOString(),
      archived,
    };
  }
}
