import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { stepTimeUncertainty, type CalibrationFit } from '../../../../libs/calibration/src/index.js';
import { AutoscalingService } from '../autoscaling/autoscaling.service.js';
import { CalibrationProfileLookup } from '../calibrations/calibration-profile-lookup.js';
import {
  compareForecasts,
  forecastSensitivity,
  prepareForecast,
  runForecast,
  type Currency,
  type ExchangeRate,
  type ForecastComparison,
  type ForecastResult,
  type ForecastSpec,
  type SensitivityResult,
} from '../../../../libs/cost/src/index.js';
import type { Principal } from '../auth/principal.js';
import { teamOf, teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobResponseDto } from '../jobs/dto/job.dto.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import { FORECAST_INLINE_MAX_SAMPLES, type CreateForecastDto, type SensitivityRequestDto } from './dto/forecast.dto.js';
import { ForecastEntity } from './forecast.entity.js';
import { forecastToCsv } from '../../../../dashboards/charts/forecast-csv.js';
import { autoscalingPlanReference, calibrationProfileReference, toForecastSpec, type ForecastAutoscaling, type ForecastCalibration } from './forecast.mapper.js';

export interface ForecastResponse {
  readonly id: string;
  readonly name: string;
  readonly state: 'succeeded' | 'queued' | 'running' | 'failed' | 'cancelled';
  readonly samples: number;
  readonly months: number;
  readonly seed: number;
  /** Currency of the *Cny number fields (always CNY); `reportingCurrency` is that of the `money` blocks. */
  readonly currency: 'CNY';
  /** Exchange rate used (CNY per USD) and its date (exchangeRate.asOf). */
  readonly cnyPerUsd: number;
  readonly exchangeRateDate: string;
  readonly reportingCurrency: Currency;
  readonly exchangeRate: ExchangeRate;
  readonly createdAt: string;
  readonly fit: Record<string, unknown> | null;
  readonly job: JobResponseDto | null;
  readonly result: ForecastResult | null;
  readonly links: Record<string, string>;
}

@Injectable()
export class ForecastsService {
  constructor(
    @InjectRepository(ForecastEntity) private readonly forecasts: Repository<ForecastEntity>,
    private readonly jobs: JobsService,
    private readonly profiles: CalibrationProfileLookup,
    private readonly autoscalingPlans: AutoscalingService,
  ) {}

  /**
   * A referenced profile's coefficients (the lookup what-if uses: 404 / 400 naming the field) and
   * the spread of its relative step-time residuals, as plain numbers for the library.
   */
  private async calibration(dto: CreateForecastDto, caller: Principal): Promise<ForecastCalibration | undefined> {
    const ref = calibrationProfileReference(dto);
    if (!ref) return undefined;
    const profile = await this.profiles.efficiencyAndFit(ref.id, caller, ref.field);
    const efficiency = profile.efficiency;
    const fit = profile.fit as unknown as Pick<CalibrationFit, 'residuals' | 'heldOut'> | null;
    if (!fit || !Array.isArray(fit.residuals) || !fit.heldOut) throw ApiError.invalidField(ref.field, `calibration profile ${ref.id} has no residuals to take an efficiency spread from`);
    const u = stepTimeUncertainty(fit);
    return { profileId: ref.id, efficiency, relativeStepTimeStandardDeviation: u.relativeStepTimeStandardDeviation, points: u.points };
  }

  /**
   * A referenced plan's policy as a fraction of static peak's GPU-hours over the planned day: 404
   * naming autoscalingPlanId when unknown, 409 while its job has not succeeded, 400 naming policy
   * when the plan did not run that policy.
   */
  private async autoscaling(dto: CreateForecastDto, caller: Principal): Promise<ForecastAutoscaling | undefined> {
    const ref = autoscalingPlanReference(dto);
    if (!ref) return undefined;
    const { plans } = await this.autoscalingPlans.finishedPlans(ref.id, 'autoscalingPlanId', caller);
    const chosen = plans.find((p) => p.policy === ref.policy);
    if (!chosen) throw ApiError.invalidField('policy', `must be one of the plan's policies: ${plans.map((p) => p.policy).join(', ')}`);
    const staticPeak = plans.find((p) => p.policy === 'static-peak');
    const fraction =
      staticPeak && staticPeak.gpuHours > 0 ? chosen.gpuHours / staticPeak.gpuHours : 1 - chosen.savingVsStaticFraction;
    const derivation =
      staticPeak && staticPeak.gpuHours > 0
        ? `${chosen.gpuHours} ÷ ${staticPeak.gpuHours} GPU-hours of static peak over the plan's ${chosen.horizonSeconds} s`
        : `1 − its cost saving vs static peak ${chosen.savingVsStaticFraction} (static peak not in the plan)`;
    if (!(fraction > 0) || !Number.isFinite(fraction) || fraction > 4) {
      throw ApiError.invalidField('autoscalingPlanId', `policy ${ref.policy} of plan ${ref.id} uses ${fraction} × static peak's GPU-hours: not usable as supply`);
    }
    return { planId: ref.id, policy: ref.policy, gpuHoursFractionOfStaticPeak: fraction, derivation };
  }

