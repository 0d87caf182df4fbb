import type { PricingSpec } from '../what-if/types.js';
import { validatePricing } from '../pricing/validate-pricing.js';

const HOURS_PER_DAY = 24;

export interface GpuHourCost {
  /** GPU-hours paid for: reserved (all day) + on-demand. */
  readonly gpuHoursPerDay: number;
  readonly reservedGpuHoursPerDay: number;
  readonly onDemandGpuHoursPerDay: number;
  /** GPU-hours actually used by the plan (Σ hourly GPUs); below paid hours when reserved GPUs idle. */
  readonly usedGpuHoursPerDay: number;
  readonly reservedCostCnyPerDay: number;
  readonly onDemandCostCnyPerDay: number;
  readonly costCnyPerDay: number;
}

/**
 * Cost of a day's GPU plan. The reserved GPUs are paid for every hour whether busy or not; each
 * hour's GPUs above them are bought on demand.
 *
 * @param hourlyGpus 24 GPU counts, hour 0..23 (finite, ≥ 0).
 * @throws RangeError naming the field ('hourlyGpus[5]: …', 'pricing.reservedGpus: …').
 * @example 10 GPUs all day at ¥15 reserved: 240 GPU-hours, ¥3 600 a day.
 */
export function gpuHourCost(hourlyGpus: readonly number[], pricing: PricingSpec): GpuHourCost {
  if (!Array.isArray(hourlyGpus) || hourlyGpus.length !== HOURS_PER_DAY) {
    throw new RangeError(`hourlyGpus: must have exactly 24 hourly GPU counts, got ${Array.isArray(hourlyGpus) ? hourlyGpus.length : String(hourlyGpus)}`);
  }
  validatePricing(pricing);
  const reserved = pricing.reservedGpus;
  let onDemandGpuHoursPerDay = 0;
  let usedGpuHoursPerDay = 0;
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    const gpus = hourlyGpus[hour]!;
    if (typeof gpus !== 'number' || !Number.isFinite(gpus) || gpus < 0) {
      throw new RangeError(`hourlyGpus[${hour}]: must be a finite number ≥ 0, got ${String(gpus)}`);
    }
    usedGpuHoursPerDay += gpus;
    if (gpus > reserved) onDemandGpuHoursPerDay += gpus - reserved;
  }
  const reservedGpuHoursPerDay = reserved * HOURS_PER_DAY;
  const reservedCostCnyPerDay = reservedGpuHoursPerDay * pricing.reservedCnyPerGpuHour;
  const onDemandCostCnyPerDay = onDemandGpuHoursPerDay * pricing.onDemandCnyPerGpuHour;
  return {
    gpuHoursPerDay: reservedGpuHoursPerDay + onDemandGpuHoursPerDay,
    reservedGpuHoursPerDay,
    onDemandGpuHoursPerDay,
    usedGpuHoursPerDay,
    reservedCostCnyPerDay,
    onDemandCostCnyPerDay,
    costCnyPerDay: reservedCostCnyPerDay + onDemandCostCnyPerDay,
  };
}
