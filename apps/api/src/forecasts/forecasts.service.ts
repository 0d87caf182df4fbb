import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobResponseDto } from '../jobs/dto/job.dto.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import { FORECAST_INLINE_MAX_SAMPLES, type CreateForecastDto, type SensitivityRequestDto } from './dto/forecast.dto.js';
import { ForecastEntity } from './forecast.entity.js';
import { forecastToCsv } from '../../../../dashboards/charts/forecast-csv.js';
import { toForecastSpec } from './forecast.mapper.js';

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
  ) {}

  /** Small N runs here (201); large N becomes a 'forecast' job (202). The spec is checked in full (RangeError → 400) before either. */
  async create(dto: CreateForecastDto, options: SubmitOptions): Promise<{ forecast: ForecastResponse; inline: boolean }> {
    const { spec, fit } = toForecastSpec(dto);
    const prepared = prepareForecast(spec);
    const cnyPerUsd = prepared.steps[0]!.cnyPerUsd;
    const inline = spec.samples <= FORECAST_INLINE_MAX_SAMPLES;
    let result: ForecastResult | null = null;
    let jobId: string | null = null;
    if (inline) {
      result = runForecast(spec);
    } else {
      const { job } = await this.jobs.submit('forecast', spec as unknown as Record<string, unknown>, options);
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
      }),
    );
    return { forecast: await this.response(row), inline };
  }

  private async row(id: string): Promise<ForecastEntity> {
    const row = await this.forecasts.findOneBy({ id });
    if (!row) throw ApiError.notFound('forecast', id);
    if (row.result === null && row.jobId !== null) {
      const job = await this.jobs.get(row.jobId, 'forecast');
      if (job.state === 'succeeded') {
        row.result = (await this.jobs.result(row.jobId, 'forecast')).result as Record<string, unknown>;
        await this.forecasts.save(row);
      }
    }
    return row;
  }

  private async response(row: ForecastEntity): Promise<ForecastResponse> {
    const job = row.jobId ? await this.jobs.get(row.jobId, 'forecast') : null;
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

  async get(id: string): Promise<ForecastResponse> {
    return this.response(await this.row(id));
  }

  private async finished(id: string): Promise<ForecastEntity & { result: Record<string, unknown> }> {
    const row = await this.row(id);
    if (!row.result) throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `forecast ${id} has no result yet: its job is still running or failed (see /v1/jobs/${row.jobId})`);
    return row as ForecastEntity & { result: Record<string, unknown> };
  }

  async csv(id: string): Promise<string> {
    return forecastToCsv((await this.finished(id)).result as unknown as ForecastResult);
  }

  /** Tornado and elasticities on the stored spec (deterministic: no sampling, milliseconds). */
  async sensitivity(id: string, dto: SensitivityRequestDto): Promise<SensitivityResult & { forecastId: string }> {
    const row = await this.forecasts.findOneBy({ id });
    if (!row) throw ApiError.notFound('forecast', id);
    if (dto.month !== undefined && dto.month > row.months) throw ApiError.invalidField('month', `must be at most the forecast's ${row.months} months`);
    return { forecastId: id, ...forecastSensitivity(row.spec as unknown as ForecastSpec, { swingFraction: dto.swingFraction, month: dto.month }) };
  }

  async compare(aId: string, bId: string): Promise<ForecastComparison & { aId: string; bId: string }> {
    const [a, b] = await Promise.all([this.forecasts.findOneBy({ id: aId }), this.forecasts.findOneBy({ id: bId })]);
    if (!a) throw ApiError.notFound('forecast', aId);
    if (!b) throw ApiError.notFound('forecast', bId);
    return { aId, bId, ...compareForecasts(a.spec as unknown as ForecastSpec, b.spec as unknown as ForecastSpec) };
  }
}
