import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiPageResponse, Page } from '../core/http/pagination';
import { ScheduledTaskService } from './scheduled-task.service';
import { ListRunsQuery } from './dto/list-queries.dto';
import { TaskRunResponse } from './dto/run.response';

const parseRunId = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id must be a UUID'),
});

@ApiTags('scheduled-tasks')
@Roles('admin')
@Controller('task-runs')
export class TaskRunsController {
  constructor(private readonly tasks: ScheduledTaskService) {}

  @Get()
  @ApiOperation({
    summary: 'Recent runs across all tasks, newest first (e.g. ?status=failed,partial)',
  })
  @ApiProtected('badRequest')
  @ApiPageResponse(TaskRunResponse)
  async list(@Query() query: ListRunsQuery): Promise<Page<TaskRunResponse>> {
    const page = await this.tasks.listRuns(
      { statuses: query.status, includeIdle: query.include_idle },
      query.limit,
      query.cursor,
    );
    const labels = await this.tasks.taskLabels(page.items);
    return {
      items: page.items.map((run) => TaskRunResponse.from(run, labels)),
      next_cursor: page.next_cursor,
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One run; while it runs, its progress (items done of total, current item)',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Run id' })
  @ApiProtected('badRequest', 'notFound')
  @ApiOkResponse({ type: TaskRunResponse })
  async get(@Param('id', parseRunId) id: string): Promise<TaskRunResponse> {
    const run = await this.tasks.getRun(id);
    return TaskRunResponse.from(run, await this.tasks.taskLabels([run]));
  }
}
