import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error.js';
import { DashboardsService, FORECAST_CHARTS, SCENARIO_CHARTS, type ScenarioChartData } from './dashboards.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

/** Chart data and server-side PNGs for the dashboards (dashboards/*.html) and for reports and chat. */
@ApiTags('dashboards')
@Controller('v1')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('scenarios/:id/chart-data')
  @ApiOperation({ summary: 'A fresh evaluation of the stored scenario and its roofline series (step time vs tokens per step, decode and prefill): what dashboards/scenario.html draws' })
  chartData(@Param('id', uuid('id')) id: string): Promise<ScenarioChartData> {
    return this.dashboards.scenarioChartData(id);
  }

  @Get('scenarios/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: SCENARIO_CHARTS, required: false })
  @ApiOperation({ summary: 'The memory breakdown or the roofline of a stored scenario as a PNG (Chart.js on @napi-rs/canvas, same configuration as the dashboard)' })
  async scenarioPng(@Param('id', uuid('id')) id: string, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.scenarioChartPng(id, chart), { type: 'image/png' });
  }

  @Get('forecasts/:id/chart.png')
  @ApiProduces('image/png')
  @ApiQuery({ name: 'chart', enum: FORECAST_CHARTS, required: false })
  @ApiOperation({ summary: 'Monthly cost band with budget, cost per user, GPUs, or the sensitivity tornado of a stored forecast as a PNG' })
  async forecastPng(@Param('id', uuid('id')) id: string, @Query('chart') chart?: string): Promise<StreamableFile> {
    return new StreamableFile(await this.dashboards.forecastChartPng(id, chart), { type: 'image/png' });
  }
}
