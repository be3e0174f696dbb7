import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiPageResponse, Page } from '../core/http/pagination';
import { ScheduledTaskService } from './scheduled-task.service';
import { ListRunsQuery } from './dto/list-queries.dto';
import { TaskRunResponse } from './dto/run.response';

@ApiTags('scheduled-tasks')
@Roles('admin')
@Controller('task-runs')
export class TaskRunsController {
  constructor(private readonly tasks: ScheduledTaskService) {}

  @Get()
  @ApiOperation({ summary: 'Recent runs across all tasks, newest first (e.g. ?status=failed)' })
  @ApiProtected('badRequest')
  @ApiPageResponse(TaskRunResponse)
  async list(@Query() query: ListRunsQuery): Promise<Page<TaskRunResponse>> {
    const page = await this.tasks.listRuns({ statuses: query.status }, query.limit, query.cursor);
    return { items: page.items.map(TaskRunResponse.from), next_cursor: page.next_cursor };
  }
}
