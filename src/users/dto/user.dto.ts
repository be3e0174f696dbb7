import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { IsInstant } from '../../core/validation/instant';
import { OptionalButNotNull } from '../../core/validation/presence';
import { Characters } from '../../core/validation/text-length';
import { UpdateBodyOf } from '../../core/validation/update-body';
import { SUBSCRIPTION_PLANS, SubscriptionPlan, UserEntity } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 255 })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsEmail()
  @Characters(1, 255)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @IsString()
  @Characters(1, 200)
  display_name: string;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_PLANS, default: 'free' })
  @OptionalButNotNull()
  @IsIn(SUBSCRIPTION_PLANS)
  subscription_plan?: SubscriptionPlan;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2027-01-01T00:00:00.000Z',
    nullable: true,
    description: 'An ISO 8601 instant with Z or an offset; null = no end.',
  })
  @IsOptional()
  @IsInstant()
  premium_until?: string | null;
}

export class UpdateUserDto extends UpdateBodyOf(CreateUserDto) {}

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
