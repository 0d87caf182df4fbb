import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequiredRole } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { type JobPage, JobResponseDto, JobResultResponseDto, ListJobsQueryDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

/** Jobs are created by features (POST /v1/sweeps, …); this is where their team watches, collects and cancels them. */
@ApiTags('jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'List jobs, newest first; filter by type and state; paginated by limit / offset' })
  list(@Query() query: ListJobsQueryDto, @CurrentPrincipal() caller: Principal): Promise<JobPage> {
    return this.jobs.list(query, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'State, progress fraction, ETA, attempts, timings and error of one job' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<JobResponseDto> {
    return this.jobs.get(id, caller);
  }

  @Get(':id/result')
  @ApiOperation({ summary: 'The result of a succeeded job; 409 while it is queued or running, or when it failed or was cancelled' })
  @ApiOkResponse({ type: JobResultResponseDto })
  @ApiConflictResponse({ description: 'The job has no result (yet)' })
  result(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<JobResultResponseDto> {
    return this.jobs.result(id, caller);
  }

  @Post(':id/cancel')
  @RequiredRole('operator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a queued or running job; chunks in flight finish but are discarded. 409 if already finished' })
  @ApiOkResponse({ type: JobResponseDto })
  cancel(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<JobResponseDto> {
    return this.jobs.cancel(id, caller);
  }
}
