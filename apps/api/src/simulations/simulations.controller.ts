import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { headerValue } from '../sweeps/sweeps.controller.js';
import { CreateSimulationDto } from './dto/simulation.dto.js';
import { SimulationsService, type SimulationResponse } from './simulations.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('simulations')
@Controller('v1/simulations')
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post()
  @ApiOperation({ summary: 'Discrete-event simulation of a scenario: synthetic or trace traffic on a fixed fleet or one sized by a scaling policy; runs as a job' })
  @ApiResponse({ status: 202, description: 'Stored; running as a simulation job (poll GET /v1/simulations/:id)' })
  @ApiBadRequestResponse({ description: 'Invalid request, or above a cap (duration, requests, events): the message names the limit and the value' })
  @ApiNotFoundResponse({ description: 'workload.traceId names no stored trace of the caller’s team (details name the field)' })
  async create(
    @Body() dto: CreateSimulationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-capsim-client') clientKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SimulationResponse> {
    const simulation = await this.simulations.create(dto, {
      idempotencyKey: headerValue('Idempotency-Key', idempotencyKey),
      clientKey: headerValue('X-Capsim-Client', clientKey) ?? 'anonymous',
    }, caller);
    response.status(HttpStatus.ACCEPTED);
    response.setHeader('Location', simulation.links.self!);
    return simulation;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A simulation: job state and progress while running; per-class TTFT / TPOT / end-to-end p50, p90, p99, goodput, rejections once done' })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<SimulationResponse> {
    return this.simulations.get(id, caller);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running simulation' })
  cancel(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<SimulationResponse> {
    return this.simulations.cancel(id, caller);
  }
}
