import { Body, Controller, Get, Header, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiConflictResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { CreatePlanDto } from '../simulations/dto/simulation.dto.js';
import { headerValue } from '../sweeps/sweeps.controller.js';
import { AutoscalingService, type AutoscalingPlanResponse } from './autoscaling.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('autoscaling')
@Controller('v1/autoscaling/plans')
export class AutoscalingController {
  constructor(private readonly autoscaling: AutoscalingService) {}

  @Post()
  @ApiOperation({ summary: 'Replica plans for a demand (DAU × diurnal profile, or a trace) by static peak, HPA, KPA, predictive and SLO-driven policies; each replayed through the simulator, priced, and compared with static peak. Runs as a job' })
  @ApiResponse({ status: 202, description: 'Stored; running as an autoscaling-plan job (poll GET /v1/autoscaling/plans/:id)' })
  @ApiBadRequestResponse({ description: 'Invalid request, or above a cap: the message names the limit and the value' })
  @ApiNotFoundResponse({ description: 'workload.traceId names no stored trace of the caller’s team (details name the field)' })
  async create(
    @Body() dto: CreatePlanDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-capsim-client') clientKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AutoscalingPlanResponse> {
    const plan = await this.autoscaling.create(dto, {
      idempotencyKey: headerValue('Idempotency-Key', idempotencyKey),
      clientKey: headerValue('X-Capsim-Client', clientKey) ?? 'anonymous',
    }, caller);
    response.status(HttpStatus.ACCEPTED);
    response.setHeader('Location', plan.links.self!);
    return plan;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan: job state while running; per policy replicas per interval, GPU-hours, cost, replayed SLO attainment per class and saving against static peak once done' })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<AutoscalingPlanResponse> {
    return this.autoscaling.get(id, caller);
  }

  @Get(':id/plan.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'policy', required: false, description: 'Which policy (default the first planned)' })
  @ApiConflictResponse({ description: 'The plan job has not finished' })
  @ApiOperation({ summary: 'One row per interval: start, requests/s, replicas, mean replicas, GPUs, GPU-hours' })
  async csv(@Param('id', uuid('id')) id: string, @Query('policy') policy: string | undefined, @Res({ passthrough: true }) response: Response, @CurrentPrincipal() caller: Principal): Promise<string> {
    const { body, policy: chosen } = await this.autoscaling.csv(id, policy, caller);
    response.setHeader('Content-Disposition', `attachment; filename="plan-${id}-${chosen}.csv"`);
    return body;
  }
}
