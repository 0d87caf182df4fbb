import type { EfficiencyCoefficients } from '../../../../libs/capacity/src/index.js';
import {
  DEFAULT_EXCHANGE_RATE,
  efficiencySigmaFromRelativeStepTimeSd,
  fitGrowth,
  type ForecastSpec,
  type GrowthCurve,
  type GrowthFit,
  type HardwareStep,
} from '../../../../libs/cost/src/index.js';
import { ApiError } from '../common/api-error.js';
import type { ScenarioInputDto } from '../what-if/dto/scenario-input.dto.js';
import { toScenarioSpec } from '../what-if/scenario.mapper.js';
import type { CreateForecastDto, GrowthDto } from './dto/forecast.dto.js';

/** A referenced calibration profile, loaded by the service: its fitted coefficients and residual spread. */
export interface ForecastCalibration {
  readonly profileId: string;
  readonly efficiency: EfficiencyCoefficients;
  /** Sample sd of the profile's relative step-time residuals (libs/calibration stepTimeUncertainty). */
  readonly relativeStepTimeStandardDeviation: number;
  readonly points: number;
}

/** A referenced autoscaling plan's policy, loaded by the service: its GPU-hours relative to static peak. */
export interface ForecastAutoscaling {
  readonly planId: string;
  readonly policy: string;
  readonly gpuHoursFractionOfStaticPeak: number;
  /** How the fraction was read off the plan, for method[]. */
  readonly derivation: string;
}

/** The plan and policy a request names; policy and autoscalingPlanId come together (400 naming the missing one). */
export function autoscalingPlanReference(dto: CreateForecastDto): { id: string; policy: string } | null {
  if (dto.autoscalingPlanId === undefined) {
    if (dto.policy !== undefined) throw ApiError.invalidField('autoscalingPlanId', 'is required with policy (the autoscaling plan the policy was planned in)');
    return null;
  }
  if (dto.policy === undefined) throw ApiError.invalidField('policy', 'is required with autoscalingPlanId (which of the plan\'s policies sets the GPU-hours)');
  return { id: dto.autoscalingPlanId, policy: dto.policy };
}

/** The profile id a request names, at the top level or in its scenario, with the field that named it. */
export function calibrationProfileReference(dto: CreateForecastDto): { id: string; field: string } | null {
  const top = dto.calibrationProfileId;
  const inScenario = dto.scenario?.calibrationProfileId;
  if (top !== undefined && inScenario !== undefined && top !== inScenario) {
    throw ApiError.invalidField('calibrationProfileId', `differs from scenario.calibrationProfileId ${inScenario}; name one profile`);
  }
  if (top !== undefined) return { id: top, field: 'calibrationProfileId' };
  if (inScenario !== undefined) return { id: inScenario, field: 'scenario.calibrationProfileId' };
  return null;
}

function scenarioWithProfile(dto: CreateForecastDto, calibration: ForecastCalibration | undefined): ForecastSpec['scenario'] {
  if (!calibration) return toScenarioSpec(dto.scenario);
  if (dto.scenario.efficiency !== undefined) throw ApiError.invalidField('scenario.efficiency', 'give either scenario.efficiency or calibrationProfileId, not both');
  const input = { ...dto.scenario, calibrationProfileId: calibration.profileId } as ScenarioInputDto;
  return toScenarioSpec(input, calibration.efficiency);
}

/**
 * The profile's spread replaces the default efficiency σ unless the request sets
 * uncertainty.efficiencySigma itself (an analyst's explicit number wins, and method says so).
 */
function calibrationUncertainty(dto: CreateForecastDto, calibration: ForecastCalibration): { efficiencySigma?: number; source: string } {
  const sd = calibration.relativeStepTimeStandardDeviation;
  const where = `calibration profile ${calibration.profileId} (η_compute ${calibration.efficiency.computeEfficiencyFraction}, η_memory ${calibration.efficiency.memoryEfficiencyFraction}, step overhead ${calibration.efficiency.stepOverheadSeconds} s)`;
  if (dto.uncertainty?.efficiencySigma !== undefined) {
    return { source: `Efficiency: coefficients from ${where}; efficiency σ ${dto.uncertainty.efficiencySigma} as given in the request, not the profile's residual spread ${sd}.` };
  }
  const efficiencySigma = efficiencySigmaFromRelativeStepTimeSd(sd);
  return {
    efficiencySigma,
    source: `Efficiency: coefficients from ${where}; efficiency σ ${efficiencySigma} = √ln(1 + s²) from the sample sd s = ${sd} of its ${calibration.points} relative step-time residuals (replaces the default σ).`,
  };
}

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
export function toForecastSpec(dto: CreateForecastDto, calibration?: ForecastCalibration, autoscaling?: ForecastAutoscaling): { spec: ForecastSpec; fit: GrowthFit | null } {
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
  const scenario = scenarioWithProfile(dto, calibration);
  const fromProfile = calibration ? calibrationUncertainty(dto, calibration) : null;
  const sources = fromProfile ? [fromProfile.source] : [];
  if (autoscaling) {
    sources.push(`Supply: autoscaling plan ${autoscaling.planId}, policy ${autoscaling.policy}: GPU-hours ${autoscaling.gpuHoursFractionOfStaticPeak} × static peak (${autoscaling.derivation}).`);
  }
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
      uncertainty: fromProfile?.efficiencySigma !== undefined ? { ...withoutUndefined(dto.uncertainty), efficiencySigma: fromProfile.efficiencySigma } : withoutUndefined(dto.uncertainty),
      samples: dto.samples,
      seed: dto.seed ?? DEFAULT_SEED,
      budgetCnyPerMonth: dto.budgetCnyPerMonth,
      currency: dto.currency ?? 'CNY',
      // Stored explicitly, default included, so the forecast keeps the rate it was computed at even if the default moves.
      exchangeRate: dto.exchangeRate ? { cnyPerUsd: dto.exchangeRate.cnyPerUsd, asOf: dto.exchangeRate.asOf, source: dto.exchangeRate.source } : exchangeRateFor(scenario),
      sources: sources.length > 0 ? sources : undefined,
      autoscaling: autoscaling ? { gpuHoursFractionOfStaticPeak: autoscaling.gpuHoursFractionOfStaticPeak } : undefined,
    }),
  );
  return { spec, fit };
}
