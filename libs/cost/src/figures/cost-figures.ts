import type { CostFigures, PricingSpec } from '../what-if/types.js';
import { gpuHourCost } from './gpu-hour-cost.js';

export const DAYS_PER_BILLING_MONTH = 30;
const TOKENS_PER_MILLION = 1e6;

export interface CostFiguresInput {
  /** 24 GPU counts, hour 0..23. */
  readonly hourlyGpus: readonly number[];
  readonly pricing: PricingSpec;
  readonly dailyActiveUsers: number;
  /** All prompt tokens, prefix-cache hits included (what list prices charge for). */
  readonly inputTokensPerDay: number;
  readonly outputTokensPerDay: number;
  /**
   * Share of the fleet's busy time spent on prefill (the rest is decode), 0..1: prefillBusy /
   * (prefillBusy + decodeBusy). GPU cost is charged to input tokens by this share and to output
   * tokens by the rest, so each token kind carries the GPU time it occupies; idle time is spread
   * over both in the same ratio.
   */
  readonly prefillShareOfBusyFraction: number;
}

function check(value: number, field: string, max = Number.POSITIVE_INFINITY): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? 'a finite number ≥ 0' : `a fraction in [0, ${max}]`;
    throw new RangeError(`${field}: must be ${range}, got ${String(value)}`);
  }
}

/**
 * Money figures of a day's GPU plan: per day, per 30-day month, in CNY and in USD (through the
 * pricing's explicit exchange rate), per DAU per month, per million input / output tokens, and
 * revenue at list prices with the margin.
 *
 * A figure whose denominator is zero (no tokens of a kind) is 0, never NaN; the margin is null
 * when revenue is zero.
 *
 * @throws RangeError naming the field.
 * @example 10 GPUs all day at ¥15 → ¥3 600 a day, ¥108 000 a 30-day month.
 */
export function costFigures(input: CostFiguresInput): CostFigures {
  const { pricing, dailyActiveUsers, inputTokensPerDay, outputTokensPerDay, prefillShareOfBusyFraction } = input;
  const gpu = gpuHourCost(input.hourlyGpus, pricing);
  if (typeof dailyActiveUsers !== 'number' || !Number.isFinite(dailyActiveUsers) || dailyActiveUsers <= 0) {
    throw new RangeError(`dailyActiveUsers: must be a finite number > 0, got ${String(dailyActiveUsers)}`);
  }
  check(inputTokensPerDay, 'inputTokensPerDay');
  check(outputTokensPerDay, 'outputTokensPerDay');
  check(prefillShareOfBusyFraction, 'prefillShareOfBusyFraction', 1);

  const costCnyPerDay = gpu.costCnyPerDay;
  const costCnyPer30DayMonth = costCnyPerDay * DAYS_PER_BILLING_MONTH;
  const costCnyPerDauPerMonth = costCnyPer30DayMonth / dailyActiveUsers;
  const inputMillions = inputTokensPerDay / TOKENS_PER_MILLION;
  const outputMillions = outputTokensPerDay / TOKENS_PER_MILLION;
  const revenueCnyPerDay =
    inputMillions * pricing.listPriceCnyPerMillionInputTokens + outputMillions * pricing.listPriceCnyPerMillionOutputTokens;

  return {
    gpuHoursPerDay: gpu.gpuHoursPerDay,
    reservedGpuHoursPerDay: gpu.reservedGpuHoursPerDay,
    onDemandGpuHoursPerDay: gpu.onDemandGpuHoursPerDay,
    costCnyPerDay,
    costCnyPer30DayMonth,
    costUsdPerDay: costCnyPerDay / pricing.cnyPerUsd,
    costUsdPer30DayMonth: costCnyPer30DayMonth / pricing.cnyPerUsd,
    costCnyPerDauPerMonth,
    costUsdPerDauPerMonth: costCnyPerDauPerMonth / pricing.cnyPerUsd,
    costCnyPerMillionInputTokens: inputMillions > 0 ? (costCnyPerDay * prefillShareOfBusyFraction) / inputMillions : 0,
    costCnyPerMillionOutputTokens: outputMillions > 0 ? (costCnyPerDay * (1 - prefillShareOfBusyFraction)) / outputMillions : 0,
    revenueCnyPerDay,
    marginFraction: revenueCnyPerDay > 0 ? (revenueCnyPerDay - costCnyPerDay) / revenueCnyPerDay : null,
  };
}