  /** Small N runs here (201); large N becomes a 'forecast' job (202). The spec is checked in full (RangeError → 400) before either. */
  async create(dto: CreateForecastDto, options: SubmitOptions, caller: Principal): Promise<{ forecast: ForecastResponse; inline: boolean }> {
    const { spec, fit } = toForecastSpec(dto, await this.calibration(dto, caller), await this.autoscaling(dto, caller));
    const prepared = prepareForecast(spec);
    const cnyPerUsd = prepared.steps[0]!.cnyPerUsd;
    const inline = spec.samples <= FORECAST_INLINE_MAX_SAMPLES;
    let result: ForecastResult | null = null;
    let jobId: string | null = null;
    if (inline) {
      result = runForecast(spec);
    } else {
      const { job } = await this.jobs.submit('forecast', spec as unknown as Record<string, unknown>, options, caller);
      jobId = job.id;
    }
    const row = await this.forecasts.save(
      this.forecasts.create({
        name: dto.name ?? '',
        spec: spec as unknown as Record<string, unknown>,
        fit: fit as unknown as Record<string, unknown> | null,
        samples: spec.samples,
        months: spec.months,
        cnyPerUsd,
        jobId,
        result: result as unknown as Record<string, unknown> | null,
        team: teamOf(caller),
      }),
    );
    return { forecast: await this.response(row, caller), inline };
  }

  /**
   * The stored forecast as every reader sees it: team-scoped (auth/team-scope.ts: another team's is
   * "not found"), with a finished job's result copied onto the row on first read.
   */
  async stored(id: string, caller: Principal): Promise<ForecastEntity> {
    const row = await this.forecasts.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('forecast', id);
    if (row.result === null && row.jobId !== null) {
      const job = await this.jobs.get(row.jobId, caller, 'forecast');
      if (job.state === 'succeeded') {
        row.result = (await this.jobs.result(row.jobId, caller, 'forecast')).result as Record<string, unknown>;
        await this.forecasts.save(row);
      }
    }
    return row;
  }

  private async response(row: ForecastEntity, caller: Principal): Promise<ForecastResponse> {
    const job = row.jobId ? await this.jobs.get(row.jobId, caller, 'forecast') : null;
    const spec = row.spec as unknown as ForecastSpec;
    const created = row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt);
    // Forecasts stored before dated rates carry only cnyPerUsd: their rate is dated by the row.
    const exchangeRate = spec.exchangeRate ?? { cnyPerUsd: row.cnyPerUsd, asOf: created.slice(0, 10), source: 'rate stored with the forecast (undated; creation date)' };
    return {
      id: row.id,
      name: row.name,
      state: row.result ? 'succeeded' : (job?.state ?? 'queued'),
      samples: row.samples,
      months: row.months,
      seed: spec.seed,
      currency: 'CNY',
      cnyPerUsd: row.cnyPerUsd,
      exchangeRateDate: exchangeRate.asOf,
      reportingCurrency: spec.currency ?? 'CNY',
      exchangeRate,
      createdAt: created,
      fit: row.fit,
      job,
      result: row.result as unknown as ForecastResult | null,
      links: {
        self: `/v1/forecasts/${row.id}`,
        csv: `/v1/forecasts/${row.id}/months.csv`,
        sensitivity: `/v1/forecasts/${row.id}/sensitivity`,
        ...(row.jobId ? { job: `/v1/jobs/${row.jobId}` } : {}),
      },
    };
  }

  async get(id: string, caller: Principal): Promise<ForecastResponse> {
    return this.response(await this.stored(id, caller), caller);
  }

  /** The stored forecast with its result: 409 while its job is still running or when it failed. */
  async finished(id: string, caller: Principal): Promise<ForecastEntity & { result: Record<string, unknown> }> {
    const row = await this.stored(id, caller);
    if (!row.result) throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `forecast ${id} has no result yet: its job is still running or failed (see /v1/jobs/${row.jobId})`);
    return row as ForecastEntity & { result: Record<string, unknown> };
  }

  async csv(id: string, caller: Principal): Promise<string> {
    return forecastToCsv((await this.finished(id, caller)).result as unknown as ForecastResult);
  }

  /** Tornado and elasticities on the stored spec (deterministic: no sampling, milliseconds). */
  async sensitivity(id: string, dto: SensitivityRequestDto, caller: Principal): Promise<SensitivityResult & { forecastId: string }> {
    const row = await this.forecasts.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('forecast', id);
    if (dto.month !== undefined && dto.month > row.months) throw ApiError.invalidField('month', `must be at most the forecast's ${row.months} months`);
    return { forecastId: id, ...forecastSensitivity(row.spec as unknown as ForecastSpec, { swingFraction: dto.swingFraction, month: dto.month }) };
  }

  async compare(aId: string, bId: string, caller: Principal): Promise<ForecastComparison & { aId: string; bId: string }> {
    const [a, b] = await Promise.all([this.forecasts.findOneBy({ id: aId, ...teamWhere(caller) }), this.forecasts.findOneBy({ id: bId, ...teamWhere(caller) })]);
    if (!a) throw ApiError.notFound('forecast', aId);
    if (!b) throw ApiError.notFound('forecast', bId);
    return { aId, bId, ...compareForecasts(a.spec as unknown as ForecastSpec, b.spec as unknown as ForecastSpec) };
  }
}
