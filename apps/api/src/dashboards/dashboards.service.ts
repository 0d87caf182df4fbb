import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalibrationFit, MeasurementSet } from '../../../../libs/calibration/src/index.js';
import { evaluateWhatIf, forecastSensitivity, type ForecastResult, type ForecastSpec, type WhatIfEvaluation } from '../../../../libs/cost/src/index.js';
import {
  calibrationResidualsChart,
  calibrationScatterChart,
  planAttainmentChart,
  planCostChart,
  planReplicasChart,
  forecastCostChart,
  forecastCostPerUserChart,
  forecastGpusChart,
  memoryChart,
  rooflineChart,
  tornadoChart,
  type ChartSpec,
  type RooflineSeries,
} from '../../../../dashboards/charts/index.js';
import { rooflineSeries } from '../../../../dashboards/server/roofline-series.js';
import { renderChartPng } from '../../../../dashboards/server/render-png.js';
import { AutoscalingService } from '../autoscaling/autoscaling.service.js';
import { CalibrationProfileEntity } from '../calibrations/calibration-profile.entity.js';
import type { Principal } from '../auth/principal.js';
import { teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { ScenarioEntity } from '../database/entities.js';
import { ForecastsService } from '../forecasts/forecasts.service.js';
import { WhatIfService } from '../what-if/what-if.service.js';

export const SCENARIO_CHARTS = ['memory', 'roofline'] as const;
export const FORECAST_CHARTS = ['cost', 'cost-per-user', 'gpus', 'tornado'] as const;
export const PLAN_CHARTS = ['replicas', 'attainment', 'cost'] as const;
export const CALIBRATION_CHARTS = ['measured-vs-predicted', 'residuals'] as const;

export interface ScenarioChartData {
  readonly scenario: { readonly id: string; readonly name: string; readonly version: number };
  readonly evaluation: WhatIfEvaluation;
  readonly roofline: RooflineSeries;
}

function chartParam<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') return allowed[0]!;
  if (!(allowed as readonly string[]).includes(value)) throw ApiError.invalidField('chart', `must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** Loads stored scenarios and forecasts and turns them into chart data and PNGs; the charts themselves come from dashboards/charts. */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly whatIf: WhatIfService,
    private readonly forecasts: ForecastsService,
    private readonly autoscaling: AutoscalingService,
  ) {}

  /** Every read here is team-scoped (auth/team-scope.ts): another team's id is a 404 like a missing one. */
  async scenarioChartData(id: string, caller: Principal): Promise<ScenarioChartData> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('scenario', id);
    // Validated once (422 when the stored body no longer passes) and its profile read once, for both the evaluation and the roofline.
    const spec = await this.whatIf.storedScenarioSpec(row.spec, caller);
    const evaluation = evaluateWhatIf(spec);
    const calibration = await this.calibrationPoints(row.spec['calibrationProfileId'], caller);
    const roofline = rooflineSeries(spec, evaluation);
    return { scenario: { id: row.id, name: row.name, version: row.version }, evaluation, roofline: calibration ? { ...roofline, calibration } : roofline };
  }

  /** The measured steps of a scenario's calibration profile, for the roofline (none when it references no profile). */
  private async calibrationPoints(profileId: unknown, caller: Principal): Promise<RooflineSeries['calibration'] | undefined> {
    if (typeof profileId !== 'string') return undefined;
    const profile = await this.dataSource.getRepository(CalibrationProfileEntity).findOneBy({ id: profileId, ...teamWhere(caller) });
    const set = profile?.measurementSet as unknown as MeasurementSet | null | undefined;
    if (!profile || !set) return undefined;
    return {
      profileId,
      label: `${profile.name || profileId}: ${set.model.name} on ${set.hardware.description || set.hardware.fingerprint}`,
      points: set.measurements.map((m) => ({ phase: m.phase, tokensPerStep: m.tokensInStep, measuredSeconds: m.stepSeconds })),
    };
  }

  async scenarioChartPng(id: string, chart: string | undefined, caller: Principal): Promise<Buffer> {
    const which = chartParam(chart, SCENARIO_CHARTS);
    const data = await this.scenarioChartData(id, caller);
    const spec: ChartSpec = which === 'memory' ? memoryChart(data.evaluation) : rooflineChart(data.roofline);
    return renderChartPng(spec.config);
  }

  async forecastChartPng(id: string, chart: string | undefined, caller: Principal): Promise<Buffer> {
    const which = chartParam(chart, FORECAST_CHARTS);
    // The forecasts service's reads: a job-run forecast's result is there as soon as its job has finished.
    let spec: ChartSpec;
    if (which === 'tornado') {
      spec = tornadoChart(forecastSensitivity((await this.forecasts.stored(id, caller)).spec as unknown as ForecastSpec));
    } else {
      const result = (await this.forecasts.finished(id, caller)).result as unknown as ForecastResult;
      spec = which === 'cost' ? forecastCostChart(result) : which === 'cost-per-user' ? forecastCostPerUserChart(result) : forecastGpusChart(result);
    }
    return renderChartPng(spec.config);
  }

  async planChartPng(id: string, chart: string | undefined, caller: Principal): Promise<Buffer> {
    const which = chartParam(chart, PLAN_CHARTS);
    // 404 / 409 as plan.csv gives them; a finished job's result is read from the job when the row has none yet.
    const { plans, targetAttainmentFraction } = await this.autoscaling.finishedPlans(id, 'id', caller);
    const spec = which === 'replicas' ? planReplicasChart(plans) : which === 'attainment' ? planAttainmentChart(plans, targetAttainmentFraction) : planCostChart(plans);
    return renderChartPng(spec.config);
  }

  async calibrationChartPng(id: string, chart: string | undefined, caller: Principal): Promise<Buffer> {
    const which = chartParam(chart, CALIBRATION_CHARTS);
    const row = await this.dataSource.getRepository(CalibrationProfileEntity).findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('calibration profile', id);
    if (!row.fit) throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `calibration profile ${id} has no fit${row.failure ? `: ${row.failure}` : ' yet'}`);
    const fit = row.fit as unknown as CalibrationFit;
    return renderChartPng((which === 'residuals' ? calibrationResidualsChart(fit) : calibrationScatterChart(fit)).config);
  }
}
