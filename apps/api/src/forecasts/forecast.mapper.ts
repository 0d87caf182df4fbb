import { DEFAULT_EXCHANGE_RATE, fitGrowth, type ForecastSpec, type GrowthCurve, type GrowthFit, type HardwareStep } from '../../../../libs/cost/src/index.js';
import { ApiError } from '../common/api-error.js';
import { toScenarioSpec } from '../what-if/scenario.mapper.js';
import type { CreateForecastDto, GrowthDto } from './dto/forecast.dto.js';

const DEFAULT_SEED = 1;

function required<T>(value: T | undefined, field: string, kind: string): T {
  if (value === undefined) throw ApiError.invalidField(field, `is required when growth.kind is "${kind}"`);
  return value;
}

function toGrowthCurve(dto: GrowthDto): GrowthCurve {
  switch (dto.kind) {
    case 'linear':
      return { kind: 'linear', startDau: dto.startDau, dauPerMonth: required(dto.dauPerMonth, 'growth.dauPerMonth', 'linear') };
    case 'exponential':
      return { kind: 'exponential', startDau: dto.startDau, monthlyGrowthFraction: required(dto.monthlyGrowthFraction, 'growth.monthlyGrowthFraction', 'exponential') };
    case 'logistic':
      return {
        kind: 'logistic',
        startDau: dto.startDau,
        ceilingDau: required(dto.ceilingDau, 'growth.ceilingDau', 'logistic'),
        monthlyGrowthRate: required(dto.monthlyGrowthRate, 'growth.monthlyGrowthRate', 'logistic'),
      };
  }
}

function withoutUndefined<T extends object>(value: T | undefined): Partial<T> | undefined {
  if (!value) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The default rate, unless the scenario names its own cnyPerUsd: then the library asks for a dated rate (400 naming exchangeRate). */
function exchangeRateFor(scenario: ForecastSpec['scenario']): ForecastSpec['exchangeRate'] {
  const own = scenario.pricing?.cnyPerUsd;
  return own === undefined || own === DEFAULT_EXCHANGE_RATE.cnyPerUsd ? DEFAULT_EXCHANGE_RATE : undefined;
}

/**
 * Request → library ForecastSpec (plain JSON, stored as is, so a rerun reproduces the result) and
 * the growth fit when a history was uploaded. Library RangeErrors (history[3]: …) become 400s;
 * fit errors are prefixed with "history." so the field path is the request's.
 */
export function toForecastSpec(dto: CreateForecastDto): { spec: ForecastSpec; fit: GrowthFit | null } {
  if ((dto.growth === undefined) === (dto.history === undefined)) {
    throw ApiError.invalidField('growth', 'give exactly one of growth (a curve) or history (monthly DAU to fit)');
  }
  let growth: GrowthCurve;
  let fit: GrowthFit | null = null;
  if (dto.growth) {
    growth = toGrowthCurve(dto.growth);
  } else {
    try {
      fit = fitGrowth(dto.history!.dau, dto.history!.kind, dto.history!.ceilingDau);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`history.${error.message.replace(/^history\./, '').replace(/^history/, 'dau')}`);
      throw error;
    }
    growth = fit.curve;
  }
  const scenario = toScenarioSpec(dto.scenario);
  const hardwareSteps: HardwareStep[] | undefined = dto.hardwareSteps?.map((s) => ({
    fromMonth: s.fromMonth,
    ...(s.gpuId !== undefined ? { gpu: s.gpuId } : {}),
    ...(s.quantization !== undefined ? { quantization: { ...s.quantization } } : {}),
    ...(s.tensorParallelSize !== undefined ? { tensorParallelSize: s.tensorParallelSize } : {}),
    ...(s.reservedGpus !== undefined ? { reservedGpus: s.reservedGpus } : {}),
    ...(s.reservedCnyPerGpuHour !== undefined ? { reservedCnyPerGpuHour: s.reservedCnyPerGpuHour } : {}),
    ...(s.onDemandCnyPerGpuHour !== undefined ? { onDemandCnyPerGpuHour: s.onDemandCnyPerGpuHour } : {}),
  }));
  const spec: ForecastSpec = JSON.parse(
    JSON.stringify({
      scenario,
      months: dto.months,
      growth,
      tokensPerUser: withoutUndefined(dto.tokensPerUser),
      hardwareSteps,
      power: dto.power ? { pue: dto.power.pue, cnyPerKwh: dto.power.cnyPerKwh } : undefined,
      uncertainty: withoutUndefined(dto.uncertainty),
      samples: dto.samples,
      seed: dto.seed ?? DEFAULT_SEED,
      budgetCnyPerMonth: dto.budgetCnyPerMonth,
      currency: dto.currency ?? 'CNY',
      // Stored explicitly, default included, so the forecast keeps the rate it was computed at even if the default moves.
      exchangeRate: dto.exchangeRate ? { cnyPerUsd: dto.exchangeRate.cnyPerUsd, asOf: dto.exchangeRate.asOf, source: dto.exchangeRate.source } : exchangeRateFor(scenario),
    }),
  );
  return { spec, fit };
}
