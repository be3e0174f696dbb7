import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import { SUBSCRIPTION_PLANS, SubscriptionPlan, UserEntity } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  display_name: string;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_PLANS, default: 'free' })
  @IsOptional()
  @IsIn(SUBSCRIPTION_PLANS)
  subscription_plan?: SubscriptionPlan;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00.000Z',
    nullable: true,
    description: 'UTC; null = no end.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  premium_until?: string | null;
}

export class UpdateUserDto extends PartialType(CreateUserDto) {}

export class UserResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  display_name: string;

  @ApiProperty({ enum: SUBSCRIPTION_PLANS })
  subscription_plan: SubscriptionPlan;

  @ApiProperty({ type: String, nullable: true, example: '2027-01-01T00:00:00.000Z' })
  premium_until: string | null;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  updated_at: string;

  static from(user: UserEntity): UserResponse {
    return {
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      subscription_plan: user.subscriptionPlan,
      premium_until: user.premiumUntil?.toISOString() ?? null,
      created_at: user.createdAt.toISOString(),
      updated_at: user.updatedAt.toISOString(),
    };
  }
}
