import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiIdParam, IdParam } from '../core/http/id-param';
import { ApiPageResponse, Page, PageQuery } from '../core/http/pagination';
import { CreateUserDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users, oldest first' })
  @ApiProtected('badRequest')
  @ApiPageResponse(UserResponse)
  async list(@Query() query: PageQuery): Promise<Page<UserResponse>> {
    const page = await this.users.list(query.limit, query.cursor);
    return { items: page.items.map(UserResponse.from), next_cursor: page.next_cursor };
  }

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiProtected('badRequest', 'conflict')
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one user' })
  @ApiIdParam()
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: UserResponse })
  async get(@IdParam() id: number): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user (e.g. the subscription plan)' })
  @ApiIdParam()
  @ApiProtected('badRequest', 'notFound', 'conflict')
  @ApiOkResponse({ type: UserResponse })
  async update(@IdParam() id: number, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(id, dto));
  }
}
