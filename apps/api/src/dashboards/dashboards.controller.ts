import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { CALIBRATION_CHARTS, DashboardsService, FORECAST_CHARTS, PLAN_CHARTS, SCENARIO_CHARTS, type ScenarioChartData } from './dashboards.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

/** Chart data and server-side PNGs for the dashboards (dashboards/*.html) and for reports and chat. */
@ApiTags('dashboards')
@Controller('v1')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('scenarios/:id/chart-data')
  @ApiOperation({ summary: 'A fresh evaluation of the stored scenario and its roofline series (step time vs tokens per step, decode and prefill): what dashboards/scenario.html draws' })
  chartData(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<ScenarioChartData> {
    return this.dashboards.scenarioChartData(id, caller);
  }

  @Get('scenarios/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: SCENARIO_CHARTS, required: false })
  @ApiOperation({ summary: 'The memory breakdown or the roofline of a stored scenario as a PNG (Chart.js on @napi-rs/canvas, same configuration as the dashboard)' })
  async scenarioPng(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.scenarioChartPng(id, chart, caller), { type: 'image/png' });
  }

  @Get('forecasts/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: FORECAST_CHARTS, required: false })
  @ApiOperation({ summary: 'Monthly cost band with budget, cost per user, GPUs, or the sensitivity tornado of a stored forecast as a PNG' })
  async forecastPng(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.forecastChartPng(id, chart, caller), { type: 'image/png' });
  }

  @Get('autoscaling/plans/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: PLAN_CHARTS, required: false })
  @ApiOperation({ summary: 'Demand and replicas per policy with cold-start markers, SLO attainment per class, or GPU-hours and cost per policy of a finished autoscaling plan, as a PNG' })
  async planPng(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.planChartPng(id, chart, caller), { type: 'image/png' });
  }

  @Get('calibrations/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: CALIBRATION_CHARTS, required: false })
  @ApiOperation({ summary: 'Measured vs predicted step times (with the identity line) or the residuals of a calibration profile, as a PNG' })
  async calibrationPng(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.calibrationChartPng(id, chart, caller), { type: 'image/png' });
  }
}
