import { Body, Controller, Get, Header, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequiredRole } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { CreateSweepDto, SweepResponseDto } from './dto/sweep.dto.js';
import { SweepsService } from './sweeps.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });
const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;

/** Idempotency-Key and X-Capsim-Client are optional; when present they must be 1..200 printable characters. */
export function headerValue(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!HEADER_VALUE.test(value)) throw ApiError.invalidField(name, 'must be 1 to 200 printable ASCII characters without spaces');
  return value;
}

@ApiTags('sweeps')
@Controller('v1/sweeps')
export class SweepsController {
  private readonly maxPoints: number;

  constructor(
    private readonly sweeps: SweepsService,
    config: ConfigService,
  ) {
    this.maxPoints = config.getOrThrow<number>('JOBS_MAX_SWEEP_POINTS');
  }

  @Post()
  @RequiredRole('operator')
  @ApiOperation({ summary: 'Start a grid or seeded random search over scenario parameters; returns 202 and the sweep (= job) id. The same Idempotency-Key returns the existing sweep (200)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting with the same key returns the existing sweep instead of starting another' })
  @ApiHeader({ name: 'X-Capsim-Client', required: false, description: 'Who is asking; active jobs are limited per client (JOBS_MAX_ACTIVE_PER_CLIENT)' })
  @ApiAcceptedResponse({ type: SweepResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid request, or the sweep is above a cap (the message names the limit and the value)' })
  async create(
    @Body() dto: CreateSweepDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-capsim-client') clientKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SweepResponseDto> {
    const { sweep, created } = await this.sweeps.create(dto, this.maxPoints, {
      idempotencyKey: headerValue('Idempotency-Key', idempotencyKey),
      clientKey: headerValue('X-Capsim-Client', clientKey) ?? 'anonymous',
    }, caller);
    response.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK);
    response.setHeader('Location', sweep.links.self!);
    if (!created) response.setHeader('Idempotent-Replayed', 'true');
    return sweep;
  }

  @Get(':id')
  @ApiOperation({ summary: 'The sweep\'s job (progress, ETA) and, once done, its counts and Pareto front of cost vs SLO headroom' })
  @ApiOkResponse({ type: SweepResponseDto })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<SweepResponseDto> {
    return this.sweeps.get(id, caller);
  }

  @Get(':id/points.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every point of a finished sweep as CSV, with an onParetoFront column; 409 until it succeeded' })
  async csv(@Param('id', uuid('id')) id: string, @Res({ passthrough: true }) response: Response, @CurrentPrincipal() caller: Principal): Promise<string> {
    const body = await this.sweeps.csv(id, caller);
    response.setHeader('Content-Disposition', `attachment; filename="sweep-${id}.csv"`);
    return body;
  }
}
