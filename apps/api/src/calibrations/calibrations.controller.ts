import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOperation, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequiredRole } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { PageQueryDto, type Page } from '../common/pagination.js';
import { headerValue } from '../sweeps/sweeps.controller.js';
import { CalibrationsService, type CalibrationProfileResponse } from './calibrations.service.js';
import { RunCalibrationDto } from './dto/run-calibration.dto.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('calibrations')
@Controller('v1/calibrations')
export class CalibrationsController {
  constructor(private readonly calibrations: CalibrationsService) {}

  @Post()
  @RequiredRole('operator')
  @ApiOperation({
    summary:
      'Upload measurements and fit η_compute, η_memory and per-step overhead: a measurement set (schemaVersion 1, as the reference engine writes it), or {format: "vllm-benchmark-serving", modelId, gpuId, weightFormat, results: [benchmark_serving result JSON…]}. Stores the profile with R², residuals, held-out error and the MoE check',
  })
  @ApiBody({ schema: { type: 'object', description: 'A MeasurementSet, {format: "measurement-set", name?, measurementSet}, or {format: "vllm-benchmark-serving", name?, modelId, gpuId, weightFormat, expertWeightFormat?, kvCacheFormat?, tensorParallelSize?, engineVersion?, results}' } })
  @ApiResponse({ status: 201, description: 'Fitted and stored; Location names the profile' })
  @ApiBadRequestResponse({ description: 'Malformed measurements; `details` names each field path (e.g. measurements[3].stepSeconds)' })
  @ApiUnprocessableEntityResponse({ description: 'Valid measurements that cannot be fitted (too few points)' })
  async create(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) response: Response, @CurrentPrincipal() caller: Principal): Promise<CalibrationProfileResponse> {
    const profile = await this.calibrations.upload(body, caller);
    response.setHeader('Location', profile.links.self!);
    return profile;
  }

  @Post('run')
  @RequiredRole('operator')
  @ApiOperation({
    summary:
      'Run a bounded sweep of the reference MoE engine on this server (tiny or bench preset, at most 200 points and 300 s) as a calibration-run job, then fit it. 202 with the profile (state running); poll GET /v1/calibrations/:id or the job',
  })
  @ApiResponse({ status: 202, description: 'Stored and queued; Location names the profile, links.job the job' })
  @ApiBadRequestResponse({ description: 'A bound exceeded; `details` names the field, the limit and the value' })
  async run(
    @Body() dto: RunCalibrationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-capsim-client') clientKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CalibrationProfileResponse> {
    const profile = await this.calibrations.run(dto, {
      idempotencyKey: headerValue('Idempotency-Key', idempotencyKey),
      clientKey: headerValue('X-Capsim-Client', clientKey) ?? 'anonymous',
    }, caller);
    response.status(HttpStatus.ACCEPTED);
    response.setHeader('Location', profile.links.self!);
    return profile;
  }

  @Get()
  @ApiOperation({ summary: 'Stored calibration profiles, newest first (fit summary without per-point residuals)' })
  list(@Query() query: PageQueryDto, @CurrentPrincipal() caller: Principal): Promise<Page<CalibrationProfileResponse>> {
    return this.calibrations.list(query, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A calibration profile: measurements, fitted coefficients, R², residual of every point, held-out check, MoE check' })
  @ApiNotFoundResponse({ description: 'No profile with this id' })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<CalibrationProfileResponse> {
    return this.calibrations.get(id, caller);
  }
}
