import { DAYS_PER_BILLING_MONTH } from '../figures/cost-figures.js';
import { evaluateWhatIf } from '../what-if/evaluate-what-if.js';
import { resolveScenario } from '../what-if/resolve-scenario.js';
import type { ScenarioSpec } from '../what-if/types.js';
import type { HardwareStep, HardwareStepSummary, MonthFigures, PowerSpec } from './types.js';

const HOURS_PER_DAY = 24;
/** As replicasForDemand: ceil(3.0000000000000004) must be 3. */
const CEIL_TOLERANCE = 1e-9;

/**
 * One hardware step evaluated once: the replica's throughput at the SLO does not depend on demand
 * (its batch is set by the SLO and the KV cache), so replicas at any demand are
 * ceil(busy / target) with busy linear in tokens per day. `busyPerTokenPerDay[h]` is hour h's busy
 * replica-seconds per second per token of daily demand, the same sum replicasForDemand makes.
 */
export interface PreparedStep {
  readonly summary: HardwareStepSummary;
  readonly busyPerTokenPerDay: Float64Array;
  /** Σ over the day's hours of busyPerTokenPerDay: busy replica-hours per token of daily demand. */
  readonly busyReplicaHoursPerTokenPerDay: number;
  /** Share of busy time spent in prefill (cost allocated to input tokens). */
  readonly prefillBusyFraction: number;
  readonly tensorParallelSize: number;
  readonly targetUtilizationFraction: number;
  readonly reservedGpus: number;
  readonly reservedCnyPerGpuHour: number;
  readonly onDemandCnyPerGpuHour: number;
  readonly kilowattsPerGpu: number;
  readonly inputTokenFraction: number;
  readonly listCnyPerMillionTokens: number;
  readonly cnyPerUsd: number;
}

function stepScenario(base: ScenarioSpec, step: HardwareStep | null): ScenarioSpec {
  if (!step) return base;
  return {
    ...base,
    gpu: step.gpu ?? base.gpu,
    quantization: step.quantization ?? base.quantization,
    deployment: step.tensorParallelSize !== undefined ? { ...base.deployment, tensorParallelSize: step.tensorParallelSize } : base.deployment,
    pricing: {
      ...base.pricing,
      ...(step.reservedGpus !== undefined ? { reservedGpus: step.reservedGpus } : {}),
      ...(step.reservedCnyPerGpuHour !== undefined ? { reservedCnyPerGpuHour: step.reservedCnyPerGpuHour } : {}),
      ...(step.onDemandCnyPerGpuHour !== undefined ? { onDemandCnyPerGpuHour: step.onDemandCnyPerGpuHour } : {}),
    },
  };
}

/**
 * Evaluates the base scenario and each hardware step once (evaluateWhatIf at the reference DAU and
 * tokens per user) and keeps what a month needs to size itself by arithmetic alone.
 *
 * @throws RangeError naming the field when a step is invalid or cannot be served
 *   ('hardwareSteps[1]: …').
 */
