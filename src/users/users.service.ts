import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../infra/database/database-errors';
import { decodeCursor, encodeCursor } from '../core/http/cursor';
import { Page } from '../core/http/pagination';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UserEntity } from './user.entity';

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
    const user = this.users.create({
      email: dto.email.toLowerCase(),
      displayName: dto.display_name,
      subscriptionPlan: dto.subscription_plan ?? 'free',
      premiumUntil: dto.premium_until ? new Date(dto.premium_until) : null,
    });
    return this.saveUnique(user);
  }

  async update(id: number, dto: UpdateUserDto): Promise<UserEntity> {
    const user = await this.get(id);
    if (dto.email !== undefined) user.email = dto.email.toLowerCase();
    if (dto.display_name !== undefined) user.displayName = dto.display_name;
    if (dto.subscription_plan !== undefined) user.subscriptionPlan = dto.subscription_plan;
    if (dto.premium_until !== undefined)
      user.premiumUntil = dto.premium_until ? new Date(dto.premium_until) : null;
    return this.saveUnique(user);
  }

  private async saveUnique(user: UserEntity): Promise<UserEntity> {
    try {
      return await this.users.save(user);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(`email ${user.email} is already taken`);
      throw error;
    }
  }
}
