import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../infra/database/database-errors';
import { decodeCursor, encodeCursor } from '../core/http/cursor';
import { Page } from '../core/http/pagination';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UserEntity } from './user.entity';

type UserChanges = Partial<
  Pick<UserEntity, 'email' | 'displayName' | 'subscriptionPlan' | 'premiumUntil'>
>;

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async list(limit: number, cursor?: string): Promise<Page<UserEntity>> {
    const [afterId] = cursor ? decodeCursor(cursor, ['int']) : [0];
    const rows = await this.users.find({
      where: { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const next_cursor = rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null;
    return { items, next_cursor };
  }

  async get(id: number): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  async create(dto: CreateUserDto): Promise<UserEntity> {
    const user = this.users.create({ subscriptionPlan: 'free', ...changesOf(dto) });
    return this.withUniqueEmail(user.email, () => this.users.save(user));
  }

  /** Reads and writes in one transaction: a request that fails leaves the user as it was. */
  async update(id: number, dto: UpdateUserDto): Promise<UserEntity> {
    const changes = changesOf(dto);
    return this.withUniqueEmail(changes.email, () =>
      this.users.manager.transaction(async (manager) => {
        const user = await manager.findOneBy(UserEntity, { id });
        if (!user) throw new NotFoundException(`User ${id} not found`);
        return manager.save(Object.assign(user, changes));
      }),
    );
  }

  private async withUniqueEmail(
    email: string | undefined,
    write: () => Promise<UserEntity>,
  ): Promise<UserEntity> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`email ${email} is already taken`);
      throw error;
    }
  }
}

/** The validated fields that were sent, as entity columns (the DTO has lower-cased the email). */
function changesOf(dto: UpdateUserDto): UserChanges {
  const changes: UserChanges = {};
  if (dto.email !== undefined) changes.email = dto.email;
  if (dto.display_name !== undefined) changes.displayName = dto.display_name;
  if (dto.subscription_plan !== undefined) changes.subscriptionPlan = dto.subscription_plan;
  if (dto.premium_until !== undefined)
    changes.premiumUntil = dto.premium_until === null ? null : new Date(dto.premium_until);
  return changes;
}