export function prepareSteps(
  base: ScenarioSpec,
  steps: readonly HardwareStep[],
  referenceDau: number,
  referenceTokensPerUserPerDay: number,
): PreparedStep[] {
  const all: (HardwareStep | null)[] = [null, ...steps];
  return all.map((step, i) => {
    const field = i === 0 ? 'scenario' : `hardwareSteps[${i - 1}]`;
    const spec = stepScenario(base, step);
    const withDemand: ScenarioSpec = {
      ...spec,
      workload: { ...spec.workload, dailyActiveUsers: referenceDau, tokensPerUserPerDay: referenceTokensPerUserPerDay },
    };
    let evaluation;
    let resolved;
    try {
      resolved = resolveScenario(withDemand);
      evaluation = evaluateWhatIf(withDemand);
    } catch (error) {
      if (error instanceof RangeError && i > 0) throw new RangeError(`${field}.${error.message}`);
      throw error;
    }
    if (!evaluation.memory.fitsWeights || !evaluation.throughput.sloFeasible) {
      throw new RangeError(`${field}: cannot be served as specified (${evaluation.bindingLimitExplanation})`);
    }
    const { throughput, demand } = evaluation;
    const busy = new Float64Array(HOURS_PER_DAY);
    let prefillBusy = 0;
    let decodeBusy = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const hour = demand.hourly[h]!;
      const prefill = hour.prefillTokensPerSecond > 0 ? hour.prefillTokensPerSecond / throughput.prefillTokensPerSecond : 0;
      const decode = hour.outputTokensPerSecond > 0 ? hour.outputTokensPerSecond / throughput.decodeTokensPerSecond : 0;
      prefillBusy += prefill;
      decodeBusy += decode;
      busy[h] = (prefill + decode) / demand.tokensPerDay;
    }
    const pricing = resolved.pricing;
    const f = demand.inputTokenFraction;
    return {
      summary: {
        fromMonth: step ? step.fromMonth : 1,
        gpuId: resolved.gpu.id,
        weights: typeof withDemand.quantization.weights === 'string' ? withDemand.quantization.weights : 'custom',
        tensorParallelSize: evaluation.tensorParallelSize,
        prefillTokensPerSecondPerReplica: throughput.prefillTokensPerSecond,
        decodeTokensPerSecondPerReplica: throughput.decodeTokensPerSecond,
        bindingLimit: evaluation.bindingLimit,
        reservedGpus: pricing.reservedGpus,
        reservedCnyPerGpuHour: pricing.reservedCnyPerGpuHour,
        onDemandCnyPerGpuHour: pricing.onDemandCnyPerGpuHour,
        boardPowerWatts: resolved.gpu.boardPowerWatts,
      },
      busyPerTokenPerDay: busy,
      busyReplicaHoursPerTokenPerDay: (prefillBusy + decodeBusy) / demand.tokensPerDay,
      prefillBusyFraction: prefillBusy + decodeBusy > 0 ? prefillBusy / (prefillBusy + decodeBusy) : 0,
      tensorParallelSize: evaluation.tensorParallelSize,
      targetUtilizationFraction: resolved.targetUtilizationFraction,
      reservedGpus: pricing.reservedGpus,
      reservedCnyPerGpuHour: pricing.reservedCnyPerGpuHour,
      onDemandCnyPerGpuHour: pricing.onDemandCnyPerGpuHour,
      kilowattsPerGpu: resolved.gpu.boardPowerWatts / 1000,
      inputTokenFraction: f,
      listCnyPerMillionTokens: f * pricing.listPriceCnyPerMillionInputTokens + (1 - f) * pricing.listPriceCnyPerMillionOutputTokens,
      cnyPerUsd: pricing.cnyPerUsd,
    };
  });
}

/**
 * GPU-hours a day an autoscaling plan pays at this peak: the plan's fraction of a static-peak day
 * (peak GPUs × 24 h), billed in whole GPU-hours so deterministic money stays integer hours × price.
 * @example peak 40 GPUs, fraction 0.75 → ceil(40 × 24 × 0.75) = 720 GPU-hours
 */
export function autoscaledGpuHoursPerDay(peakGpus: number, gpuHoursFractionOfStaticPeak: number): number {
  return Math.ceil(peakGpus * HOURS_PER_DAY * gpuHoursFractionOfStaticPeak - CEIL_TOLERANCE);
}

/** Multipliers of one Monte Carlo sample (all 1 for the deterministic forecast). */
export interface SampleMultipliers {
  readonly priceMultiplier: number;
  readonly efficiencyMultiplier: number;
  /** Multiplies the target utilisation (sensitivity only); capped so the target stays ≤ 1. */
  readonly targetUtilizationMultiplier: number;
  readonly powerPriceMultiplier: number;
}

export const UNIT_MULTIPLIERS: SampleMultipliers = Object.freeze({
  priceMultiplier: 1,
  efficiencyMultiplier: 1,
  targetUtilizationMultiplier: 1,
  powerPriceMultiplier: 1,
});

/**
 * A month's GPUs and money from prepared capacity: each hour's replicas = max(1, ceil(busy / target))
 * with busy = busyPerTokenPerDay[h] × tokens per day ÷ efficiency multiplier; reserved GPUs paid all
 * day, hours above them on demand; power on every paid GPU-hour.
 */
