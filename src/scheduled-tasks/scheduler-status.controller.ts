import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../core/auth/auth.decorators';
import { ApiProtected } from '../core/http/error-responses';
import { ApiPageResponse, Page } from '../core/http/pagination';
import { SchedulerService } from '../core/scheduling/scheduler.service';
import {
  SchedulerJobTimerResponse,
  SchedulerStatusResponse,
} from './dto/scheduler-status.response';
import { SchedulerJobs } from './scheduler-jobs.service';

@ApiTags('scheduler')
@Roles('admin')
@Controller('scheduler')
export class SchedulerStatusController {
  constructor(
    private readonly scheduler: SchedulerService,
    private readonly jobs: SchedulerJobs,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'Whether this instance schedules, and the code-declared jobs' })
  @ApiProtected()
  @ApiOkResponse({ type: SchedulerStatusResponse })
  async status(): Promise<SchedulerStatusResponse> {
    return {
      running: this.scheduler.isRunning,
      instance_id: this.scheduler.instanceId,
      jobs: await this.jobs.list(),
    };
  }

  @Get('jobs')
  @ApiOperation({
    summary: 'The code-declared jobs and whether this instance holds a timer for each',
    description: 'Not paginated: next_cursor is always null.',
  })
  @ApiProtected()
  @ApiPageResponse(SchedulerJobTimerResponse)
  async list(): Promise<Page<SchedulerJobTimerResponse>> {
    return { items: await this.jobs.listWithTimers(), next_cursor: null };
  }
}
