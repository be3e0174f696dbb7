import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalButNotNull } from '../../../../core/validation/presence';
import type { CallbackOutcome } from '../connect/gocardless-connect.service';
import type { GoCardlessInstitution } from './gocardless-institution.dto';

export class InstitutionsQuery {
  @ApiProperty({ example: 'GB', description: 'ISO 3166 two-letter country code' })
  @IsString({ message: 'country must be a two-letter country code' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter country code' })
  country: string;
}

export class InstitutionResponse {
  @ApiProperty({ example: 'SANDBOXFINANCE_SFIN0000' })
  id: string;

  @ApiProperty({ example: 'Sandbox Finance' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'SFIN0000' })
  bic: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 90,
    description: 'Days of history the bank serves',
  })
  transaction_total_days: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 90,
    description: 'Longest consent, in days',
  })
  max_access_valid_for_days: number | null;

  @ApiProperty({ type: [String], example: ['GB'] })
  countries: string[];

  @ApiProperty({ type: String, nullable: true })
  logo: string | null;

  static from(institution: GoCardlessInstitution): InstitutionResponse {
    return {
      id: institution.id,
      name: institution.name,
      bic: institution.bic,
      transaction_total_days: institution.transactionTotalDays,
      max_access_valid_for_days: institution.maxAccessValidForDays,
      countries: [...institution.countries],
      logo: institution.logo,
    };
  }
}

export class CreateRequisitionRequest {
  @ApiProperty({ example: 'SANDBOXFINANCE_SFIN0000', maxLength: 100 })
  @IsString({ message: 'institution_id must be a GoCardless institution id' })
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, {
    message: 'institution_id must be a GoCardless institution id',
  })
  institution_id: string;

  @ApiProperty({
    example: 'https://budget.example.com/banks/gocardless/return',
    maxLength: 1000,
    description: 'Where the bank sends the user back, with `?ref=…` (and `&error=…` on failure)',
  })
  @IsString({ message: 'redirect_url must be an http(s) URL' })
  @MaxLength(1000, { message: 'redirect_url must be at most 1000 characters' })
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/, { message: 'redirect_url must be an http(s) URL' })
  redirect_url: string;
}

export class RequisitionResponse {
  @ApiProperty({
    example: 'https://ob.gocardless.com/ob-psd2/start/3fa85f64/SANDBOXFINANCE_SFIN0000',
  })
  link: string;

  @ApiProperty({ example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' })
  requisition_id: string;
}

export class CallbackQuery {
  @ApiProperty({ description: 'The reference GoCardless hands back on the redirect' })
  @IsString({ message: 'ref must be a connect reference' })
  @Matches(/^[A-Za-z0-9_-]{16,64}$/, { message: 'ref must be a connect reference' })
  ref: string;

  @ApiPropertyOptional({ example: 'UserCancelledSession' })
  @IsOptional()
  @IsString({ message: 'error must be text' })
  @MaxLength(100, { message: 'error must be at most 100 characters' })
  error?: string;

  @ApiPropertyOptional({ example: 'User cancelled the session.' })
  @IsOptional()
  @IsString({ message: 'details must be text' })
  @MaxLength(500, { message: 'details must be at most 500 characters' })
  details?: string;
}

export class CallbackResponse {
  @ApiProperty({ enum: ['linked', 'pending', 'failed'] })
  status: 'linked' | 'pending' | 'failed';

  @ApiProperty({ type: 'integer', nullable: true, example: 1 })
  connection_id: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'LN',
    description: "The requisition's status",
  })
  requisition_status: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  static from(outcome: CallbackOutcome): CallbackResponse {
    return {
      status: outcome.status,
      connection_id: outcome.connectionId,
      requisition_status: outcome.requisitionStatus,
      error: outcome.error,
    };
  }
}

export class ScheduleRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, example: 24 })
  @OptionalButNotNull()
  @IsInt({ message: 'interval_hours must be a whole number of hours from 1 to 168' })
  @Min(1, { message: 'interval_hours must be a whole number of hours from 1 to 168' })
  @Max(168, { message: 'interval_hours must be a whole number of hours from 1 to 168' })
  interval_hours?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10, example: 3 })
  @OptionalButNotNull()
  @IsInt({ message: 'max_retries must be a whole number from 0 to 10' })
  @Min(0, { message: 'max_retries must be a whole number from 0 to 10' })
  @Max(10, { message: 'max_retries must be a whole number from 0 to 10' })
  max_retries?: number;
}

export class ScheduleResponse {
  @ApiProperty({ example: 1 })
  connection_id: number;

  @ApiProperty({ example: '0b1f2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' })
  task_id: string;

  @ApiProperty({ example: 24 })
  interval_hours: number;

  @ApiProperty({ example: 3 })
  max_retries: number;

  @ApiProperty({ example: 300 })
  retry_delay_seconds: number;

  @ApiProperty({ type: String, nullable: true })
  next_run: string | null;
}