export function monthFigures(
  step: PreparedStep,
  stepIndex: number,
  month: number,
  dau: number,
  tokensPerUserPerDay: number,
  power: PowerSpec | undefined,
  k: SampleMultipliers,
  autoscaledFraction: number | null = null,
): MonthFigures {
  const tokensPerDay = dau * tokensPerUserPerDay;
  const target = Math.min(1, step.targetUtilizationFraction * k.targetUtilizationMultiplier);
  const scale = tokensPerDay / k.efficiencyMultiplier / target;
  const tp = step.tensorParallelSize;
  const reserved = step.reservedGpus;
  let peak = 0;
  let onDemandHours = 0;
  let idle = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const need = step.busyPerTokenPerDay[h]! * scale;
    const gpus = need > 0 ? Math.max(1, Math.ceil(need - CEIL_TOLERANCE)) * tp : 0;
    if (gpus > peak) peak = gpus;
    if (gpus < reserved) idle += reserved - gpus;
    if (gpus > reserved) onDemandHours += gpus - reserved;
  }
  const reservedHoursPerDay = reserved * HOURS_PER_DAY;
  if (autoscaledFraction !== null) {
    const planHours = autoscaledGpuHoursPerDay(peak, autoscaledFraction);
    onDemandHours = Math.max(0, planHours - reservedHoursPerDay);
    idle = Math.max(0, reservedHoursPerDay - planHours);
  }
  const gpuCostPerDay = (reservedHoursPerDay * step.reservedCnyPerGpuHour + onDemandHours * step.onDemandCnyPerGpuHour) * k.priceMultiplier;
  const paidHoursPerDay = reservedHoursPerDay + onDemandHours;
  const powerCostPerDay = power ? paidHoursPerDay * step.kilowattsPerGpu * power.pue * power.cnyPerKwh * k.powerPriceMultiplier : 0;
  const days = DAYS_PER_BILLING_MONTH;
  const costCnyPerMonth = (gpuCostPerDay + powerCostPerDay) * days;
  return {
    month,
    dau,
    tokensPerUserPerDay,
    tokensPerDay,
    gpusAtPeak: peak,
    gpuHoursPerMonth: paidHoursPerDay * days,
    reservedGpuHoursPerMonth: reservedHoursPerDay * days,
    idleReservedGpuHoursPerMonth: idle * days,
    gpuCostCnyPerMonth: gpuCostPerDay * days,
    powerCostCnyPerMonth: powerCostPerDay * days,
    costCnyPerMonth,
    costCnyPerDauPerMonth: costCnyPerMonth / dau,
    costCnyPerMillionTokens: tokensPerDay > 0 ? (gpuCostPerDay + powerCostPerDay) / (tokensPerDay / 1e6) : 0,
    hardwareStep: stepIndex,
    onDemandGpuHoursPerMonth: onDemandHours * days,
    busyGpuHoursPerMonth: step.busyReplicaHoursPerTokenPerDay * (tokensPerDay / k.efficiencyMultiplier) * tp * days,
    prefillBusyFraction: step.prefillBusyFraction,
    inputTokensPerDay: tokensPerDay * step.inputTokenFraction,
  };
}

/**
 * The Monte Carlo hot path: what monthFigures computes for the bands, written into `out` without
 * allocating (out[0] GPUs at peak, [1] paid GPU-hours a month, [2] cost CNY a month, [3] cost per
 * DAU, [4] cost per million tokens), with the same operations in the same order so every figure is
 * bit-identical to monthFigures'.
 */
export function sampleMonthInto(
  step: PreparedStep,
  dau: number,
  tokensPerUserPerDay: number,
  power: PowerSpec | undefined,
  k: SampleMultipliers,
  out: Float64Array,
  autoscaledFraction: number | null = null,
): void {
  const tokensPerDay = dau * tokensPerUserPerDay;
  const target = Math.min(1, step.targetUtilizationFraction * k.targetUtilizationMultiplier);
  const scale = tokensPerDay / k.efficiencyMultiplier / target;
  const tp = step.tensorParallelSize;
  const reserved = step.reservedGpus;
  const busy = step.busyPerTokenPerDay;
  let peak = 0;
  let onDemandHours = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const need = busy[h]! * scale;
    const gpus = need > 0 ? Math.max(1, Math.ceil(need - CEIL_TOLERANCE)) * tp : 0;
    if (gpus > peak) peak = gpus;
    if (gpus > reserved) onDemandHours += gpus - reserved;
  }
  const reservedHoursPerDay = reserved * HOURS_PER_DAY;
  if (autoscaledFraction !== null) onDemandHours = Math.max(0, autoscaledGpuHoursPerDay(peak, autoscaledFraction) - reservedHoursPerDay);
  const gpuCostPerDay = (reservedHoursPerDay * step.reservedCnyPerGpuHour + onDemandHours * step.onDemandCnyPerGpuHour) * k.priceMultiplier;
  const paidHoursPerDay = reservedHoursPerDay + onDemandHours;
  const powerCostPerDay = power ? paidHoursPerDay * step.kilowattsPerGpu * power.pue * power.cnyPerKwh * k.powerPriceMultiplier : 0;
  const days = DAYS_PER_BILLING_MONTH;
  const cost = (gpuCostPerDay + powerCostPerDay) * days;
  out[0] = peak;
  out[1] = paidHoursPerDay * days;
  out[2] = cost;
  out[3] = cost / dau;
  out[4] = tokensPerDay > 0 ? (gpuCostPerDay + powerCostPerDay) / (tokensPerDay / 1e6) : 0;
}
