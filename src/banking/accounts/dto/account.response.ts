import { ApiProperty } from '@nestjs/swagger';
import { decimalText } from '../../shared/decimal-text';
import type { BankProvider, ProviderAccountType } from '../../sync/bank-sync.types';
import { BankAccountEntity } from '../bank-account.entity';
import { maskIban } from '../iban-mask';

export class AccountResponse {
  @ApiProperty({ example: 3 })
  id: number;

  @ApiProperty({ example: 1 })
  connection_id: number;

  @ApiProperty({
    type: String,
    example: 'tink',
    description: 'The bank provider (aggregator) of its connection',
  })
  provider: BankProvider;

  @ApiProperty({ example: 'Current account' })
  name: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'GB29**************6819',
    description: 'Masked: country, check digits and the last four characters',
  })
  iban: string | null;

  @ApiProperty({ enum: ['checking', 'savings', 'credit_card', 'other'] })
  type: ProviderAccountType;

  @ApiProperty({ type: String, nullable: true, example: 'GBP' })
  currency: string | null;

  @ApiProperty({ type: String, nullable: true, example: '-130.0000', description: 'Exact decimal' })
  balance: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-02-10T17:30:00.000Z' })
  balance_at: string | null;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-02-10T17:30:00.000Z' })
  updated_at: string;

  /** `account.connection` must be loaded (at least its provider). */
  static from(account: BankAccountEntity): AccountResponse {
    return {
      id: account.id,
      connection_id: account.connectionId,
      provider: account.connection?.provider ?? 'unknown',
      name: account.name,
      iban: maskIban(account.iban),
      type: account.type,
      currency: account.currency,
      balance: account.balance === null ? null : decimalText(account.balance),
      balance_at: account.balanceAt?.toISOString() ?? null,
      created_at: account.createdAt.toISOString(),
      updated_at: account.updatedAt.toISOString(),
    };
  }
}
