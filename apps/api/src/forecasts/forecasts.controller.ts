import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiExtraModels, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { headerValue } from '../sweeps/sweeps.controller.js';
import { CompareForecastsDto, CreateForecastDto, MoneyDto, SensitivityRequestDto } from './dto/forecast.dto.js';
import { ForecastsService, type ForecastResponse } from './forecasts.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

/** How money reads in a forecast result, for the OpenAPI document. */
const MONEY_SCHEME =
  'Money: the *Cny number fields are CNY (legacy, rounded to the cent). Every `money` block (result.money, months[].money) is in the requested `currency` ' +
  '(CNY default, or USD at the stored dated `exchangeRate`): each figure `{ currency, amount }` (MoneyDto) or a band `{ currency, p10, p50, p90, mean }`, ' +
  'amounts as decimal strings. months[].money.deterministic adds OpenCost terms: usage and idle cost, cost per million input / output tokens on the ' +
  'allocation basis (all paid cost) and the usage basis (busy share), and the commitment rule (reserved at discount d pays only above 1 − d utilisation).';

@ApiTags('forecasts')
@ApiExtraModels(MoneyDto)
@Controller('v1/forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  @Post()
  @ApiOperation({ summary: 'Monte Carlo cost forecast over 1–60 months: P10/P50/P90 of monthly cost, cost per user, per million tokens and GPUs; budget and unit economics. Small N → 201 with the result; large N → 202 and a forecast job' })
  @ApiResponse({ status: 201, description: `Computed and stored. ${MONEY_SCHEME}` })
  @ApiResponse({ status: 202, description: 'Stored; running as a job (poll GET /v1/forecasts/:id)' })
  @ApiBadRequestResponse({ description: 'Invalid request; `details` names each field (samples above the cap included)' })
  async create(
    @Body() dto: CreateForecastDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-capsim-client') clientKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<ForecastResponse> {
    const { forecast, inline } = await this.forecasts.create(dto, {
      idempotencyKey: headerValue('Idempotency-Key', idempotencyKey),
      clientKey: headerValue('X-Capsim-Client', clientKey) ?? 'anonymous',
    }, caller);
    response.status(inline ? HttpStatus.CREATED : HttpStatus.ACCEPTED);
    response.setHeader('Location', forecast.links.self!);
    return forecast;
  }

  @Post('compare')
  @HttpCode(200)
  @ApiOperation({ summary: 'Two stored forecasts side by side (central inputs), the difference attributed to each changed input by one-at-a-time substitution, plus interaction' })
  compare(@Body() dto: CompareForecastsDto, @CurrentPrincipal() caller: Principal) {
    return this.forecasts.compare(dto.aId, dto.bId, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stored forecast: its job state while running, the result once done' })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<ForecastResponse> {
    return this.forecasts.get(id, caller);
  }

  @Get(':id/months.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiConflictResponse({ description: 'The forecast job has not finished' })
  @ApiOperation({ summary: 'One row per month: P10/P50/P90 of DAU, GPUs, GPU-hours, cost (CNY), cost per DAU, cost per million tokens' })
  async csv(@Param('id', uuid('id')) id: string, @Res({ passthrough: true }) response: Response, @CurrentPrincipal() caller: Principal): Promise<string> {
    const body = await this.forecasts.csv(id, caller);
    response.setHeader('Content-Disposition', `attachment; filename="forecast-${id}.csv"`);
    return body;
  }

  @Post(':id/sensitivity')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-at-a-time ± swings of each input (tornado) and the elasticity of cost per user to each' })
  sensitivity(@Param('id', uuid('id')) id: string, @Body() dto: SensitivityRequestDto, @CurrentPrincipal() caller: Principal) {
    return this.forecasts.sensitivity(id, dto, caller);
  }
}
